package dev.sessionshop.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line ({@code benchmark/run}, which builds first): for each strategy, {@code deployment/shop up},
 * the measurements of {@link StrategyRun}, {@code deployment/shop down}; then the report and its charts.
 */
public final class Benchmark {

    static final String USAGE = """
            Usage: benchmark/run [--quick | --full] [--strategies sticky,clustering,...] [--users N] [--open-rate R] [--rounds N] [--out DIR]

            Measures session strategies on this machine, one after the other in one run, through nginx on the
            local topology (deployment/shop): requests per second, latency and CPU per request (the load
            generator's, each server process's, the machine's idle share) of a browse, a shop and a read-only
            mix; latency at a fixed rate (open loop); failover under load (one instance killed, then started
            again), and what a session costs (bytes in the store, store traffic per request, heap with many
            live sessions). Writes a Markdown report and SVG charts.

              --quick         shorter warm-up and measurements, 2 000 sessions: about 5.5 minutes per strategy
                              here, 1.5 of them the start of the killed instance under load (the default)
              --full          180 s warm-up per strategy, 10 000 sessions: 9.5-11.5 minutes per strategy here
              --strategies    which ones, in this order, from: %s
                              (default: %s; ratios need sticky)
              --users N       concurrent shoppers (default 16)
              --open-rate R   the open-loop phase's rate, requests per second (default: half of sticky's
                              browse maximum in the same run, for every strategy after sticky)
              --rounds N      run every strategy N times, each round in another order (ABC, CBA, BCA, ...),
                              and report the median ratio to sticky and its spread (default 1)
              --out DIR       where the report goes (default docs/benchmark)
              --help          this text

            Needs what deployment/shop up needs (Java 17, nginx, redis-server) and the ports it uses free.
            """.formatted(BenchStrategy.names(), BenchmarkSettings.DEFAULT_STRATEGIES.stream().map(BenchStrategy::id)
            .collect(Collectors.joining(",")));

