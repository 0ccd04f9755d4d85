package dev.sessionshop.session;

import evil.Gadget;
import jakarta.servlet.http.HttpSession;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the filter and its session promise against the real server of each backend: the cookie, ids,
 * invalidate and changeSessionId, the TTL, the save before the response commits, the allow-list against
 * planted values, and values read only when asked for.
 */
public interface SessionBehaviourContract extends StoreContract {

    @Test
    default void aNewSessionIsStoredWithTtlOfItsMaxInactiveInterval() throws Exception {
        browser().set("cart", "book");

        String id = browser().sessionCookie;
        assertNotNull(id);
        assertEquals(1L, probe().sessionCount(), "one session");
        assertEquals("book", AttributeSerializerTest.javaDeserialize(probe().stored(id, "cart")));
        assertEquals(1, probe().version(id), "the first write");
        long ttl = probe().ttlMillis(id);
        Duration timeout = Duration.ofMinutes(30);
        assertTrue(ttl > timeout.minusMinutes(1).toMillis() && ttl <= timeout.plus(probe().ttlSlack(timeout)).toMillis(), "TTL " + ttl);
    }

    @Test
    default void readingTheSessionRenewsItsTtl() throws Exception {
        browser().set("cart", "book");
        String id = browser().sessionCookie;
        probe().expireIn(id, Duration.ofSeconds(5));

        assertEquals("book", browser().read("cart"));

        assertTrue(probe().ttlMillis(id) > Duration.ofMinutes(29).toMillis(), "TTL back to max inactive interval");
    }

    @Test
    default void aRequestThatChangesNothingWritesNothing() throws Exception {
        browser().set("cart", new ArrayList<>(List.of("book")));
        String id = browser().sessionCookie;
        byte[] before = probe().stored(id, "cart");
        long writes = probe().writes();

        browser().get((req, res) -> {
            HttpSession session = req.getSession();
            session.getAttributeNames();
            @SuppressWarnings("unchecked")
            List<String> cart = (List<String>) session.getAttribute("cart");
            cart.add("pen"); // mutated in place, no setAttribute: documented as not saved
            session.removeAttribute("never-set");
        });

        assertEquals(writes, probe().writes(), "no write");
        assertArrayEquals(before, probe().stored(id, "cart"));
        assertEquals(1, probe().version(id));
        assertEquals(List.of("book"), browser().read("cart"), "in-place mutation without setAttribute is not saved");
    }

    @Test
    default void forgedIdCreatesNothingAndMalformedIdCostsNoCallToTheStore() throws Exception {
        browser().sessionCookie = SessionIds.newId();
        AtomicReference<HttpSession> seen = new AtomicReference<>();
        browser().get((req, res) -> seen.set(req.getSession(false)));
        assertNull(seen.get());
        assertEquals(0L, probe().sessionCount(), "a forged id must not create a session");

        long before = probe().calls();
        for (String malformed : List.of("../../etc/passwd", "*", "A".repeat(5000), SessionIds.newId() + "x")) {
            browser().sessionCookie = malformed;
            browser().get((req, res) -> seen.set(req.getSession(false)));
            assertNull(seen.get());
        }
        long after = probe().calls();
        assertEquals(before, after, "no call to the store for malformed ids");

        String forged = SessionIds.newId();
        browser().sessionCookie = forged;
        browser().get((req, res) -> seen.set(req.getSession(true)));
        assertNotEquals(forged, seen.get().getId(), "the server never adopts an id it did not issue");
        assertFalse(probe().exists(forged));
    }

