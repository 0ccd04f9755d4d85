package dev.sessionshop.benchmark;

import static dev.sessionshop.benchmark.Report.fixed;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's section "Where the CPU went": per strategy and phase, the CPU per request of the load
 * generator, each server process and the rest of the machine, and how idle the cores were. A throughput
 * ratio reads "cost per request" only when they were not; and the generator's share tells how much of a
 * ratio is the generator's.
 */
final class CpuTable {

    private CpuTable() {
    }

    static void append(StringBuilder md, List<StrategyResult> results, List<Mix> mixes) {
        Optional<StrategyResult> sticky = results.stream().filter(r -> r.strategy() == BenchStrategy.BASELINE).findFirst();
        md.append("## Where the CPU went\n\n")
                .append("CPU milliseconds per request during each mix above, from the operating system's accounting of each\n")
                .append("process (`/proc/<pid>/stat`) and of the whole machine (`/proc/stat`). *Idle*: the share of the cores'\n")
                .append("time they had nothing to do (below a few % the cores were saturated, and requests per second are about\n")
                .append("the cores divided by *whole machine*). *Load generator*: this benchmark's own JVM, the shoppers' HTTP\n")
                .append("clients, on the same cores as the shop. *Instances*: the three Payara Micro processes. *Redis primary*,\n")
                .append("*Redis replica*: the two Redis servers (the replica applies every write the primary sends it); the\n")
                .append("Sentinels are in *rest*. *memcached*: both nodes. *nginx*: its master and workers. *Rest*: busy time\n")
                .append("none of those accounts for: interrupts and the kernel's network work, the Sentinels, anything else\n")
                .append("running on the machine. *Whole machine*: all busy time. *Without the generator*: whole machine less the\n")
                .append("generator, what a request costs the shop alone; *× sticky without the generator* is sticky's figure\n")
                .append("divided by this one: the throughput ratio if the generator ran elsewhere and the cores stayed saturated\n")
                .append("(compare it with *× sticky* in the throughput table). *–*: the strategy runs no such process. The\n")
                .append("*open loop* rows: the phase of the next section, at a fixed rate below the maximum: the cores idle part of\n")
                .append("the time, and the work that does not grow with the load (the JIT still compiling, collections, the grid's\n")
                .append("heartbeats) is shared by fewer requests, so a request there may cost more than at saturation.\n\n")
                .append("| strategy | mix | requests/s | idle | load generator | instances | Redis primary | Redis replica | memcached | nginx | rest | whole machine | without the generator | × sticky without the generator |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Mix mix : mixes) {
            for (StrategyResult result : results) {
                CpuUsage cpu = result.cpu(mix);
                md.append("| ").append(result.strategy().id()).append(" | ").append(mix.label())
                        .append(" | ").append(fixed(result.phase(mix).requestsPerSecond(), 0));
                cpuColumns(md, cpu);
                md.append(" | ").append(sticky.map(s -> ratio(s.cpu(mix).machineWithoutGenerator(), cpu.machineWithoutGenerator())).orElse("–"))
                        .append(" |\n");
            }
        }
        for (StrategyResult result : results) {
            OpenLoopPhase.Result phase = result.openLoop().phase();
            md.append("| ").append(result.strategy().id()).append(" | ").append(phase.mix().label()).append(" at ")
                    .append(fixed(phase.rate(), 0)).append("/s (open loop) | ").append(fixed(phase.sentPerSecond(), 0));
            cpuColumns(md, result.openLoop().cpu());
            md.append(" | – |\n");
        }
        md.append('\n');
    }

    /** From *idle* to *without the generator*. */
    private static void cpuColumns(StringBuilder md, CpuUsage cpu) {
        md.append(" | ").append(percent(cpu.idleShare()))
                .append(cpu.stealShare() >= 0.005 ? " (steal " + percent(cpu.stealShare()) + ")" : "");
        for (CpuSplit.Part part : CpuSplit.Part.values()) {
            md.append(" | ").append(millis(cpu.millis(part)));
        }
        md.append(" | ").append(millis(cpu.rest()))
                .append(" | ").append(millis(cpu.machine()))
                .append(" | ").append(millis(cpu.machineWithoutGenerator()));
    }

    /** "12 %", or "?" when unknown. */
    private static String percent(double share) {
        return Double.isNaN(share) ? "?" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /** "0.145", or "–" for a part the strategy does not run. */
    private static String millis(double millis) {
        return Double.isNaN(millis) ? "–" : fixed(millis, 3);
    }

    /** {@code base} divided by {@code value}, "–" when either is unknown. */
    private static String ratio(double base, double value) {
        return Double.isNaN(base) || Double.isNaN(value) || value <= 0 ? "–" : fixed(base / value, 2);
    }
}
