package dev.sessionshop.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Markdown report ({@value #FILE}) beside its charts: inputs, throughput and latency per strategy and
 * mix with the ratio to sticky, failover under load, what a session costs, and the targets met or missed.
 */
final class Report {

    static final String FILE = "README.md";
    /** The tutorial page that explains the report, in {@code docs/}. */
    private static final String TUTORIAL_PAGE = "06-the-three-compared.md";

    private final RunInputs inputs;
    private final List<StrategyResult> results;
    /** Every round of a run with {@code --rounds}, the first one {@link #results}. */
    private final List<List<StrategyResult>> rounds;
    /** The machine's cores, which the load generator, nginx, the instances and Redis share. */
    private final int cores;

    Report(RunInputs inputs, List<StrategyResult> results) {
        this(inputs, results, Runtime.getRuntime().availableProcessors());
    }

    Report(RunInputs inputs, List<StrategyResult> results, int cores) {
        this(inputs, results, List.of(results), cores);
    }

    Report(RunInputs inputs, List<StrategyResult> results, List<List<StrategyResult>> rounds, int cores) {
        this.inputs = inputs;
        this.results = List.copyOf(results);
        this.rounds = rounds.stream().map(List::copyOf).toList();
        this.cores = cores;
    }

    /** Writes the report and its charts into {@code directory}; returns the report's path. */
    Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Charts.writeAll(results, directory);
        Path file = directory.resolve(FILE);
        Files.writeString(file, markdown(tutorialPageFrom(directory)), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The link from a report in {@code directory} to page 6: relative to the {@code docs/} folder above it
     * (docs/benchmark, or a folder of its own such as docs/benchmark/routing), else as from docs/benchmark.
     */
    static String tutorialPageFrom(Path directory) {
        for (Path docs = directory.toAbsolutePath().normalize(); docs != null; docs = docs.getParent()) {
            if (Files.isRegularFile(docs.resolve(TUTORIAL_PAGE))) {
                return directory.toAbsolutePath().normalize().relativize(docs.resolve(TUTORIAL_PAGE)).toString().replace('\\', '/');
            }
        }
        return "../" + TUTORIAL_PAGE;
    }

    String markdown() {
        return markdown("../" + TUTORIAL_PAGE);
    }

    String markdown(String tutorialPage) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report\n\n")
                .append("Written by `").append(inputs.values().get("command")).append("` (module `benchmark`); run it again to\n")
                .append("check or replace every figure below. How it measures: [the tutorial, page 6](").append(tutorialPage)
                .append("#the-benchmark).\n\n");
        inputs(md);
        throughput(md);
        CpuTable.append(md, results, mixes());
        OpenLoopTable.append(md, results);
        RoundsTable.append(md, rounds, mixes());
        failover(md);
        cost(md);
        targets(md);
        budget(md);
        return md.toString();
    }

    private void inputs(StringBuilder md) {
        md.append("## Inputs\n\n| | |\n|---|---|\n");
        inputs.values().forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append('\n');
    }

    private void throughput(StringBuilder md) {
        md.append("## Throughput and latency\n\n")
                .append("Each shopper sends its next request when the last one is answered, through nginx, with its own\n")
                .append("cookies and client address. *browse*: product pages, the cart page and the cart's JSON; *shop*: 70 %\n")
                .append("of those, 30 % cart changes. Every request of both uses the session, and the shop counts it\n")
                .append("(the panel's request count), so even a *browse* request changes the session. *read-only*:\n")
                .append("`GET /api/labs/peek` only, which reads the session and its cart and writes nothing, not even the count:\n")
                .append("what a strategy costs a request with nothing to save (no target; page 6's goals are for the other two).\n")
                .append("*CPU per request*: what the three instances (and Redis, where the sessions live there) spent per request, from the operating system's\n")
                .append("accounting: with every core busy, throughput is about the cores divided by that. Measured after a\n")
                .append("warm-up (see *durations* above; a cold Payara gets several times faster in its first minutes): ")
                .append(results.stream().map(r -> r.strategy().id() + " " + r.warmUp().seconds() + " s" + (r.warmUp().steady() ? "" : " (not steady: the limit)"))
                        .collect(Collectors.joining(", "))).append(".\n\n")
                .append("| strategy | mix | requests/s | × sticky | p50 ms | p95 ms | p99 ms | p99 − sticky | errors | CPU per request |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Mix mix : mixes()) {
            for (StrategyResult result : results) {
                LoadPhase.Result phase = phase(result, mix);
                Optional<LoadPhase.Result> sticky = sticky().map(s -> phase(s, mix));
                md.append("| ").append(result.strategy().id()).append(" | ").append(mix.label())
                        .append(" | ").append(fixed(phase.requestsPerSecond(), 0))
                        .append(" | ").append(sticky.map(s -> fixed(phase.requestsPerSecond() / s.requestsPerSecond(), 2)).orElse("–"))
                        .append(" | ").append(fixed(phase.percentileMillis(50), 1))
                        .append(" | ").append(fixed(phase.percentileMillis(95), 1))
                        .append(" | ").append(fixed(phase.percentileMillis(99), 1))
                        .append(" | ").append(sticky.map(s -> signed(phase.percentileMillis(99) - s.percentileMillis(99))).orElse("–"))
                        .append(" | ").append(phase.errors())
                        .append(" | ").append(cpu(result, mix)).append(" |\n");
            }
        }
        md.append("\n![Requests per second per strategy and mix](").append(Charts.THROUGHPUT).append(")\n\n")
                .append("![99th percentile latency per strategy and mix](").append(Charts.LATENCY).append(")\n\n");
    }

    private void failover(StringBuilder md) {
        int killed = BenchmarkSettings.KILLED_INSTANCE;
        md.append("## Failover under load\n\n")
                .append("The *shop* mix; after a few seconds `deployment/shop kill ").append(killed)
                .append("` (SIGKILL), then `deployment/shop start ").append(killed).append("` under the same load, which\n")
                .append("keeps the instance out of nginx until it answers `/health/ready` (a booting Payara answers 404 with its\n")
                .append("own error page until the shop is deployed), and the load a few seconds more. *Requests* and *errors*:\n")
                .append("across the kill and the start. *Errors*: every answer other than 2xx, and requests without an answer; a\n")
                .append("4xx is the shop refusing a change to a cart line the session no longer has, \"not from the shop\" an answer\n")
                .append("without its `X-Shop-Instance` header (an error page of Payara or nginx).\n")
                .append("*Served again after*: from the kill until every shopper had an answer below 500 to a request that\n")
                .append("started after the kill and after its own last 5xx or unanswered request. *Carts lost*: afterwards each\n")
                .append("shopper reads its cart and compares it with its own record of what it added and removed (a change\n")
                .append("that failed may or may not have happened; both count as kept). *Start*: how long `start` took, until\n")
                .append("nginx sent the instance requests again.\n\n")
                .append("| strategy | requests | errors | served again after | carts lost | errors during the start | start | error reasons |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (StrategyResult result : results) {
            StrategyResult.Failover f = result.failover();
            LoadPhase.Result phase = f.phase();
            md.append("| ").append(result.strategy().id())
                    .append(" | ").append(f.requests())
                    .append(" | ").append(f.errors())
                    .append(" | ").append(phase.recovery() == null ? "–" : phase.recovery().toMillis() + " ms")
                    .append(" | ").append(f.cartsLost()).append(" of ").append(f.cartsChecked())
                    .append(f.cartsFailed() > 0 ? " (" + f.cartsFailed() + " unreadable)" : "")
                    .append(" | ").append(f.restart().errors())
                    .append(" | ").append(f.startTook() == null ? "**failed**" : fixed(f.startTook().toMillis() / 1000.0, 1) + " s")
                    .append(" | ").append(reasons(f))
                    .append(" |\n");
        }
        md.append("\n![Requests per second around the kill and the start](").append(Charts.FAILOVER).append(")\n\n");
        for (StrategyResult result : results) {
            if (!result.failover().lostExamples().isEmpty()) {
                md.append("Lost carts, ").append(result.strategy().id()).append(" (first ones):\n\n");
                result.failover().lostExamples().forEach(line -> md.append("- `").append(line).append("`\n"));
                md.append('\n');
            }
        }
    }

    /** Why requests failed: "3 × HTTP 502 to GET, …", then "; during the start: …"; "–" when none did. */
    private static String reasons(StrategyResult.Failover f) {
        String reasons = Stream.of(reasons(f.phase(), ""), reasons(f.restart(), "during the start: "))
                .filter(text -> !text.isEmpty()).collect(Collectors.joining("; "));
        return reasons.isEmpty() ? "–" : reasons;
    }

    private static String reasons(LoadPhase.Result phase, String prefix) {
        return phase.failureReasons().isEmpty() ? "" : prefix + phase.failureReasons().entrySet().stream()
                .map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining(", "));
    }

    private void cost(StringBuilder md) {
        md.append("## What a session costs\n\n")
                .append("A typical session: ").append(results.isEmpty() ? "" : results.get(0).cost().typicalCart())
                .append(" in the cart, plus the request count. Memory: each instance's class histogram\n")
                .append("(`jcmd <pid> GC.class_histogram`, which runs a full collection first) before and after new sessions\n")
                .append("were created, each with one cart line. *Heap growth* adds up what the classes that grew added: caches\n")
                .append("that a collection shrank meanwhile would otherwise hide it. Beside it, the store's own figure: Redis\n")
                .append("`used_memory`, or the grid's owned and backup entry cost added up over the members.\n\n")
                .append("| strategy | one typical session in the store | sessions created | live heap after, per instance | heap growth, all instances | per session | store growth per session |\n")
                .append("|---|---:|---:|---|---:|---:|---:|\n");
        for (StrategyResult result : results) {
            StrategyResult.Cost c = result.cost();
            md.append("| ").append(result.strategy().id())
                    .append(" | ").append(c.typicalBytes() < 0 ? "– (no store)" : c.typicalBytes() + " B " + storeName(result.strategy()))
                    .append(" | ").append(c.liveSessions())
                    .append(" | ").append(perInstance(c))
                    .append(" | ").append(mebibytes(c.totalHeapGrowth()))
                    .append(" | ").append(Math.round(c.totalHeapGrowth() / (double) c.liveSessions())).append(" B")
                    .append(" | ").append(c.storeBytesBefore() < 0 ? "–"
                            : Math.round((c.storeBytesAfter() - c.storeBytesBefore()) / (double) c.liveSessions()) + " B")
                    .append(" |\n");
        }
        md.append("\nThe classes that grew most:\n\n");
        for (StrategyResult result : results) {
            md.append("- ").append(result.strategy().id()).append(": ").append(result.cost().topGrowth().stream()
                    .map(entry -> "`" + entry.substring(0, entry.lastIndexOf(':')) + "` " + mebibytes(Long.parseLong(entry.substring(entry.lastIndexOf(':') + 2))))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        for (StrategyResult result : results) {
            Map<String, Long> failed = result.cost().failedAdditions();
            if (!failed.isEmpty()) {
                md.append("\n").append(result.strategy().id()).append(": ").append(failed.values().stream().mapToLong(Long::longValue).sum())
                        .append(" of the ").append(2 * result.cost().liveSessions()).append(" additions that made these sessions failed (")
                        .append(failed.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", ")))
                        .append("); the figures per session divide by the ").append(result.cost().liveSessions()).append(" asked for.\n");
            }
        }
        md.append("\nStore traffic per request, one shopper, ").append(results.isEmpty() ? 0 : results.get(0).cost().perRequest().get(0).requests())
                .append(" requests of each kind in a row. Redis: the commands the shop sent\n")
                .append("(`MONITOR`), the round trips (Redis's `total_reads_processed`, less an idle window as long: batched\n")
                .append("commands arrive in one read) and what the store's Lua script ran inside Redis. memcached: the commands\n")
                .append("both nodes counted (`stats`: a get-and-touch counts as TOUCH, a `cas` as SET; each is a round trip, the\n")
                .append("backup's unwaited `touch` included). Grid: operations on the\n")
                .append("session map (`LocalMapStats`, all members). *CPU, one shopper*: the same requests again without\n")
                .append("`MONITOR`, after as many unmeasured ones, what the instances (and the store) spent on them less what they spend\n")
                .append("idle in as long a window. An order of magnitude only: one shopper's request also pays for waking idle cores\n")
                .append("and shares no read, write or wake-up with another, so it costs more than under load; what fits under load is\n")
                .append("*Where the CPU went*.\n\n")
                .append("| strategy | request | store commands sent | store round trips | inside the script | grid operations | CPU, one shopper |\n")
                .append("|---|---|---|---:|---|---|---:|\n");
        for (StrategyResult result : results) {
            BenchStrategy.Home home = result.strategy().home();
            String store = home.storeName();
            for (StrategyResult.RequestCost cost : result.cost().perRequest()) {
                md.append("| ").append(result.strategy().id())
                        .append(" | ").append(cost.kind()).append(": ").append(cost.description())
                        .append(" | ").append(store != null ? perRequest(cost.sent(), cost.requests()) : "–")
                        .append(" | ").append(store != null ? fixed(cost.roundTripsPerRequest(), 2) : "–")
                        .append(" | ").append(home == BenchStrategy.Home.REDIS ? perRequest(cost.inScripts(), cost.requests()) : "–")
                        .append(" | ").append(home == BenchStrategy.Home.GRID ? perRequest(cost.gridOperations(), cost.requests()) : "–")
                        .append(" | ").append(fixed(cost.cpuMillis(), 2)).append(" ms")
                        .append(store != null ? " + " + fixed(cost.storeCpuMillis(), 2) + " ms " + store : "")
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    /** What a page view may cost the servers in an external store over sticky: instances, Redis primary and replica. */
    static final double ADDED_CPU_GOAL_MILLIS = 0.10;

    private void targets(StringBuilder md) {
        List<String[]> rows = new ArrayList<>();
        Optional<StrategyResult> sticky = sticky();
        for (StrategyResult result : results) {
            String s = result.strategy().id();
            if (result.strategy() == BenchStrategy.BASELINE || sticky.isEmpty()) {
                continue;
            }
            for (Mix mix : targetedMixes()) {
                double goal = goal(result.strategy(), mix);
                double ratio = phase(result, mix).requestsPerSecond() / phase(sticky.get(), mix).requestsPerSecond();
                rows.add(row(s + " throughput, " + mix.label() + ", ≥ " + fixed(goal, 2) + " × sticky", fixed(ratio, 2) + " ×", ratio >= goal));
            }
            // Latency at the same fixed rate for all, timed from the intended send time: at saturation a p99
            // mostly restates the throughput (Little's law), so the closed-loop phases are held to none.
            OpenLoopPhase.Result open = result.openLoop().phase();
            OpenLoopPhase.Result stickyOpen = sticky.get().openLoop().phase();
            double added = open.percentileMillis(99) - stickyOpen.percentileMillis(99);
            rows.add(row(s + " p99 at " + fixed(open.rate(), 0) + "/s (open loop), ≤ sticky + 2 ms",
                    (open.sustained() ? "" : "≥ ") + signed(added), open.sustained() && added <= 2.0));
        }
        for (StrategyResult result : results) {
            if (result.strategy().home() == BenchStrategy.Home.REDIS && sticky.isPresent()) {
                double added = result.cpu(Mix.BROWSE).servers() - sticky.get().cpu(Mix.BROWSE).servers();
                rows.add(row(result.strategy().id() + " server CPU added per browse request, ≤ " + fixed(ADDED_CPU_GOAL_MILLIS, 2) + " ms",
                        fixed(added, 3) + " ms", added <= ADDED_CPU_GOAL_MILLIS));
            }
        }
        for (StrategyResult result : results) {
            if (result.strategy().home() == BenchStrategy.Home.REDIS) {
                Map<String, StrategyResult.RequestCost> kinds = byKind(result.cost().perRequest());
                double read = kinds.get("read only").roundTripsPerRequest();
                double view = kinds.get("page view").roundTripsPerRequest();
                double change = kinds.get("cart change").roundTripsPerRequest();
                rows.add(row("Redis round trips, read-only request, 1", fixed(read, 2), Math.round(read) <= 1));
                rows.add(row("Redis round trips, page view, 1", fixed(view, 2), Math.round(view) <= 1));
                rows.add(row("Redis round trips, cart change, ≤ 2", fixed(change, 2), Math.round(change) <= 2));
            }
        }
        for (StrategyResult result : results) {
            // Sessions in an instance's memory die with it: a lost cart there is the strategy, not a miss.
            if (!result.strategy().keepsSessionsOfADeadInstance()) {
                continue;
            }
            String s = result.strategy().id();
            StrategyResult.Failover f = result.failover();
            rows.add(row(s + " failover (kill and start): no client-visible error", String.valueOf(f.errors()), f.errors() == 0));
            rows.add(row(s + " failover: no cart lost", String.valueOf(f.cartsLost() + f.cartsFailed()), f.cartsLost() + f.cartsFailed() == 0));
            long recovery = f.phase().recovery() == null ? Long.MAX_VALUE : f.phase().recovery().toMillis();
            rows.add(row(s + " failover: served again within 2 s", recovery == Long.MAX_VALUE ? "–" : recovery + " ms", recovery <= 2000));
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Targets\n\nThe goals the code should reach on this machine (the project's own, explained on page 6 of the tutorial); figures from the tables above.\n\n")
                .append("| target | measured | met |\n|---|---:|---|\n");
        rows.forEach(r -> md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n"));
        md.append('\n');
    }

    /**
     * Why a throughput ratio is missed, in CPU: with every core busy, throughput is the cores divided by
     * what a request costs the whole machine. Sticky's cost is known from its throughput; the goal ratio
     * then leaves a budget for everything another strategy may add, set beside what it adds in the
     * instances and Redis.
     */
    private void budget(StringBuilder md) {
        Optional<StrategyResult> sticky = sticky();
        if (sticky.isEmpty() || results.size() < 2) {
            return;
        }
        md.append("## What the throughput targets leave\n\n")
                .append("With every core busy, throughput is the cores (").append(cores).append(" here) divided by what one request costs the\n")
                .append("whole machine: the instances, Redis, nginx, the load generator and the kernel. Sticky's cost per request is\n")
                .append("the cores divided by its requests per second; a strategy at the goal may cost the cores divided by the goal\n")
                .append("times that rate. The difference is all it may add to a request. Beside it, what it adds in the servers alone\n")
                .append("(instances, Redis primary and replica or memcached, nginx: *Where the CPU went*, less sticky's): when that is\n")
                .append("larger, the goal is out of reach on this machine whatever the generator and the kernel cost.\n\n")
                .append("| strategy | mix | whole machine per request, sticky | may add at the goal | adds in the servers |\n")
                .append("|---|---|---:|---:|---:|\n");
        for (StrategyResult result : results) {
            if (result.strategy() == BenchStrategy.BASELINE) {
                continue;
            }
            String s = result.strategy().id();
            for (Mix mix : targetedMixes()) {
                double goal = goal(result.strategy(), mix);
                double stickyRate = phase(sticky.get(), mix).requestsPerSecond();
                if (stickyRate <= 0) {
                    continue;
                }
                double machine = cores * 1000.0 / stickyRate;
                double allowed = cores * 1000.0 / (goal * stickyRate) - machine;
                double added = result.cpu(mix).servers() - sticky.get().cpu(mix).servers();
                md.append("| ").append(s).append(" | ").append(mix.label())
                        .append(" | ").append(fixed(machine, 3)).append(" ms")
                        .append(" | ").append(fixed(allowed, 3)).append(" ms at ").append(fixed(goal, 2)).append(" ×")
                        .append(" | ").append(fixed(added, 3)).append(" ms")
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    /**
     * The throughput the project asks of a strategy, as a share of sticky's (page 6; issue 17 set them from
     * what a request costs on this machine). A new strategy is a compile error here until it has one.
     */
    private static double goal(BenchStrategy strategy, Mix mix) {
        return switch (strategy) {
            case STICKY -> 1.0;
            case STICKY_COOKIE -> 0.80;
            case CLUSTERING -> 0.45;
            case CLUSTERING_STICKY -> 0.65;
            case EXTERNAL, EXTERNAL_MEMCACHED -> mix == Mix.BROWSE ? 0.85 : 0.75;
        };
    }

    private static Map<String, StrategyResult.RequestCost> byKind(List<StrategyResult.RequestCost> costs) {
        Map<String, StrategyResult.RequestCost> map = new LinkedHashMap<>();
        costs.forEach(cost -> map.put(cost.kind(), cost));
        return map;
    }

    private static String[] row(String target, String measured, boolean met) {
        return new String[]{target, measured, met ? "yes" : "**no**"};
    }

    private Optional<StrategyResult> sticky() {
        return results.stream().filter(r -> r.strategy() == BenchStrategy.BASELINE).findFirst();
    }

    private static String cpu(StrategyResult result, Mix mix) {
        CpuUsage cpu = result.cpu(mix);
        double store = storeMillis(cpu);
        return fixed(cpu.millis(CpuSplit.Part.INSTANCES), 2) + " ms"
                + (store > 0 ? " + " + fixed(store, 2) + " ms " + result.strategy().home().storeName() : "");
    }

    /** The store that holds the sessions: the Redis primary or the memcached nodes (0 for neither). */
    private static double storeMillis(CpuUsage cpu) {
        return Stream.of(CpuSplit.Part.REDIS_PRIMARY, CpuSplit.Part.MEMCACHED).mapToDouble(cpu::millis)
                .filter(millis -> !Double.isNaN(millis)).sum();
    }

    private static LoadPhase.Result phase(StrategyResult result, Mix mix) {
        return result.phase(mix);
    }

    /** The mixes the results measured, in the order of the first one (every strategy runs the same). */
    private List<Mix> mixes() {
        return results.isEmpty() ? List.of() : List.copyOf(results.get(0).mixes().keySet());
    }

    /** The mixes the project has throughput goals for (page 6): browse and shop. */
    private List<Mix> targetedMixes() {
        return mixes().stream().filter(mix -> mix == Mix.BROWSE || mix == Mix.SHOP).toList();
    }

    private static String storeName(BenchStrategy strategy) {
        return switch (strategy.home()) {
            case REDIS -> "(Redis `MEMORY USAGE`)";
            case GRID -> "(grid entry cost, each backup as much again)";
            case MEMCACHED -> "(memcached item, on the owner and the backup node)";
            case MEMORY -> "";
        };
    }

    private static String perInstance(StrategyResult.Cost c) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.heapAfter().length; i++) {
            parts.add("shop-" + (i + 1) + " " + (c.heapAfter()[i] < 0 ? "down" : mebibytes(c.heapAfter()[i])));
        }
        return String.join(", ", parts);
    }

    /** "1.00 evalsha + 1.00 hset" per request, or "none". */
    private static String perRequest(Map<String, Long> counts, int requests) {
        if (counts.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(counts).entrySet().stream()
                .map(e -> fixed(e.getValue() / (double) requests, 2) + " " + e.getKey().toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(" + "));
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String signed(double millis) {
        return String.format(Locale.ROOT, "%+.1f ms", millis);
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

}
