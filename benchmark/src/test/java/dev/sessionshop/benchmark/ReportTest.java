package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from made-up figures: every number it prints is computed from them. */
class ReportTest {

    @TempDir
    Path dir;

    @Test
    void comparesEachStrategyWithStickyAndSaysWhichTargetsAreMissed() throws IOException {
        Report report = new Report(inputs(), List.of(
                result(BenchStrategy.STICKY, 1000, 5_000, 0, 0),
                result(BenchStrategy.EXTERNAL, 700, 9_000, 0, 0),      // 0.70 x sticky, p99 +4 ms
                result(BenchStrategy.CLUSTERING, 950, 5_500, 3, 1)),   // 0.95 x, +0.5 ms, 3 errors and a lost cart in failover
                2);

        String md = report.markdown();

        assertTrue(md.contains("| external | browse | 700 | 0.70 | "), md);
        assertTrue(md.contains(" | 0 | 6.00 ms + 0.25 ms Redis |"), md);
        assertTrue(md.contains("| sticky | shop | 1000 | 1.00 | "), md);
        assertTrue(md.contains("| clustering | browse | 950 | 0.95 | "), md);
        // 2 cores at sticky's 1000/s: 2 ms a request; 0.85 x leaves 2/850 - 2/1000 s = 0.353 ms; external adds
        // 0.25 ms in the Redis primary and 0.025 in the replica (instances and nginx as sticky's).
        assertTrue(md.contains("| external | browse | 2.000 ms | 0.353 ms at 0.85 × | 0.275 ms |"), md);
        assertTrue(md.contains("| clustering | shop | 2.000 ms | 2.444 ms at 0.45 × | 0.000 ms |"), md);
        assertTrue(md.contains("| external p99 at 500/s (open loop), ≤ sticky + 2 ms | +4.0 ms | **no** |"), md);
        assertTrue(md.contains("| external server CPU added per browse request, ≤ 0.10 ms | 0.275 ms | **no** |"), md);
        assertTrue(md.contains("| external throughput, browse, ≥ 0.85 × sticky | 0.70 × | **no** |"), md);
        assertTrue(md.contains("| external throughput, shop, ≥ 0.75 × sticky | 0.70 × | **no** |"), md);
        assertTrue(md.contains("| clustering throughput, browse, ≥ 0.45 × sticky | 0.95 × | yes |"), md);
        assertTrue(md.contains("| Redis round trips, page view, 1 | 1.00 | yes |"), md);
        assertFalse(md.contains("| external p99, browse"), "a closed-loop p99 at saturation is held to no target: " + md);
        assertTrue(md.contains("| clustering failover (kill and start): no client-visible error | 3 | **no** |"), md);
        assertTrue(md.contains("| clustering failover: no cart lost | 1 | **no** |"), md);
        assertTrue(md.contains("| external failover: served again within 2 s | 700 ms | yes |"), md);
        assertTrue(md.contains("| commit | abc1234 |"), md);
        assertTrue(md.contains("clustering: 6 of the 2000 additions that made these sessions failed (HTTP 503 × 6); the figures per session divide by the 1000 asked for."), md);
        assertFalse(md.contains("external: 6 of"), "only the strategy whose additions failed is named: " + md);
    }

    @Test
    void theReadOnlyMixIsReportedBesideTheOthersButHeldToNoTarget() {
        String md = new Report(inputs(), List.of(
                result(BenchStrategy.STICKY, 1000, 5_000, 0, 0),
                result(BenchStrategy.EXTERNAL, 700, 9_000, 0, 0)),
                2).markdown();

        assertTrue(md.contains("| external | read-only | 700 | 0.70 | "), md);
        assertTrue(md.contains(" | 0 | 5.00 ms + 0.20 ms Redis |"), md);
        assertTrue(md.contains("| external | read-only | 700 | 1 % | 0.500 | 5.000 | 0.200 | 0.020 | – | 0.100 | "), md);
        assertFalse(md.contains("read-only, ≥"), "the project's goals are for browse and shop: " + md);
        assertFalse(md.contains("| external | read-only | 2."), "nor is the budget: " + md);
    }

