package dev.sessionshop.session.redis;

import dev.sessionshop.session.AttributeSerializerTest;
import dev.sessionshop.session.Browser;
import dev.sessionshop.session.CountedSession;
import dev.sessionshop.session.SessionBackend;
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
    void newSessionIsOneHashWithTtlOfItsTimeoutPlusTheRefreshSlice() throws Exception {
        browser.set("cart", "book");

        assertNotNull(browser.sessionCookie);
        assertEquals(List.of(key()), redis.keys("shop:session:*"), "one key per session");
        assertEquals("hash", redis.type(key()));
        Map<String, byte[]> hash = hash();
        assertEquals(Collections.emptySet(), new java.util.HashSet<>(hash.keySet()).stream()
                .filter(f -> !List.of("creationTime", "lastAccessedTime", "maxInactiveInterval", "version", "requests", "attr:cart").contains(f))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(6, hash.size());
        assertEquals("1", text(hash.get("version")), "the first write");
        assertEquals("1", text(hash.get("requests")), "the request that created it");
        assertEquals("1800", text(hash.get("maxInactiveInterval")));
        assertEquals("book", AttributeSerializerTest.javaDeserialize(hash.get("attr:cart")));
        long ttl = redis.pttl(key());
        // 30 minutes plus the default slice of 10 %: 33 minutes.
        assertTrue(ttl > Duration.ofMinutes(32).toMillis() && ttl <= Duration.ofMinutes(33).toMillis(), "PTTL " + ttl);
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
        assertTrue(redis.pttl(key()) > Duration.ofMinutes(32).toMillis(), "TTL back to the timeout plus the slice");
        long stored = Long.parseLong(text(hash().get("lastAccessedTime")));
        assertTrue(stored > earlier && stored <= System.currentTimeMillis());
    }

    @Test
    void aReadWithinTheSliceCountsTheRequestAndLeavesTtlAndLastAccessedTimeAlone() throws Exception {
        browser.set("cart", "book");
        byte[] lastAccessed = hash().get("lastAccessedTime");
        redis.pexpire(key(), Duration.ofMinutes(31).toMillis()); // ran down by 2 minutes, less than the 3-minute slice

        Map<String, Long> before = REDIS.commandStats();
        assertEquals("book", browser.read("cart"));
        Map<String, Long> after = REDIS.commandStats();

        assertEquals(0, delta(before, after, "pexpire"), "no TTL renewal to replicate");
        assertEquals(1, delta(before, after, "hset"), "only the count");
        assertEquals(text(lastAccessed), text(hash().get("lastAccessedTime")));
        assertEquals("2", text(hash().get("requests")));
        long ttl = redis.pttl(key());
        assertTrue(ttl > Duration.ofMinutes(30).toMillis() && ttl <= Duration.ofMinutes(31).toMillis(),
                "still at least the timeout from now: " + ttl);
    }

    @Test
    void aReadOnceTheTtlRanBelowTheTimeoutRenewsItToTheTimeoutPlusTheSlice() throws Exception {
        browser.set("cart", "book");
        long earlier = System.currentTimeMillis() - Duration.ofMinutes(4).toMillis();
        redis.hset(key(), "lastAccessedTime", Long.toString(earlier).getBytes(StandardCharsets.US_ASCII));
        redis.pexpire(key(), Duration.ofMinutes(29).toMillis());

        Map<String, Long> before = REDIS.commandStats();
        assertEquals("book", browser.read("cart"));
        Map<String, Long> after = REDIS.commandStats();

        assertEquals(1, delta(before, after, "pexpire"));
        long ttl = redis.pttl(key());
        assertTrue(ttl > Duration.ofMinutes(32).toMillis() && ttl <= Duration.ofMinutes(33).toMillis(), "PTTL " + ttl);
        assertTrue(Long.parseLong(text(hash().get("lastAccessedTime"))) > earlier, "the renewal records the access");
    }

    @Test
    void withoutASliceEveryReadRenewsToExactlyTheTimeout() throws Exception {
        try (RedisSessionStore exact = RedisSessionStore.start(RedisSessionConfig.builder().redisUri(REDIS.uri())
                .allowedClasses("java.lang.*").ttlRefreshPercent(0).build())) {
            Browser eager = new Browser(new SessionStoreFilter(exact));
            eager.get((req, res) -> req.getSession().setAttribute("cart", "book"));
            String key = exact.key(eager.sessionCookie);
            long ttl = redis.pttl(key);
            assertTrue(ttl > Duration.ofMinutes(29).toMillis() && ttl <= Duration.ofMinutes(30).toMillis(), "PTTL " + ttl);
            redis.pexpire(key, Duration.ofMinutes(30).toMillis() - 1_000);

            Map<String, Long> before = REDIS.commandStats();
            assertEquals("book", eager.read("cart"));

            assertEquals(1, delta(before, REDIS.commandStats(), "pexpire"), "a second's run-down is enough");
            assertTrue(redis.pttl(key) > Duration.ofMinutes(30).toMillis() - 1_000);
        }
    }

    @Test
    void theStoreCountsEveryRequestInItsReadAndAReloadCountsNothing() throws Exception {
        browser.set("cart", "book");
        long[] counted = new long[1];
        browser.get((req, res) -> counted[0] = ((CountedSession) req.getSession(false)).requestCount().orElseThrow());
        assertEquals(2, counted[0], "the creating request and this one");
        Map<String, Long> before = REDIS.commandStats();
        browser.get((req, res) -> counted[0] = ((CountedSession) req.getSession(false)).requestCount().orElseThrow());
        Map<String, Long> after = REDIS.commandStats();
        assertEquals(3, counted[0]);
        assertEquals(1, delta(before, after, "evalsha"), "counting is part of the read: no write of its own");
        assertEquals(0, delta(before, after, "hincrby"), "and the session's version is untouched");

        assertEquals(3, store.load(browser.sessionCookie, SessionBackend.Read.RELOAD).orElseThrow().requestCount());
        assertEquals("3", text(hash().get("requests")), "a reload by the same request is not a second request");
    }

    @Test
    void aDamagedCountStartsAgainInsteadOfFailingTheRead() throws Exception {
        browser.set("cart", "book");
        redis.hset(key(), "requests", "many".getBytes(StandardCharsets.US_ASCII));

        assertEquals("book", browser.read("cart"));

        assertEquals("1", text(hash().get("requests")));
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
            // The read script and the write script (each runs its commands inside Redis, counted there): the
            // read sets the count only (its TTL is not due), the write is one HSET, one HDEL, one HINCRBY and
            // one PEXPIRE.
            assertEquals(1 + 1, delta(afterRead, afterWrite, "evalsha"));
            assertEquals(1 + 1, delta(afterRead, afterWrite, "hset"));
            assertEquals(1, delta(afterRead, afterWrite, "hdel"));
            assertEquals(1, delta(afterRead, afterWrite, "hincrby"));
            assertEquals(0 + 1, delta(afterRead, afterWrite, "pexpire"));
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
        assertTrue(location.ttl().compareTo(Duration.ofMinutes(32)) > 0, location.ttl().toString());
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
