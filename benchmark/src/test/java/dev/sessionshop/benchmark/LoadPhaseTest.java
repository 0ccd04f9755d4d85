package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load phase against a stand-in shop on loopback whose answers the test controls. */
class LoadPhaseTest {

    private HttpServer server;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger changes = new AtomicInteger();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private URI shop;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("POST") || exchange.getRequestMethod().equals("DELETE")) {
                changes.incrementAndGet();
            }
            byte[] body = "{\"lines\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failing.get() ? 502 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        shop = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void countsEveryRequestAndMeasuresItsLatency() {
        LoadPhase.Result result = phase(Mix.BROWSE, Duration.ofMillis(600)).run();

        assertTrue(result.requests() > 10, "requests: " + result.requests());
        assertEquals(0, result.errors());
        assertEquals(result.requests(), result.latencyMicros().getTotalCount());
        assertEquals(result.requests(), sum(result.okPerBucket()));
        assertEquals(0, changes.get(), "the browse mix changes nothing");
        assertTrue(result.requestsPerSecond() > 0);
    }

    @Test
    void theReadOnlyMixOnlyPeeksAtTheSession() {
        LoadPhase.Result result = phase(Mix.READ_ONLY, Duration.ofMillis(400)).run();

        assertTrue(result.requests() > 0, "requests: " + result.requests());
        assertEquals(0, result.errors());
        assertEquals(Set.of("GET /api/labs/peek"), requested, "no page that counts the request, no change");
    }

    @Test
    void theShopMixChangesTheCartInAboutThirtyPercentOfItsRequests() {
        LoadPhase.Result result = phase(Mix.SHOP, Duration.ofMillis(800)).run();

        double share = changes.get() / (double) result.requests();
        assertTrue(share > 0.15 && share < 0.45, "changes: " + changes.get() + " of " + result.requests());
    }

    @Test
    void measuresErrorsAndTheTimeUntilEveryShopperIsServedAgainAfterTheEvent() {
        LoadPhase.Result result = phase(Mix.SHOP, Duration.ofMillis(1500)).run(Duration.ofMillis(300), () -> {
            failing.set(true);
            sleep(400);
            failing.set(false);
        });

        assertTrue(result.errors() > 0, "the 400 ms of 502s were seen");
        assertEquals(result.errors(), result.failureReasons().entrySet().stream()
                .filter(e -> e.getKey().startsWith("HTTP 502 to ")).mapToLong(java.util.Map.Entry::getValue).sum());
        assertEquals(result.errors(), sum(result.failedPerBucket()));
        assertNotNull(result.recovery());
        long recovery = result.recovery().toMillis();
        assertTrue(recovery >= 400 && recovery < 1000, "served again after " + recovery + " ms");
        assertTrue(Math.abs(result.eventAt().toMillis() - 300) < 200, "event at " + result.eventAt());
    }

    @Test
    void aPhaseAroundAnEventLastsUntilAWhileAfterTheEventNotItsWholeLimit() {
        LoadPhase.Result result = phase(Mix.SHOP, Duration.ofSeconds(60)).runAround(() -> sleep(500), Duration.ofMillis(300));

        long elapsed = result.elapsed().toMillis();
        assertTrue(elapsed >= 800 && elapsed < 3_000, "the phase lasted " + elapsed + " ms, not its 60 s limit");
        assertTrue(result.okPerBucket().length <= elapsed / LoadPhase.BUCKET_MILLIS + 2, "only the buckets it used: "
                + result.okPerBucket().length);
        assertEquals(result.requests(), sum(result.okPerBucket()));
        assertEquals(0, result.eventAt().toMillis() / 100, "the event runs at the start: " + result.eventAt());
    }

    @Test
    void anAnswerWithoutTheShopsHeaderIsNamedAsNotFromTheShop() {
        failing.set(true);

        LoadPhase.Result result = phase(Mix.BROWSE, Duration.ofMillis(300)).run();

        assertTrue(result.errors() > 0);
        assertTrue(result.failureReasons().keySet().stream().allMatch(reason -> reason.equals("HTTP 502 to GET, not from the shop")),
                result.failureReasons().toString());
    }

    private LoadPhase phase(Mix mix, Duration duration) {
        List<Shopper> shoppers = List.of(new Shopper(1, shop, 1), new Shopper(2, shop, 2), new Shopper(3, shop, 3));
        return new LoadPhase("test", mix, shoppers, duration, new Progress(new PrintStream(new ByteArrayOutputStream()), false));
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