    @Test
    void reportsOpenLoopPercentilesFromTheIntendedSendTimeAndMarksARateNotSustained() {
        StrategyResult sticky = result(BenchStrategy.STICKY, 1000, 5_000, 0, 0);
        StrategyResult slow = result(BenchStrategy.CLUSTERING, 400, 9_000, 0, 0);
        slow = new StrategyResult(slow.strategy(), slow.warmUp(), slow.mixes(), openLoop(500, 90_000, 1_200), slow.failover(), slow.cost());

        String md = new Report(inputs(), List.of(sticky, slow), 2).markdown();

        assertTrue(md.contains("## Latency at a fixed rate (open loop)"), md);
        assertTrue(md.contains("sticky 500/s (half of sticky's browse maximum)"), md);
        assertTrue(md.contains("| sticky | 500/s | 500 | 2.0 | 5.0 | 5.0 | 5.0 | 1.5 | 7 of 5000 | 0 | 0 |"), md);
        // 1200 of the 5000 due were not sent: 380/s sent, and every percentile only a lower bound
        assertTrue(md.contains("| clustering | 500/s | 380 | ≥ 2.0 | ≥ 90.0 | ≥ 90.0 | ≥ 90.0 | 1.5 | 7 of 3800 | **1200** | 0 |"), md);
        assertTrue(md.contains("| clustering | browse at 500/s (open loop) | 380 | 1 % | 0.500 | 3.000 | – | – | – | 0.100 | 1.400 | 5.000 | 4.500 | – |"), md);
    }

    @Test
    void reportsTheMedianRatioToStickyOfTheRoundsAndItsSpread() {
        // given: external at 0.60, 0.70 and 0.65 x sticky, the second round in the other order
        List<StrategyResult> first = List.of(result(BenchStrategy.STICKY, 1000, 5_000, 0, 0), result(BenchStrategy.EXTERNAL, 600, 5_000, 0, 0));
        List<StrategyResult> second = List.of(result(BenchStrategy.EXTERNAL, 700, 5_000, 0, 0), result(BenchStrategy.STICKY, 1000, 5_000, 0, 0));
        List<StrategyResult> third = List.of(result(BenchStrategy.STICKY, 800, 5_000, 0, 0), result(BenchStrategy.EXTERNAL, 520, 5_000, 0, 0));

        // when
        String md = new Report(inputs(), first, List.of(first, second, third), 2).markdown();

        // then: without the generator (8000/rps less 0.5 ms), 7.5/12.83, 7.5/10.93 and 9.5/14.88: median 0.64
        assertTrue(md.contains("## Ratios over rounds"), md);
        assertTrue(md.contains("(sticky, external; external, sticky; sticky, external)"), md);
        assertTrue(md.contains("| external | browse | 0.65 | 0.60 – 0.70 | 0.60, 0.70, 0.65 | 0.64 |"), md);
        assertTrue(md.contains("| external | browse | 600 | 0.60 | "), "the other tables are the first round's: " + md);
    }

    @Test
    void aRunOfOneRoundHasNoRoundsSection() {
        String md = new Report(inputs(), List.of(result(BenchStrategy.STICKY, 1000, 5_000, 0, 0)), 2).markdown();

        assertFalse(md.contains("## Ratios over rounds"), md);
    }

    @Test
    void splitsEachMixsCpuPerRequestIntoGeneratorServersAndRestWithTheIdleShare() {
        // the whole machine: 8 ms a request for sticky at 1000/s, 10 ms for external at 800/s
        Report report = new Report(inputs(), List.of(
                result(BenchStrategy.STICKY, 1000, 5_000, 0, 0),
                result(BenchStrategy.EXTERNAL, 800, 5_000, 0, 0)),
                2);

        String md = report.markdown();

        assertTrue(md.contains("## Where the CPU went"), md);
        // generator 0.5, instances 6.0, no Redis, nginx 0.1, rest 8 - 6.6; without the generator 7.5 ms
        assertTrue(md.contains("| sticky | browse | 1000 | 1 % | 0.500 | 6.000 | – | – | – | 0.100 | 1.400 | 8.000 | 7.500 | 1.00 |"), md);
        // Redis primary 0.25 and replica 0.025, rest 10 - 6.875; without the generator 9.5 ms: 7.5 / 9.5 = 0.79 x sticky
        assertTrue(md.contains("| external | browse | 800 | 1 % | 0.500 | 6.000 | 0.250 | 0.025 | – | 0.100 | 3.125 | 10.000 | 9.500 | 0.79 |"), md);
        assertTrue(md.contains("*Load generator*: this benchmark's own JVM"), "the columns are explained: " + md);
    }