    private Benchmark() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, Path.of(System.getProperty("shop.repository", ".")).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            status = 2;
        } catch (IllegalStateException | IOException e) {
            System.err.println("benchmark: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, Path repository) throws IOException {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (arguments.contains("--help") || arguments.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        BenchmarkSettings settings = BenchmarkSettings.quick();
        Path outDir = repository.resolve("docs/benchmark");
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            switch (arg) {
                case "--quick" -> settings = keepingChoices(BenchmarkSettings.quick(), settings);
                case "--full" -> settings = keepingChoices(BenchmarkSettings.full(), settings);
                case "--rounds" -> settings = settings.withRounds(wholeNumber(arg, value(arguments, ++i, arg), 1, 10));
                case "--open-rate" -> settings = settings.withOpenLoopRate(rate(value(arguments, ++i, arg)));
                case "--strategies" -> settings = settings.withStrategies(strategies(value(arguments, ++i, arg)));
                case "--users" -> settings = settings.withUsers(wholeNumber(arg, value(arguments, ++i, arg), 1, 200));
                case "--out" -> outDir = Path.of(value(arguments, ++i, arg)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (!Files.isExecutable(repository.resolve("deployment/shop"))) {
            throw new IllegalArgumentException(repository + " is not the repository (no deployment/shop); run benchmark/run");
        }
        Path report = measure(settings, new LocalTopology(repository), true, outDir, Progress.toStderr());
        out.println("benchmark: report written to " + report);
        return 0;
    }

    /**
     * Runs the benchmark and writes the report.
     *
     * @param startTopologies true: {@code deployment/shop up}/{@code down} around each strategy; false: the
     *                        one strategy's topology is already up (the smoke run of the end-to-end tests)
     * @return the report's path
     */
    static Path measure(BenchmarkSettings settings, LocalTopology topology, boolean startTopologies, Path outDir,
                        Progress progress) throws IOException {
        Instant started = Instant.now();
        RunInputs inputs = RunInputs.collect(topology.repository(), settings, started);
        List<List<StrategyResult>> rounds = new ArrayList<>();
        StrategyRun.OpenRate openRate = settings.openLoopRate() > 0
                ? new StrategyRun.OpenRate(settings.openLoopRate(), "--open-rate") : null;
        for (int round = 0; round < settings.rounds(); round++) {
            List<BenchStrategy> order = Rounds.order(settings.strategies(), round);
            if (settings.rounds() > 1) {
                progress.step("round " + (round + 1) + " of " + settings.rounds() + ": "
                        + order.stream().map(BenchStrategy::id).collect(Collectors.joining(", ")));
            }
            List<StrategyResult> results = new ArrayList<>();
            for (BenchStrategy strategy : order) {
                StrategyResult result = measure(strategy, settings, topology, startTopologies, progress, openRate);
                results.add(result);
                if (openRate == null && strategy == BenchStrategy.BASELINE) {
                    // Every strategy after sticky at the rate sticky had, in every round: the same load, so the
                    // latencies compare.
                    openRate = new StrategyRun.OpenRate(result.openLoop().phase().rate(), "half of sticky's browse maximum");
                }
            }
            rounds.add(results);
        }
        Path report = new Report(inputs, rounds.get(0), rounds, Runtime.getRuntime().availableProcessors()).write(outDir);
        progress.step("done in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        return report;
    }

    /** One strategy: its topology up (unless it is up already), its run, the topology down. */
    private static StrategyResult measure(BenchStrategy strategy, BenchmarkSettings settings, LocalTopology topology,
                                          boolean startTopologies, Progress progress, StrategyRun.OpenRate openRate) {
        if (startTopologies) {
            progress.step("deployment/shop up " + strategy.id());
            topology.up(strategy);
        }
        try {
            return new StrategyRun(strategy, settings, topology, progress, openRate).run();
        } finally {
            if (startTopologies) {
                progress.step("deployment/shop down");
                topology.down();
            }
        }
    }

    /**
     * The smoke run: seconds of every phase against the topology of {@code strategyId} (its launcher name)
     * that is already up,
     * report into {@code outDir}. Kills instance {@link BenchmarkSettings#KILLED_INSTANCE} at the end and starts it again.
     */
    public static SmokeResult smoke(Path repository, String strategyId, Path outDir) throws IOException {
        BenchStrategy strategy = BenchStrategy.parse(strategyId);
        BenchmarkSettings settings = BenchmarkSettings.smoke(strategy);
        LocalTopology topology = new LocalTopology(repository);
        List<StrategyResult> results = new ArrayList<>();
        Instant started = Instant.now();
        RunInputs inputs = RunInputs.collect(repository, settings, started);
        Progress progress = new Progress(System.err, false);
        StrategyResult result = new StrategyRun(strategy, settings, topology, progress, null).run();
        results.add(result);
        Path report = new Report(inputs, results).write(outDir);
        return new SmokeResult(report, result.mixes().values().stream().mapToLong(m -> m.phase().requests()).sum(),
                result.mixes().values().stream().mapToLong(m -> m.phase().errors()).sum(), result.failover().requests(),
                result.failover().cartsChecked());
    }

    /**
     * What the smoke run produced.
     *
     * @param measuredRequests requests of the measured mixes, and {@code measuredErrors} among them
     * @param failoverRequests requests of the failover phase, across the kill and the start
     * @param cartsChecked     shoppers whose cart was read back after the failover
     */
    public record SmokeResult(Path report, long measuredRequests, long measuredErrors, long failoverRequests, int cartsChecked) {
    }

    private static String value(List<String> arguments, int index, String option) {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments.get(index);
    }

    private static List<BenchStrategy> strategies(String list) {
        List<BenchStrategy> chosen = Arrays.stream(list.split(",")).map(BenchStrategy::parse).toList();
        if (chosen.stream().distinct().count() < chosen.size()) {
            throw new IllegalArgumentException("a strategy is named twice: " + list);
        }
        return chosen;
    }

    /** A mode's durations with the choices made so far (strategies, users, open-loop rate, rounds), whatever their order. */
    private static BenchmarkSettings keepingChoices(BenchmarkSettings mode, BenchmarkSettings chosen) {
        return mode.withStrategies(chosen.strategies()).withUsers(chosen.users()).withOpenLoopRate(chosen.openLoopRate())
                .withRounds(chosen.rounds());
    }

    private static double rate(String value) {
        try {
            double rate = Double.parseDouble(value);
            if (!(rate >= 1 && rate <= 100_000)) {
                throw new IllegalArgumentException("--open-rate must be 1 to 100000 requests per second, not " + value);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--open-rate must be a number, not " + value);
        }
    }

    /** A whole-number option's value, from {@code min} to {@code max}. */
    private static int wholeNumber(String option, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not " + value);
        }
    }
}