    @Test
    default void invalidateDeletesTheKeyAndExpiresTheCookie() throws Exception {
        browser().set("cart", "book");
        String id = browser().sessionCookie;
        AtomicReference<HttpSession> invalidated = new AtomicReference<>();

        Browser.Exchange exchange = browser().get((req, res) -> {
            HttpSession session = req.getSession();
            session.invalidate();
            invalidated.set(session);
            assertThrows(IllegalStateException.class, () -> session.getAttribute("cart"));
            assertThrows(IllegalStateException.class, () -> session.setAttribute("cart", "x"));
            assertThrows(IllegalStateException.class, session::invalidate);
            assertNull(req.getSession(false));
        });

        assertFalse(probe().exists(id));
        assertEquals(0L, probe().sessionCount(), "the end-of-request save does not resurrect it");
        String setCookie = exchange.response().headers("Set-Cookie").get(0);
        assertTrue(setCookie.startsWith("SHOPSESSION=;") && setCookie.contains("Max-Age=0"), setCookie);
        assertNull(browser().sessionCookie);
        assertThrows(IllegalStateException.class, () -> invalidated.get().getCreationTime());
    }

    @Test
    default void changeSessionIdMovesTheSessionAndKillsTheOldId() throws Exception {
        browser().set("cart", "book");
        String oldId = browser().sessionCookie;
        AtomicReference<String> newId = new AtomicReference<>();

        Browser.Exchange exchange = browser().get((req, res) -> {
            newId.set(req.changeSessionId());
            assertEquals(newId.get(), req.getSession(false).getId());
            req.getSession().setAttribute("user", "alice");
        });

        assertNotEquals(oldId, newId.get());
        assertTrue(SessionIds.isWellFormed(newId.get()));
        assertEquals(newId.get(), browser().sessionCookie, "the new id went out in Set-Cookie");
        assertTrue(exchange.response().headers("Set-Cookie").get(0).contains("HttpOnly; SameSite=Lax"));
        assertFalse(probe().exists(oldId));
        assertTrue(probe().exists(newId.get()));
        assertEquals("book", browser().read("cart"));
        assertEquals("alice", browser().read("user"));

        browser().sessionCookie = oldId;
        assertNull(browser().read("cart"), "the old id names nothing");
        assertFalse(probe().exists(oldId), "and reading it does not bring it back");
    }

