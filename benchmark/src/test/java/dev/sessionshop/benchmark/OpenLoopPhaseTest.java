package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open loop against a stand-in shop on loopback that answers at once, or after a delay the test sets. */
class OpenLoopPhaseTest {

    private HttpServer server;
    /** Every answer waits until then (System.nanoTime(); now: no wait). */
    private final AtomicLong stallUntil = new AtomicLong(System.nanoTime());
    /** And this long besides. */
    private final AtomicLong delayMillis = new AtomicLong();
    private URI shop;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            long wait = Math.max(0, stallUntil.get() - System.nanoTime()) / 1_000_000 + delayMillis.get();
            sleep(wait);
            exchange.getResponseHeaders().add(Shopper.INSTANCE_HEADER, "stand-in");
            exchange.sendResponseHeaders(200, -1);
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
    void holdsExactlyTheRequestsItsScheduleHasAndTimesEachOne() {
        OpenLoopPhase.Result result = phase(200, Duration.ofSeconds(1)).run();

        // 1 s at 200/s: 200 due, each sent or (on a machine too busy to keep up) counted as not sent
        assertEquals(200, result.requests() + result.unsent());
        assertEquals(200, result.fromIntended().getTotalCount());
        assertEquals(result.requests(), result.answer().getTotalCount());
        assertEquals(result.unsent() == 0, result.sustained());
        assertEquals(0, result.errors());
        assertTrue(result.elapsed().toMillis() < 1_500, "ends with its schedule: " + result.elapsed());
    }

    @Test
    void aStallCountsInEveryRequestItHeldBackNotOnlyInTheOneThatMetIt() {
        // given: at 300 ms the shop stops answering for 300 ms; 2 shoppers at 100/s each meet it once
        Thread stall = new Thread(() -> {
            sleep(300);
            stallUntil.set(System.nanoTime() + 300_000_000L);
        });
        stall.start();

        // when
        OpenLoopPhase.Result result = phase(200, Duration.ofMillis(1_500)).run();

        // then: about a quarter of the requests were due during the stall; from their intended time each
        // waited for it, while from their actual send only the two that met it did
        assertTrue(result.late() > 20, "the requests due during the stall went late: " + result.late());
        assertTrue(result.fromIntended().getValueAtPercentile(90) > 50_000,
                "p90 from the intended time: " + result.fromIntended().getValueAtPercentile(90) + " µs");
        assertTrue(result.answer().getValueAtPercentile(90) < 50_000,
                "p90 from the actual send: " + result.answer().getValueAtPercentile(90) + " µs");
    }

    @Test
    void requestsNotSentByTheEndAreCountedWithTheirWaitAndTheRateIsNotSustained() {
        delayMillis.set(50);

        OpenLoopPhase.Result result = phase(200, Duration.ofMillis(500)).run();

        // 2 shoppers, one request at a time, 50 ms each: about 20 of the 100 due
        assertTrue(result.unsent() > 50, "unsent: " + result.unsent());
        assertFalse(result.sustained());
        assertEquals(result.requests() + result.unsent(), result.fromIntended().getTotalCount());
        assertTrue(result.sentPerSecond() < 100, "sent " + result.sentPerSecond() + "/s");
    }

    @Test
    void aRateOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> phase(0, Duration.ofSeconds(1)));
    }

    /** Two shoppers, each having sent a few requests already (the first ones of a JVM are slow). */
    private OpenLoopPhase phase(double rate, Duration duration) {
        List<Shopper> shoppers = List.of(new Shopper(1, shop, 1), new Shopper(2, shop, 2));
        for (Shopper shopper : shoppers) {
            for (int i = 0; i < 20; i++) {
                shopper.peek();
            }
        }
        return new OpenLoopPhase("test", Mix.READ_ONLY, shoppers, rate, duration, new Progress(new PrintStream(new ByteArrayOutputStream()), false));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
