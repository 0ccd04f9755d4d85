/**
 * The benchmark: simulated shoppers against the local topology (nginx in front of three Payara Micro
 * instances, started by {@code deployment/shop}), one strategy after the other in the same run, and a
 * report with charts in {@code docs/benchmark/}.
 *
 * <p>{@link dev.sessionshop.benchmark.Benchmark} is the command line; {@link dev.sessionshop.benchmark.StrategyRun}
 * is what happens to one strategy (warm-up, the three mixes, the open loop, the session cost in
 * {@link dev.sessionshop.benchmark.SessionCost}, failover under load), and
 * {@link dev.sessionshop.benchmark.BenchStrategy} the axes of each strategy that the phases ask;
 * {@link dev.sessionshop.benchmark.LoadPhase} drives the shoppers as fast as the shop answers and
 * {@link dev.sessionshop.benchmark.OpenLoopPhase} at a fixed rate; {@link dev.sessionshop.benchmark.CpuSplit}
 * measures where the CPU went meanwhile; {@link dev.sessionshop.benchmark.Report}
 * and {@link dev.sessionshop.benchmark.Charts} write the results down.
 */
package dev.sessionshop.benchmark;