    @Test
    void theRouteCookieStrategiesAreComparedWithStickyAndOnlyTheGridOneIsHeldToFailoverTargets() {
        Report report = new Report(inputs(), List.of(
                result(BenchStrategy.STICKY, 1000, 5_000, 0, 0),
                result(BenchStrategy.STICKY_COOKIE, 980, 5_000, 40, 5),     // memory: losing carts is the strategy
                result(BenchStrategy.CLUSTERING, 400, 9_000, 0, 0),
                result(BenchStrategy.CLUSTERING_STICKY, 650, 6_000, 0, 0)),
                2);

        String md = report.markdown();

        assertTrue(md.contains("| sticky-cookie | browse | 980 | 0.98 | "), md);
        assertTrue(md.contains("| clustering-sticky | shop | 650 | 0.65 | "), md);
        assertTrue(md.contains("| sticky-cookie | – (no store) | "), md);
        assertTrue(md.contains("| clustering-sticky | 300 B (grid entry cost, each backup as much again) | "), md);
        assertTrue(md.contains("| clustering-sticky | read only: r | – | – | – | 1.00 GETS | 0.25 ms |"), md);
        assertTrue(md.contains("| sticky-cookie | read only: r | – | – | – | – | 0.25 ms |"), md);
        assertTrue(md.contains("| clustering-sticky throughput, browse, ≥ 0.65 × sticky | 0.65 × | yes |"), md);
        assertTrue(md.contains("| sticky-cookie throughput, shop, ≥ 0.80 × sticky | 0.98 × | yes |"), md);
        assertTrue(md.contains("| clustering-sticky failover: no cart lost | 0 | yes |"), md);
        assertTrue(md.contains("| sticky-cookie | 37240 | 40 | 700 ms | 5 of 16 | 0 | 23.4 s | 40 × HTTP 502 |"), md);
        assertFalse(md.contains("sticky-cookie failover:"), "sessions in memory are lost with their instance by design: " + md);
        assertTrue(md.contains("| clustering-sticky | browse | 2.000 ms | 1.077 ms at 0.65 × | 0.000 ms |"), md);
    }

    @Test
    void errorsWhileTheKilledInstanceStartsCountInTheFailoverAndAreShownApart() {
        StrategyResult killed = result(BenchStrategy.CLUSTERING, 1000, 5_000, 2, 0);
        LoadPhase.Result restart = new LoadPhase.Result("r", Mix.SHOP, 16, Duration.ofSeconds(28), 28_000, 38,
                Map.of("HTTP 404 to GET, not from the shop", 38L), histogram(1_000), new long[]{250, 250}, new long[]{0, 38},
                Duration.ZERO, Duration.ofMillis(5));
        StrategyResult.Failover f = killed.failover();
        StrategyResult result = new StrategyResult(killed.strategy(), killed.warmUp(), killed.mixes(), killed.openLoop(),
                new StrategyResult.Failover(f.phase(), restart, null, 2, 16, 0, 0, List.of()), killed.cost());

        String md = new Report(inputs(), List.of(result), 2).markdown();

        assertTrue(md.contains("| clustering | 38000 | 40 | 700 ms | 0 of 16 | 38 | **failed** | 2 × HTTP 502; during the start: "
                + "38 × HTTP 404 to GET, not from the shop |"), md);
        assertTrue(md.contains("| clustering failover (kill and start): no client-visible error | 40 | **no** |"), md);
    }

    @Test
    void everyStrategyHasItsOwnColourAndItsWholeNameInTheCharts() throws IOException {
        List<StrategyResult> all = java.util.Arrays.stream(BenchStrategy.values()).map(s -> result(s, 1000, 5_000, 0, 0)).toList();

        new Report(inputs(), all).write(dir.resolve("all"));

        String failover = Files.readString(dir.resolve("all").resolve(Charts.FAILOVER));
        for (BenchStrategy strategy : BenchStrategy.values()) {
            int rgb = strategy.colour();
            String colour = "rgb(" + (rgb >> 16) + "," + (rgb >> 8 & 0xFF) + "," + (rgb & 0xFF) + ")";
            assertTrue(failover.contains(strategy.id() + ": served"), strategy.id());
            assertTrue(failover.contains(colour), strategy.id() + " drawn in " + colour);
        }
        for (String bars : List.of(Charts.THROUGHPUT, Charts.LATENCY)) {
            String svg = Files.readString(dir.resolve("all").resolve(bars));
            assertFalse(svg.contains("..."), bars + ": a strategy's name was cut short under its bars");
            assertTrue(svg.contains(">clustering-<") && svg.contains(">sticky-cookie<"), bars);
        }
    }

