package dev.sessionshop.session.redis;

import dev.sessionshop.session.AttributeSerializerTest;
import dev.sessionshop.session.Browser;
import dev.sessionshop.session.SessionIds;
import dev.sessionshop.session.SessionLocation;
import dev.sessionshop.session.SessionStoreFilter;
import evil.Gadget;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only Redis shows: the hash layout, the read script's last-access time, round trips and commands, ROLE. */
class RedisSessionFilterIT extends AgainstRedis {

    @BeforeEach
    void resetGadget() {
        Gadget.executed = false;
    }

    private String key() {
        return store.key(browser.sessionCookie);
    }

    private Map<String, byte[]> hash() {
        return redis.hgetall(key());
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
    }

    @Test
    void newSessionIsOneHashWithTtlEqualToMaxInactiveInterval() throws Exception {
        browser.set("cart", "book");

        assertNotNull(browser.sessionCookie);
        assertEquals(List.of(key()), redis.keys("shop:session:*"), "one key per session");
        assertEquals("hash", redis.type(key()));
        Map<String, byte[]> hash = hash();
        assertEquals(Collections.emptySet(), new java.util.HashSet<>(hash.keySet()).stream()
                .filter(f -> !List.of("creationTime", "lastAccessedTime", "maxInactiveInterval", "version", "attr:cart").contains(f))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(5, hash.size());
        assertEquals("1", text(hash.get("version")), "the first write");
        assertEquals("1800", text(hash.get("maxInactiveInterval")));
        assertEquals("book", AttributeSerializerTest.javaDeserialize(hash.get("attr:cart")));
        long ttl = redis.pttl(key());
        assertTrue(ttl > Duration.ofMinutes(29).toMillis() && ttl <= Duration.ofMinutes(30).toMillis(), "PTTL " + ttl);
    }

    @Test
    void readingTheSessionRefreshesTtlAndLastAccessedTime() throws Exception {
        browser.set("cart", "book");
        long earlier = System.currentTimeMillis() - 60_000;
        redis.hset(key(), "lastAccessedTime", Long.toString(earlier).getBytes(StandardCharsets.US_ASCII));
        redis.pexpire(key(), 5_000);

        long[] seenLastAccessed = new long[1];
        browser.get((req, res) -> seenLastAccessed[0] = req.getSession(false).getLastAccessedTime());

        assertEquals(earlier, seenLastAccessed[0], "getLastAccessedTime() is the previous access");
        assertTrue(redis.pttl(key()) > Duration.ofMinutes(29).toMillis(), "TTL back to max inactive interval");
        long stored = Long.parseLong(text(hash().get("lastAccessedTime")));
        assertTrue(stored > earlier && stored <= System.currentTimeMillis());
    }

    @Test
    void readIsOneRoundTripAndAChangeIsOneWriteRoundTrip() throws Exception {
        try (RoundTripProxy proxy = new RoundTripProxy(REDIS.port());
             RedisSessionStore counted = RedisSessionStore.start(config(proxy.uri()))) {
            Browser viaProxy = new Browser(new SessionStoreFilter(counted));
            viaProxy.get((req, res) -> {
                req.getSession().setAttribute("cart", "book");
                req.getSession().setAttribute("coupon", "SPRING");
            });
            viaProxy.read("cart"); // warms the server's script cache (EVALSHA → NOSCRIPT → EVAL once)

            int trips = proxy.roundTrips();
            Map<String, Long> before = REDIS.commandStats();
            assertEquals("book", viaProxy.read("cart"));
            Map<String, Long> afterRead = REDIS.commandStats();
            assertEquals(1, proxy.roundTrips() - trips, "a read is one round trip");
            assertEquals(1, delta(before, afterRead, "evalsha"));
            assertEquals(0, delta(before, afterRead, "eval"));

            trips = proxy.roundTrips();
            viaProxy.get((req, res) -> {
                HttpSession session = req.getSession();
                session.setAttribute("cart", "two books");
                session.removeAttribute("coupon");
            });
            Map<String, Long> afterWrite = REDIS.commandStats();
            assertEquals(2, proxy.roundTrips() - trips, "one round trip to read + one to write");
            // The read script and the write script (each runs its HGETALL, HSET, HDEL, PEXPIRE inside
            // Redis, counted there): the write is one HSET, one HDEL, one HINCRBY and one PEXPIRE.
            assertEquals(1 + 1, delta(afterRead, afterWrite, "evalsha"));
            assertEquals(1 + 1, delta(afterRead, afterWrite, "hset"));
            assertEquals(1, delta(afterRead, afterWrite, "hdel"));
            assertEquals(1, delta(afterRead, afterWrite, "hincrby"));
            assertEquals(1 + 1, delta(afterRead, afterWrite, "pexpire"));
            assertEquals("two books", viaProxy.read("cart"));
            assertNull(viaProxy.read("coupon"));
        }
    }

    @Test
    void describeTellsKeyTtlSizeAndNode() throws Exception {
        browser.set("cart", "book");
        SessionLocation.Redis location = Located.inRedis(store.describe(browser.sessionCookie));
        assertEquals("shop:session:" + browser.sessionCookie, location.key());
        assertEquals(store.key(browser.sessionCookie), location.key());
        assertTrue(location.ttl().compareTo(Duration.ofMinutes(29)) > 0, location.ttl().toString());
        assertTrue(location.sizeBytes() > 0);
        assertEquals("127.0.0.1:" + REDIS.port(), location.node());
        assertTrue(store.describe(SessionIds.newId()).isEmpty());
        assertTrue(store.describe("bad id").isEmpty());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
