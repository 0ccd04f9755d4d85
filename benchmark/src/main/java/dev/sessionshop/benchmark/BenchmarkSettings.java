package dev.sessionshop.benchmark;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard: the mode's durations, the number of shoppers, and what the session-cost part
 * does.
 *
 * @param mode            "quick", "full" or "smoke" (recorded in the report)
 * @param strategies      in the order they run; the ratios compare each with {@code sticky}
 * @param users           shoppers, each one request at a time (the fixed concurrency)
 * @param warmUp          shop mix before anything is measured (JIT, connection pools, first sessions), at
 *                        least this long and until three 10 s slices in a row agree within 5 % …
 * @param warmUpLimit     … but no longer than this
 * @param measure         how long each mix is measured at its maximum (closed loop)
 * @param openLoop        how long the browse mix is measured at a fixed rate (open loop) …
 * @param openLoopRate    … of this many requests per second; 0: half of sticky's browse maximum in the
 *                        same run (half of the strategy's own when sticky has not run before it)
 * @param failover        how long the failover phase lasts …
 * @param killAt          … and when in it one instance is killed (SIGKILL)
 * @param afterStart      then the killed instance is started again under the same load; the load goes on
 *                        this long after the start returned (the instance ready, and back in nginx)
 * @param costRequests    requests of each kind for the per-request store traffic
 * @param liveSessions    sessions created for the heap and store memory figures
 * @param rounds          how many times every strategy runs, each round in another order ({@link Rounds})
 */
record BenchmarkSettings(String mode, List<BenchStrategy> strategies, int users, Duration warmUp, Duration warmUpLimit, Duration measure,
                         Duration openLoop, double openLoopRate, Duration failover, Duration killAt, Duration afterStart,
                         int costRequests, int liveSessions, int rounds) {

    /**
     * What a run without {@code --strategies} measures: the baseline, the two grids side by side (what sticky
     * routing saves the grid) and the two external stores side by side (Redis, memcached). sticky-cookie keeps
     * its sessions where sticky does and differs only in nginx's choice of instance, so it is left to
     * {@code --strategies}: a sixth strategy would add a fifth to every run.
     */
    static final List<BenchStrategy> DEFAULT_STRATEGIES = List.of(BenchStrategy.STICKY, BenchStrategy.CLUSTERING,
            BenchStrategy.CLUSTERING_STICKY, BenchStrategy.EXTERNAL, BenchStrategy.EXTERNAL_MEMCACHED);
    /** The instance the failover phase kills. */
    static final int KILLED_INSTANCE = 2;

    /** A few minutes per strategy on the 2-core machine: every figure, shorter measurements, fewer sessions. */
    static BenchmarkSettings quick() {
        return new BenchmarkSettings("quick", DEFAULT_STRATEGIES, 16, Duration.ofSeconds(30), Duration.ofSeconds(90),
                Duration.ofSeconds(15), Duration.ofSeconds(15), 0, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5), 200, 2_000, 1);
    }

    /** Longer measurements for steadier figures (the report in docs/ comes from this one). */
    static BenchmarkSettings full() {
        // The same warm-up for every strategy: the rule "until steady" stopped at a plateau of the JIT once,
        // and the strategy then got a third faster during its measurement.
        return new BenchmarkSettings("full", DEFAULT_STRATEGIES, 16, Duration.ofSeconds(180), Duration.ofSeconds(180),
                Duration.ofSeconds(45), Duration.ofSeconds(45), 0, Duration.ofSeconds(30), Duration.ofSeconds(8), Duration.ofSeconds(10), 500, 10_000, 1);
    }

    /** Seconds, against a topology that is already up: checks that the harness works, not its figures. */
    static BenchmarkSettings smoke(BenchStrategy strategy) {
        // A warm-up long enough for a cold page's first compilation (an instance the test class restarted).
        return new BenchmarkSettings("smoke", List.of(strategy), 4, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2), 20, 200, 1);
    }

    BenchmarkSettings withStrategies(List<BenchStrategy> chosen) {
        return new BenchmarkSettings(mode, chosen, users, warmUp, warmUpLimit, measure, openLoop, openLoopRate, failover, killAt,
                afterStart, costRequests, liveSessions, rounds);
    }

    BenchmarkSettings withUsers(int count) {
        return new BenchmarkSettings(mode, strategies, count, warmUp, warmUpLimit, measure, openLoop, openLoopRate, failover, killAt,
                afterStart, costRequests, liveSessions, rounds);
    }

    BenchmarkSettings withOpenLoopRate(double requestsPerSecond) {
        return new BenchmarkSettings(mode, strategies, users, warmUp, warmUpLimit, measure, openLoop, requestsPerSecond, failover, killAt,
                afterStart, costRequests, liveSessions, rounds);
    }

    BenchmarkSettings withRounds(int count) {
        return new BenchmarkSettings(mode, strategies, users, warmUp, warmUpLimit, measure, openLoop, openLoopRate, failover, killAt,
                afterStart, costRequests, liveSessions, count);
    }
}
