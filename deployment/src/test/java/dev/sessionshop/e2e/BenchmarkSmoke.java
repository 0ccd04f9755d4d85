package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.benchmark.Benchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The benchmark's smoke run (seconds of every phase: the mixes, the session cost, failover under load)
 * against the topology a test class started: it checks that the harness still works with the shop as it
 * is now, not its figures. Its failover phase kills an instance and starts it again, so it is each class's
 * last test.
 */
final class BenchmarkSmoke {

    private BenchmarkSmoke() {
    }

    static void run(Topology shop) throws IOException {
        for (int n = 1; n <= Topology.INSTANCES; n++) {
            if (!shop.running(n)) {
                shop.start(n);
            }
        }
        // An instance an earlier test killed and started again may still be out of nginx's rotation
        // (fail_timeout): its sticky shoppers would move home in the middle of the run, to empty carts.
        shop.awaitNginxRoutesToEveryInstance(Duration.ofSeconds(30));
        Path out = Files.createTempDirectory("benchmark-smoke-");
        Path repository = Launcher.locate().script().toAbsolutePath().getParent().getParent();
        String strategy = shop.strategy().launcherName();

        Benchmark.SmokeResult result = Benchmark.smoke(repository, strategy, out);

        assertTrue(result.measuredRequests() > 0, "the mixes sent requests");
        assertEquals(0, result.measuredErrors(), "no request of the mixes failed");
        assertTrue(result.failoverRequests() > 0, "the failover phase sent requests");
        assertEquals(4, result.cartsChecked(), "every shopper read its cart back after the failover");
        String report = Files.readString(result.report());
        assertTrue(report.contains("| " + strategy + " | browse | "), report);
        assertTrue(report.contains("| " + strategy + " | shop | "), report);
        assertTrue(report.contains("## Failover under load"), report);
        assertTrue(report.contains("## What a session costs"), report);
        // What each strategy's session-cost part reads from the shop: Redis's MEMORY USAGE and MONITOR, memcached's
        // item size (/api/session/location) and command counters (stats: a get-and-touch is a TOUCH), or the grid's
        // entry cost (/api/session/location) and map statistics (/api/cluster's sessionMap).
        // A switch expression: a home the benchmark learns without this check being told does not compile.
        List<String> costShown = switch (shop.strategy().home()) {
            case REDIS -> List.of(Pattern.quote(" B (Redis `MEMORY USAGE`)"), Pattern.quote("1.00 EVALSHA"));
            case GRID -> List.of(Pattern.quote(" B (grid entry cost"),
                    Pattern.quote("| " + strategy + " | cart change: ") + "[^|]*\\| – \\| – \\| – \\| [0-9.]+ [A-Z]+");
            case MEMCACHED -> List.of(Pattern.quote(" B (memcached item, on the owner and the backup node)"),
                    Pattern.quote("| " + strategy + " | read only: ") + "[^|]*\\| [0-9.]+ TOUCH");
            case MEMORY -> List.of(Pattern.quote("| " + strategy + " | – (no store) |"));
        };
        for (String shown : costShown) {
            assertTrue(Pattern.compile(shown).matcher(report).find(), shown + " in\n" + report);
        }
        for (String chart : List.of("throughput.svg", "latency-p99.svg", "failover.svg")) {
            assertTrue(Files.readString(out.resolve(chart)).contains("<svg"), chart);
        }
    }
}