    @Test
    void reportsRedisTrafficPerRequestFromTheCountsMeasured() throws IOException {
        String md = new Report(inputs(), List.of(result(BenchStrategy.EXTERNAL, 700, 9_000, 0, 0))).markdown();

        assertTrue(md.contains("| external | read only: r | 1.00 EVALSHA | 1.00 | 1.00 HGETALL + 1.00 PEXPIRE | – | 0.25 ms + 0.02 ms Redis |"), md);
        assertTrue(md.contains("| Redis round trips, read-only request, 1 | 1.00 | yes |"), md);
        assertTrue(md.contains("| Redis round trips, cart change, ≤ 2 | 2.00 | yes |"), md);
    }

    @Test
    void writesTheReportAndThreeSvgCharts() throws IOException {
        Path file = new Report(inputs(), List.of(result(BenchStrategy.STICKY, 1000, 5_000, 0, 0), result(BenchStrategy.EXTERNAL, 900, 6_000, 0, 0)))
                .write(dir.resolve("out"));

        assertEquals("README.md", file.getFileName().toString());
        for (String chart : List.of(Charts.THROUGHPUT, Charts.LATENCY, Charts.FAILOVER)) {
            String svg = Files.readString(dir.resolve("out").resolve(chart));
            assertTrue(svg.contains("<svg") && svg.trim().endsWith("</svg>"), chart);
            assertTrue(Files.readString(file).contains("](" + chart + ")"), "the report shows " + chart);
        }
        assertTrue(Files.readString(dir.resolve("out").resolve(Charts.THROUGHPUT)).contains("external"));
    }