    @Test
    default void plantedNonAllowListedObjectEndsTheSessionWhenReadAndRunsNothing() throws Exception {
        browser().set("cart", "book");
        String oldId = browser().sessionCookie;
        probe().plant(oldId, "cart", AttributeSerializerTest.javaSerialize(new Gadget()));
        probe().plant(oldId, "map", AttributeSerializerTest.javaSerialize(
                new java.util.concurrent.ConcurrentHashMap<>(Map.of("k", "v"))));

        try (LogRecorder log = new LogRecorder()) {
            AtomicReference<Object> planted = new AtomicReference<>("not read");
            AtomicReference<HttpSession> after = new AtomicReference<>();
            AtomicReference<HttpSession> fresh = new AtomicReference<>();
            Browser.Exchange exchange = browser().get((req, res) -> {
                planted.set(req.getSession(false).getAttribute("cart"));
                after.set(req.getSession(false));
                fresh.set(req.getSession(true));
            });

            assertFalse(Gadget.executed, "the planted object's readObject never ran");
            assertNull(planted.get(), "the planted value is never handed out");
            assertNull(after.get(), "from then on the request has no session");
            assertTrue(fresh.get().isNew());
            assertNotEquals(oldId, fresh.get().getId());
            assertFalse(probe().exists(oldId), "the poisoned session is deleted");
            assertEquals(200, exchange.response().status);
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("rejected"), warnings.get(0));
        }
        assertNull(browser().read("cart"));
    }

    @Test
    default void corruptedBlobEndsTheSessionWhenRead() throws Exception {
        browser().set("cart", "book");
        String oldId = browser().sessionCookie;
        probe().plant(oldId, "cart", "\u00ac\u00ed garbage SECRET".getBytes(StandardCharsets.UTF_8));

        try (LogRecorder log = new LogRecorder()) {
            AtomicReference<HttpSession> fresh = new AtomicReference<>();
            Browser.Exchange exchange = browser().get((req, res) -> {
                assertNull(req.getSession().getAttribute("cart"));
                fresh.set(req.getSession());
            });
            assertTrue(fresh.get().isNew());
            assertNull(fresh.get().getAttribute("cart"));
            assertFalse(probe().exists(oldId));
            String warning = log.messages(Level.WARNING).get(0);
            assertFalse(warning.contains("SECRET") || warning.contains("garbage"), "no payload in the log: " + warning);
            assertEquals(fresh.get().getId(), browser().sessionCookie, "the browser has the fresh session's cookie");
            assertTrue(exchange.response().headers("Set-Cookie").get(0).contains("Max-Age=0"), "the old cookie was expired first");
        }
    }

    @Test
    default void valuesAreReadOnlyWhenAskedFor() throws Exception {
        // given: a session holding a value that would end it, if anyone read it
        browser().set("cart", "book");
        probe().plant(browser().sessionCookie, "unused", AttributeSerializerTest.javaSerialize(new Gadget()));

        // when: requests read and change other attributes only
        assertEquals("book", browser().read("cart"));
        browser().set("cart", "two books");

        // then: the planted value was never deserialized, and the session lives on
        assertFalse(Gadget.executed);
        assertEquals("two books", browser().read("cart"));
        assertTrue(probe().exists(browser().sessionCookie));
    }

    @Test
    default void gadgetAndCorruptedBlobPlantedTogetherAreRejectedLoggedAndReplacedByAFreshSession() throws Exception {
        // given: a shopper signed in with a cart, and someone with write access to the store who plants both
        // a class outside the allow-list and bytes that are no serialization stream at all in that hash
        browser().get((req, res) -> {
            req.getSession().setAttribute("shop.cart", new ArrayList<>(List.of("kettle")));
            req.getSession().setAttribute("shop.displayName", "Ada");
        });
        String poisonedId = browser().sessionCookie;
        probe().plant(poisonedId, "shop.gadget", AttributeSerializerTest.javaSerialize(new Gadget()));
        probe().plant(poisonedId, "shop.blob", "\u00ac\u00ed\u0000\u0005 PAYLOAD-123".getBytes(StandardCharsets.ISO_8859_1));

        try (LogRecorder log = new LogRecorder()) {
            // when: the shopper's next request reads every attribute it has
            AtomicReference<HttpSession> existing = new AtomicReference<>();
            AtomicReference<String> freshId = new AtomicReference<>();
            Browser.Exchange exchange = browser().get((req, res) -> {
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
            assertFalse(probe().exists(poisonedId), "the poisoned session is deleted");
            assertNotEquals(poisonedId, freshId.get());
            assertEquals(freshId.get(), browser().sessionCookie, "the browser got the fresh session's cookie");
            List<String> warnings = log.messages(Level.WARNING);
            assertFalse(warnings.isEmpty(), "the rejection is logged");
            for (String warning : warnings) {
                assertTrue(warning.contains("rejected"), warning);
                assertFalse(warning.contains("PAYLOAD-123") || warning.contains(poisonedId), "no payload, no full id: " + warning);
            }
        }
        assertEquals(List.of("mug"), browser().read("shop.cart"));
        browser().sessionCookie = poisonedId;
        assertNull(browser().read("shop.cart"), "the poisoned id names nothing any more");
    }

    @Test
    default void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        Browser.Exchange plain = browser().set("cart", "book");
        assertEquals(List.of("SHOPSESSION=" + browser().sessionCookie + "; Path=/shop; HttpOnly; SameSite=Lax"),
                plain.response().headers("Set-Cookie"));

        Browser secureBrowser = new Browser(new SessionStoreFilter(backend()));
        Browser.Exchange secure = secureBrowser.get((req, res) -> req.getSession(), req -> req.secure = true, res -> { });
        assertEquals(List.of("SHOPSESSION=" + secureBrowser.sessionCookie + "; Path=/shop; Secure; HttpOnly; SameSite=Lax"),
                secure.response().headers("Set-Cookie"));

        Browser.Exchange again = browser().get((req, res) -> req.getSession().getAttribute("cart"));
        assertTrue(again.response().headers("Set-Cookie").isEmpty(), "the cookie is sent once, when created");
    }

    @Test
    default void sessionIsSavedBeforeSendRedirectCommits() throws Exception {
        AtomicReference<Object> inRedisAtCommit = new AtomicReference<>();
        browser().get((req, res) -> {
            req.getSession().setAttribute("cart", "book");
            res.sendRedirect("/shop/checkout");
        }, req -> { }, res -> res.onCommit = () -> {
            String header = res.headers("Set-Cookie").get(0);
            String id = header.substring("SHOPSESSION=".length(), header.indexOf(';'));
            byte[] value = probe().stored(id, "cart");
            inRedisAtCommit.set(value == null ? null : AttributeSerializerTest.javaDeserialize(value));
        });
        assertEquals("book", inRedisAtCommit.get(), "the new session was in Redis when the redirect committed");

        inRedisAtCommit.set(null);
        browser().get((req, res) -> {
            req.getSession().setAttribute("cart", "two books");
            res.sendRedirect("/shop/checkout");
        }, req -> { }, res -> res.onCommit = () ->
                inRedisAtCommit.set(AttributeSerializerTest.javaDeserialize(probe().stored(browser().sessionCookie, "cart"))));
        assertEquals("two books", inRedisAtCommit.get(), "the change was in Redis when the redirect committed");
    }

    @Test
    default void sessionIsSavedBeforeTheWriterFlushCommits() throws Exception {
        AtomicReference<byte[]> inRedisAtCommit = new AtomicReference<>();
        browser().get((req, res) -> {
            req.getSession().setAttribute("cart", "book");
            res.getWriter().print("<p>added</p>");
            res.getWriter().flush();
        }, req -> { }, res -> res.onCommit = () -> {
            String header = res.headers("Set-Cookie").get(0);
            inRedisAtCommit.set(probe().stored(header.substring(12, header.indexOf(';')), "cart"));
        });
        assertNotNull(inRedisAtCommit.get());
    }

    @Test
    default void setMaxInactiveIntervalUpdatesTheTtl() throws Exception {
        browser().set("cart", "book");
        browser().get((req, res) -> req.getSession().setMaxInactiveInterval(60));
        String id = browser().sessionCookie;
        long most = 60_000 + probe().ttlSlack(Duration.ofSeconds(60)).toMillis();
        assertTrue(probe().ttlMillis(id) <= most && probe().ttlMillis(id) > 50_000, "TTL " + probe().ttlMillis(id));

        probe().expireIn(id, Duration.ofSeconds(10));
        assertEquals("book", browser().read("cart"));
        assertTrue(probe().ttlMillis(id) > 50_000 && probe().ttlMillis(id) <= most, "reads refresh to the session's own interval");
        AtomicReference<Integer> interval = new AtomicReference<>();
        browser().get((req, res) -> interval.set(req.getSession(false).getMaxInactiveInterval()));
        assertEquals(60, interval.get());
    }

    @Test
    default void sessionMethodsAnswerLikeAContainerSession() throws Exception {
        long start = System.currentTimeMillis();
        AtomicReference<HttpSession> first = new AtomicReference<>();
        browser().get((req, res) -> {
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
        browser().get((req, res) -> {
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
    default void concurrentRequestsOfOneSessionEachWriteOnlyTheirChanges() throws Exception {
        browser().get((req, res) -> {
            req.getSession().setAttribute("cart", "empty");
            req.getSession().setAttribute("shared", "initial");
        });
        Browser other = new Browser(new SessionStoreFilter(backend()));
        other.sessionCookie = browser().sessionCookie;

        // A loads the session, waits while B loads, changes and saves it, then A changes and saves.
        CountDownLatch aLoaded = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            try {
                browser().get((req, res) -> {
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

        assertEquals("book", browser().read("cart"), "A's change survives");
        assertEquals("pen", browser().read("wishlist"), "B's change survives: A wrote only what A changed");
        assertEquals("from A", browser().read("shared"), "same attribute: last writer wins");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
