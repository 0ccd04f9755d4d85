package dev.sessionshop.session.redis;

import dev.sessionshop.session.*;
import evil.Gadget;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter and store against a real redis-server. */
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
    void requestThatChangesNothingWritesNothing() throws Exception {
        browser.set("cart", new ArrayList<>(List.of("book")));
        browser.read("cart"); // script cached
        Map<String, byte[]> before = hash();
        Map<String, Long> statsBefore = REDIS.commandStats();

        browser.get((req, res) -> {
            HttpSession session = req.getSession();
            session.getAttributeNames();
            @SuppressWarnings("unchecked")
            List<String> cart = (List<String>) session.getAttribute("cart");
            cart.add("pen"); // mutated in place, no setAttribute: documented as not saved
            session.removeAttribute("never-set");
        });

        Map<String, Long> statsAfter = REDIS.commandStats();
        assertEquals(1, delta(statsBefore, statsAfter, "evalsha"));
        assertEquals(1, delta(statsBefore, statsAfter, "hset"), "only the read script's lastAccessedTime");
        assertEquals(1, delta(statsBefore, statsAfter, "pexpire"), "only the read script's TTL refresh");
        assertEquals(0, delta(statsBefore, statsAfter, "hdel"));
        Map<String, byte[]> after = hash();
        assertEquals(before.keySet(), after.keySet());
        assertTrue(java.util.Arrays.equals(before.get("attr:cart"), after.get("attr:cart")));
        assertEquals(List.of("book"), browser.read("cart"), "in-place mutation without setAttribute is not saved");
    }

    @Test
    void forgedIdCreatesNoKeyAndMalformedIdCostsNoRedisCall() throws Exception {
        browser.sessionCookie = SessionIds.newId();
        AtomicReference<HttpSession> seen = new AtomicReference<>();
        browser.get((req, res) -> seen.set(req.getSession(false)));
        assertNull(seen.get());
        assertEquals(0L, redis.dbsize(), "a forged id must not create a key");

        Map<String, Long> before = REDIS.commandStats();
        for (String malformed : List.of("../../etc/passwd", "*", "A".repeat(5000), SessionIds.newId() + "x")) {
            browser.sessionCookie = malformed;
            browser.get((req, res) -> seen.set(req.getSession(false)));
            assertNull(seen.get());
        }
        Map<String, Long> after = REDIS.commandStats();
        assertEquals(0, delta(before, after, "evalsha") + delta(before, after, "eval"), "no Redis call for malformed ids");

        String forged = SessionIds.newId();
        browser.sessionCookie = forged;
        browser.get((req, res) -> seen.set(req.getSession(true)));
        assertNotEquals(forged, seen.get().getId(), "the server never adopts an id it did not issue");
        assertEquals(0L, redis.exists(store.key(forged)));
    }

    @Test
    void invalidateDeletesTheKeyAndExpiresTheCookie() throws Exception {
        browser.set("cart", "book");
        String key = key();
        AtomicReference<HttpSession> invalidated = new AtomicReference<>();

        Browser.Exchange exchange = browser.get((req, res) -> {
            HttpSession session = req.getSession();
            session.invalidate();
            invalidated.set(session);
            assertThrows(IllegalStateException.class, () -> session.getAttribute("cart"));
            assertThrows(IllegalStateException.class, () -> session.setAttribute("cart", "x"));
            assertThrows(IllegalStateException.class, session::invalidate);
            assertNull(req.getSession(false));
        });

        assertEquals(0L, redis.exists(key));
        assertEquals(0L, redis.dbsize(), "the end-of-request save does not resurrect it");
        String setCookie = exchange.response().headers("Set-Cookie").get(0);
        assertTrue(setCookie.startsWith("SHOPSESSION=;") && setCookie.contains("Max-Age=0"), setCookie);
        assertNull(browser.sessionCookie);
        assertThrows(IllegalStateException.class, () -> invalidated.get().getCreationTime());
    }

    @Test
    void changeSessionIdMovesTheSessionAndKillsTheOldId() throws Exception {
        browser.set("cart", "book");
        String oldId = browser.sessionCookie;
        AtomicReference<String> newId = new AtomicReference<>();

        Browser.Exchange exchange = browser.get((req, res) -> {
            newId.set(req.changeSessionId());
            assertEquals(newId.get(), req.getSession(false).getId());
            req.getSession().setAttribute("user", "alice");
        });

        assertNotEquals(oldId, newId.get());
        assertTrue(SessionIds.isWellFormed(newId.get()));
        assertEquals(newId.get(), browser.sessionCookie, "the new id went out in Set-Cookie");
        assertTrue(exchange.response().headers("Set-Cookie").get(0).contains("HttpOnly; SameSite=Lax"));
        assertEquals(0L, redis.exists(store.key(oldId)));
        assertEquals(1L, redis.exists(store.key(newId.get())));
        assertEquals("book", browser.read("cart"));
        assertEquals("alice", browser.read("user"));

        browser.sessionCookie = oldId;
        assertNull(browser.read("cart"), "the old id names nothing");
        assertEquals(0L, redis.exists(store.key(oldId)), "and reading it does not bring it back");
    }

    @Test
    void plantedNonAllowListedObjectEndsTheSessionWhenReadAndRunsNothing() throws Exception {
        browser.set("cart", "book");
        String oldKey = key();
        redis.hset(oldKey, "attr:cart", AttributeSerializerTest.javaSerialize(new Gadget()));
        redis.hset(oldKey, "attr:map", AttributeSerializerTest.javaSerialize(
                new java.util.concurrent.ConcurrentHashMap<>(Map.of("k", "v"))));

        try (LogRecorder log = new LogRecorder()) {
            AtomicReference<Object> planted = new AtomicReference<>("not read");
            AtomicReference<HttpSession> after = new AtomicReference<>();
            AtomicReference<HttpSession> fresh = new AtomicReference<>();
            Browser.Exchange exchange = browser.get((req, res) -> {
                planted.set(req.getSession(false).getAttribute("cart"));
                after.set(req.getSession(false));
                fresh.set(req.getSession(true));
            });

            assertFalse(Gadget.executed, "the planted object's readObject never ran");
            assertNull(planted.get(), "the planted value is never handed out");
            assertNull(after.get(), "from then on the request has no session");
            assertTrue(fresh.get().isNew());
            assertNotEquals(oldKey, store.key(fresh.get().getId()));
            assertEquals(0L, redis.exists(oldKey), "the poisoned key is deleted");
            assertEquals(200, exchange.response().status);
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("rejected"), warnings.get(0));
        }
        assertNull(browser.read("cart"));
    }

    @Test
    void corruptedBlobEndsTheSessionWhenRead() throws Exception {
        browser.set("cart", "book");
        String oldKey = key();
        redis.hset(oldKey, "attr:cart", "\u00ac\u00ed garbage SECRET".getBytes(StandardCharsets.UTF_8));

        try (LogRecorder log = new LogRecorder()) {
            AtomicReference<HttpSession> fresh = new AtomicReference<>();
            Browser.Exchange exchange = browser.get((req, res) -> {
                assertNull(req.getSession().getAttribute("cart"));
                fresh.set(req.getSession());
            });
            assertTrue(fresh.get().isNew());
            assertNull(fresh.get().getAttribute("cart"));
            assertEquals(0L, redis.exists(oldKey));
            String warning = log.messages(Level.WARNING).get(0);
            assertFalse(warning.contains("SECRET") || warning.contains("garbage"), "no payload in the log: " + warning);
            assertEquals(fresh.get().getId(), browser.sessionCookie, "the browser has the fresh session's cookie");
            assertTrue(exchange.response().headers("Set-Cookie").get(0).contains("Max-Age=0"), "the old cookie was expired first");
        }
    }

    @Test
    void valuesAreReadOnlyWhenAskedFor() throws Exception {
        // given: a session holding a value that would end it, if anyone read it
        browser.set("cart", "book");
        redis.hset(key(), "attr:unused", AttributeSerializerTest.javaSerialize(new Gadget()));

        // when: requests read and change other attributes only
        assertEquals("book", browser.read("cart"));
        browser.set("cart", "two books");

        // then: the planted value was never deserialized, and the session lives on
        assertFalse(Gadget.executed);
        assertEquals("two books", browser.read("cart"));
        assertEquals(1L, redis.exists(key()));
    }

    @Test
    void gadgetAndCorruptedBlobPlantedTogetherAreRejectedLoggedAndReplacedByAFreshSession() throws Exception {
        // given: a shopper signed in with a cart, and someone with write access to Redis who plants both
        // a class outside the allow-list and bytes that are no serialization stream at all in that hash
        browser.get((req, res) -> {
            req.getSession().setAttribute("shop.cart", new ArrayList<>(List.of("kettle")));
            req.getSession().setAttribute("shop.displayName", "Ada");
        });
        String poisonedId = browser.sessionCookie;
        String poisonedKey = key();
        redis.hset(poisonedKey, "attr:shop.gadget", AttributeSerializerTest.javaSerialize(new Gadget()));
        redis.hset(poisonedKey, "attr:shop.blob", "\u00ac\u00ed\u0000\u0005 PAYLOAD-123".getBytes(StandardCharsets.ISO_8859_1));

        try (LogRecorder log = new LogRecorder()) {
            // when: the shopper's next request reads every attribute it has
            AtomicReference<HttpSession> existing = new AtomicReference<>();
            AtomicReference<String> freshId = new AtomicReference<>();
            Browser.Exchange exchange = browser.get((req, res) -> {
                HttpSession poisoned = req.getSession(false);
                for (String name : Collections.list(poisoned.getAttributeNames())) {
                    poisoned.getAttribute(name);
                }
                existing.set(req.getSession(false));
                HttpSession fresh = req.getSession(true);
                freshId.set(fresh.getId());
                assertTrue(fresh.isNew());
                assertNull(fresh.getAttribute("shop.displayName"), "nothing of the poisoned session survives");
                fresh.setAttribute("shop.cart", new ArrayList<>(List.of("mug")));
            });

            // then: nothing ran, the poisoned session is over, its hash is gone, a new session works
            assertFalse(Gadget.executed, "the planted gadget's readObject never ran");
            assertNull(existing.get(), "once a value is refused, the poisoned session is no session");
            assertEquals(200, exchange.response().status);
            assertEquals(0L, redis.exists(poisonedKey), "the poisoned hash is deleted");
            assertNotEquals(poisonedId, freshId.get());
            assertEquals(freshId.get(), browser.sessionCookie, "the browser got the fresh session's cookie");
            List<String> warnings = log.messages(Level.WARNING);
            assertFalse(warnings.isEmpty(), "the rejection is logged");
            for (String warning : warnings) {
                assertTrue(warning.contains("rejected"), warning);
                assertFalse(warning.contains("PAYLOAD-123") || warning.contains(poisonedId), "no payload, no full id: " + warning);
            }
        }
        assertEquals(List.of("mug"), browser.read("shop.cart"));
        browser.sessionCookie = poisonedId;
        assertNull(browser.read("shop.cart"), "the poisoned id names nothing any more");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        Browser.Exchange plain = browser.set("cart", "book");
        assertEquals(List.of("SHOPSESSION=" + browser.sessionCookie + "; Path=/shop; HttpOnly; SameSite=Lax"),
                plain.response().headers("Set-Cookie"));

        Browser secureBrowser = new Browser(new SessionStoreFilter(store));
        Browser.Exchange secure = secureBrowser.get((req, res) -> req.getSession(), req -> req.secure = true, res -> { });
        assertEquals(List.of("SHOPSESSION=" + secureBrowser.sessionCookie + "; Path=/shop; Secure; HttpOnly; SameSite=Lax"),
                secure.response().headers("Set-Cookie"));

        Browser.Exchange again = browser.get((req, res) -> req.getSession().getAttribute("cart"));
        assertTrue(again.response().headers("Set-Cookie").isEmpty(), "the cookie is sent once, when created");
    }

    @Test
    void sessionIsSavedBeforeSendRedirectCommits() throws Exception {
        AtomicReference<Object> inRedisAtCommit = new AtomicReference<>();
        browser.get((req, res) -> {
            req.getSession().setAttribute("cart", "book");
            res.sendRedirect("/shop/checkout");
        }, req -> { }, res -> res.onCommit = () -> {
            String header = res.headers("Set-Cookie").get(0);
            String id = header.substring("SHOPSESSION=".length(), header.indexOf(';'));
            byte[] value = redis.hget(store.key(id), "attr:cart");
            inRedisAtCommit.set(value == null ? null : AttributeSerializerTest.javaDeserialize(value));
        });
        assertEquals("book", inRedisAtCommit.get(), "the new session was in Redis when the redirect committed");

        inRedisAtCommit.set(null);
        browser.get((req, res) -> {
            req.getSession().setAttribute("cart", "two books");
            res.sendRedirect("/shop/checkout");
        }, req -> { }, res -> res.onCommit = () ->
                inRedisAtCommit.set(AttributeSerializerTest.javaDeserialize(redis.hget(key(), "attr:cart"))));
        assertEquals("two books", inRedisAtCommit.get(), "the change was in Redis when the redirect committed");
    }

    @Test
    void sessionIsSavedBeforeTheWriterFlushCommits() throws Exception {
        AtomicReference<byte[]> inRedisAtCommit = new AtomicReference<>();
        browser.get((req, res) -> {
            req.getSession().setAttribute("cart", "book");
            res.getWriter().print("<p>added</p>");
            res.getWriter().flush();
        }, req -> { }, res -> res.onCommit = () -> {
            String header = res.headers("Set-Cookie").get(0);
            inRedisAtCommit.set(redis.hget(store.key(header.substring(12, header.indexOf(';'))), "attr:cart"));
        });
        assertNotNull(inRedisAtCommit.get());
    }

    @Test
    void setMaxInactiveIntervalUpdatesTheTtl() throws Exception {
        browser.set("cart", "book");
        browser.get((req, res) -> req.getSession().setMaxInactiveInterval(60));
        assertEquals("60", text(hash().get("maxInactiveInterval")));
        assertTrue(redis.pttl(key()) <= 60_000 && redis.pttl(key()) > 50_000);

        redis.pexpire(key(), 10_000);
        assertEquals("book", browser.read("cart"));
        assertTrue(redis.pttl(key()) > 50_000 && redis.pttl(key()) <= 60_000, "reads refresh to the session's own interval");
    }

    @Test
    void sessionMethodsAnswerLikeAContainerSession() throws Exception {
        long start = System.currentTimeMillis();
        AtomicReference<HttpSession> first = new AtomicReference<>();
        browser.get((req, res) -> {
            HttpSession session = req.getSession();
            first.set(session);
            assertTrue(session.isNew());
            assertSame(session, req.getSession(false), "one session object per request");
            session.setAttribute("a", 1);
            session.setAttribute("b", 2);
            session.setAttribute("b", null);
            assertEquals(List.of("a"), Collections.list(session.getAttributeNames()));
            assertSame(req.getServletContext(), session.getServletContext());
            assertFalse(req.isRequestedSessionIdValid());
            assertThrows(IllegalArgumentException.class, () -> session.setAttribute("x", new Object()));
        });
        browser.get((req, res) -> {
            HttpSession session = req.getSession(false);
            assertFalse(session.isNew());
            assertEquals(first.get().getId(), session.getId());
            assertEquals(first.get().getCreationTime(), session.getCreationTime());
            assertTrue(session.getCreationTime() >= start);
            assertEquals(1800, session.getMaxInactiveInterval());
            assertEquals(List.of("a"), Collections.list(session.getAttributeNames()));
            assertEquals(1, session.getAttribute("a"));
            assertTrue(req.isRequestedSessionIdValid());
            assertTrue(req.isRequestedSessionIdFromCookie());
            assertEquals(session.getId(), req.getRequestedSessionId());
        });
    }

    @Test
    void concurrentRequestsOfOneSessionEachWriteOnlyTheirChanges() throws Exception {
        browser.get((req, res) -> {
            req.getSession().setAttribute("cart", "empty");
            req.getSession().setAttribute("shared", "initial");
        });
        Browser other = new Browser(new SessionStoreFilter(store));
        other.sessionCookie = browser.sessionCookie;

        // A loads the session, waits while B loads, changes and saves it, then A changes and saves.
        CountDownLatch aLoaded = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            try {
                browser.get((req, res) -> {
                    HttpSession session = req.getSession(false);
                    aLoaded.countDown();
                    await(bDone);
                    session.setAttribute("cart", "book");
                    session.setAttribute("shared", "from A");
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await(aLoaded);
        other.get((req, res) -> {
            req.getSession(false).setAttribute("wishlist", "pen");
            req.getSession(false).setAttribute("shared", "from B");
        });
        bDone.countDown();
        a.get(10, TimeUnit.SECONDS);

        assertEquals("book", browser.read("cart"), "A's change survives");
        assertEquals("pen", browser.read("wishlist"), "B's change survives: A wrote only what A changed");
        assertEquals("from A", browser.read("shared"), "same attribute: last writer wins");
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