    private static RunInputs inputs() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("command", "benchmark/run --quick");
        values.put("commit", "abc1234");
        return new RunInputs(values);
    }

    /** A strategy whose both mixes ran at {@code rps} with a p99 of {@code p99Micros}. */
    private static StrategyResult result(BenchStrategy strategy, int rps, long p99Micros, int failoverErrors, int cartsLost) {
        boolean redis = strategy.home() == BenchStrategy.Home.REDIS;
        LoadPhase.Result browse = phase(Mix.BROWSE, rps, p99Micros, 0);
        LoadPhase.Result shop = phase(Mix.SHOP, rps, p99Micros, 0);
        LoadPhase.Result failover = new LoadPhase.Result("f", Mix.SHOP, 16, Duration.ofSeconds(10), rps * 10L, failoverErrors,
                failoverErrors == 0 ? Map.of() : Map.of("HTTP 502", (long) failoverErrors), histogram(p99Micros),
                new long[]{rps / 4, rps / 4}, new long[]{0, failoverErrors}, Duration.ofSeconds(3), Duration.ofMillis(700));
        StrategyResult.RequestCost read = new StrategyResult.RequestCost("read only", "r", 10,
                Map.of("evalsha", 10L), 10, Map.of("hgetall", 10L, "pexpire", 10L), Map.of("gets", 10L), 0.25, 0.02);
        StrategyResult.RequestCost view = new StrategyResult.RequestCost("page view", "v", 10,
                Map.of("evalsha", 10L), 10, Map.of("hgetall", 10L), Map.of("gets", 10L), 0.25, 0.02);
        StrategyResult.RequestCost change = new StrategyResult.RequestCost("cart change", "c", 10,
                Map.of("evalsha", 10L, "hset", 10L, "pexpire", 10L), 20, Map.of(), Map.of(), 0.375, 0.04);
        StrategyResult.Cost cost = new StrategyResult.Cost("3 lines, 4 items", strategy.home() == BenchStrategy.Home.MEMORY ? -1 : 300,
                List.of(read, view, change), 1000, new long[]{100, 100, 100}, new long[]{200, 200, 200}, new long[]{100, 100, 100},
                List.of("java.util.HashMap$Node: 300"), 0, 1000,
                strategy == BenchStrategy.CLUSTERING ? Map.of("HTTP 503", 6L) : Map.of());
        Map<Mix, StrategyResult.Measured> mixes = new LinkedHashMap<>();
        mixes.put(Mix.BROWSE, new StrategyResult.Measured(browse, cpu(6.0, redis ? 0.25 : Double.NaN, 8_000.0 / rps)));
        mixes.put(Mix.SHOP, new StrategyResult.Measured(shop, cpu(6.5, redis ? 0.3 : Double.NaN, 8_000.0 / rps)));
        mixes.put(Mix.READ_ONLY, new StrategyResult.Measured(phase(Mix.READ_ONLY, rps, p99Micros, 0),
                cpu(5.0, redis ? 0.2 : Double.NaN, 8_000.0 / rps)));
        return new StrategyResult(strategy, new StrategyResult.WarmUp(60, true), mixes, openLoop(500, p99Micros, 0),
                new StrategyResult.Failover(failover, restart(rps), Duration.ofMillis(23_400), 2, 16, cartsLost, 0, List.of()), cost);
    }

    /**
     * A mix's CPU per request: {@code instances} ms in the instances, {@code redis} in the Redis primary (NaN:
     * no Redis) and a tenth of it in the replica, 0.5 ms in the generator, 0.1 ms in nginx; the whole machine
     * {@code machine} ms, 1 % idle.
     */
    private static CpuUsage cpu(double instances, double redis, double machine) {
        Map<CpuSplit.Part, Double> parts = new EnumMap<>(CpuSplit.Part.class);
        parts.put(CpuSplit.Part.GENERATOR, 0.5);
        parts.put(CpuSplit.Part.INSTANCES, instances);
        if (!Double.isNaN(redis)) {
            parts.put(CpuSplit.Part.REDIS_PRIMARY, redis);
            parts.put(CpuSplit.Part.REDIS_REPLICA, redis / 10);
        }
        parts.put(CpuSplit.Part.NGINX, 0.1);
        return new CpuUsage(parts, machine, 0.01, 0);
    }

    /**
     * 10 s of browse at {@code rate}: 1 % of the requests took {@code p99Micros} from their intended time, the
     * rest 2 ms; {@code unsent} were not sent by the end.
     */
    private static StrategyResult.OpenLoop openLoop(int rate, long p99Micros, long unsent) {
        long requests = rate * 10L - unsent;
        Histogram fromIntended = new Histogram(3);
        fromIntended.recordValueWithCount(2_000, requests - requests / 50);
        fromIntended.recordValueWithCount(p99Micros, requests / 50 + unsent);
        OpenLoopPhase.Result phase = new OpenLoopPhase.Result("o", Mix.BROWSE, rate, Duration.ofSeconds(10), Duration.ofSeconds(10),
                requests, 0, 7, unsent, fromIntended, histogram(1_500));
        return new StrategyResult.OpenLoop(phase, cpu(3.0, Double.NaN, 5.0), "half of sticky's browse maximum");
    }

    /** The phase around the start of the killed instance: no error, as the readiness gate should make it. */
    private static LoadPhase.Result restart(int rps) {
        return new LoadPhase.Result("r", Mix.SHOP, 16, Duration.ofSeconds(28), rps * 28L, 0, Map.of(), histogram(1_000),
                new long[]{rps / 4, rps / 4}, new long[]{0, 0}, Duration.ZERO, Duration.ofMillis(5));
    }

    private static LoadPhase.Result phase(Mix mix, int rps, long p99Micros, long errors) {
        return new LoadPhase.Result(mix.label(), mix, 16, Duration.ofSeconds(10), rps * 10L, errors, Map.of(),
                histogram(p99Micros), new long[]{rps}, new long[]{0}, null, null);
    }

    /** 98 latencies of 1 ms and 2 of {@code p99Micros}: the 99th percentile is {@code p99Micros}. */
    private static Histogram histogram(long p99Micros) {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(1_000, 98);
        histogram.recordValueWithCount(p99Micros, 2);
        return histogram;
    }

    @Test
    void aReportLinksToPageSixFromWhereverUnderDocsItIsWritten() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("06-the-three-compared.md"), "# 6\n");

        assertEquals("../06-the-three-compared.md", Report.tutorialPageFrom(docs.resolve("benchmark")));
        assertEquals("../../06-the-three-compared.md", Report.tutorialPageFrom(docs.resolve("benchmark/routing")));
        assertEquals("../06-the-three-compared.md", Report.tutorialPageFrom(dir.resolve("elsewhere")), "outside docs: as from docs/benchmark");
    }
}
