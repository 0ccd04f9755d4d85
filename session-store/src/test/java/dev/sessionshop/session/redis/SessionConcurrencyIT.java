package dev.sessionshop.session.redis;

import dev.sessionshop.session.*;
import dev.sessionshop.session.VersionedSession;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two requests of one session at once, against a real redis-server: what the store promises when they
 * race (no lost update for a checked write, no session brought back by a late write) and when the
 * connection is cut in the middle of a write (no key without its TTL, nothing re-sent later).
 */
class SessionConcurrencyIT extends AgainstRedis {

    /** What the shop's cart does: read, change, write if nobody wrote meanwhile, else again on what is there. */
    private static void addOne(HttpSession session, AtomicInteger conflicts) {
        VersionedSession versioned = (VersionedSession) session;
        for (int attempt = 0; attempt < 10; attempt++) {
            int count = session.getAttribute("count") instanceof Integer n ? n : 0;
            session.setAttribute("count", count + 1);
            VersionedSession.Outcome outcome = versioned.saveIfCurrent();
            if (outcome == VersionedSession.Outcome.SAVED) {
                return;
            }
            assertEquals(VersionedSession.Outcome.CONFLICT, outcome);
            conflicts.incrementAndGet();
        }
        fail("no write after 10 attempts");
    }

    private Browser sameBrowser(RedisSessionStore via) {
        Browser other = new Browser(new SessionStoreFilter(via));
        other.sessionCookie = browser.sessionCookie;
        return other;
    }

    /** Two requests that have both read the session before either of them adds one. */
    private void raceTwoAdditions(Browser first, Browser second, AtomicInteger conflicts) {
        CountDownLatch bothRead = new CountDownLatch(2);
        List<CompletableFuture<Browser.Exchange>> requests = List.of(first, second).stream()
                .map(b -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return b.get((req, res) -> {
                            HttpSession session = req.getSession(false);
                            session.getAttribute("count");
                            bothRead.countDown();
                            await(bothRead);
                            addOne(session, conflicts);
                        });
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        requests.forEach(request -> assertEquals(200, request.join().response().status));
    }

    @Test
    void twoRequestsOfOneSessionAddingAtOnceOnOneInstanceBothCount() throws Exception {
        browser.set("count", 0);
        AtomicInteger conflicts = new AtomicInteger();

        raceTwoAdditions(sameBrowser(store), sameBrowser(store), conflicts);

        assertEquals(2, browser.read("count"), "neither addition is lost");
        assertEquals(1, conflicts.get(), "the second writer learnt of the first and added again");
    }

    @Test
    void twoRequestsOfOneSessionAddingAtOnceOnTwoInstancesBothCount() throws Exception {
        browser.set("count", 0);
        AtomicInteger conflicts = new AtomicInteger();
        try (RedisSessionStore otherInstance = RedisSessionStore.start(config(REDIS.uri()))) {
            raceTwoAdditions(sameBrowser(store), sameBrowser(otherInstance), conflicts);
        }
        assertEquals(2, browser.read("count"));
        assertEquals(1, conflicts.get());
    }

    @Test
    void aLateSaveDoesNotBringBackASessionAnotherRequestInvalidated() throws Exception {
        browser.set("cart", "book");
        String key = store.key(browser.sessionCookie);
        Browser late = sameBrowser(store);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch signedOut = new CountDownLatch(1);

        // when: a request reads the session, another signs out, then the first one changes the cart
        CompletableFuture<Browser.Exchange> slow = CompletableFuture.supplyAsync(() -> call(() -> late.get((req, res) -> {
            HttpSession session = req.getSession(false);
            session.getAttribute("cart");
            read.countDown();
            await(signedOut);
            session.setAttribute("cart", "late change");
        })));
        await(read);
        sameBrowser(store).get((req, res) -> req.getSession(false).invalidate());
        signedOut.countDown();
        Browser.Exchange lateExchange = slow.join();

        // then: the signed-out id names nothing, and the late request sent no cookie for it
        assertEquals(0L, redis.exists(key), "the late save did not re-create the key");
        assertEquals(200, lateExchange.response().status);
        assertTrue(lateExchange.response().headers("Set-Cookie").isEmpty());
        assertNull(browser.read("cart"));
    }

    @Test
    void aLateSaveDoesNotBringBackTheOldIdOfARenamedSession() throws Exception {
        browser.set("cart", "book");
        String oldId = browser.sessionCookie;
        Browser late = sameBrowser(store);
        Browser signingIn = sameBrowser(store);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch renamed = new CountDownLatch(1);

        CompletableFuture<Browser.Exchange> slow = CompletableFuture.supplyAsync(() -> call(() -> late.get((req, res) -> {
            HttpSession session = req.getSession(false);
            session.getAttribute("cart");
            read.countDown();
            await(renamed);
            session.setAttribute("cart", "late change");
        })));
        await(read);
        signingIn.get((req, res) -> req.changeSessionId());
        renamed.countDown();
        Browser.Exchange lateExchange = slow.join();

        assertEquals(0L, redis.exists(store.key(oldId)), "the old id names nothing");
        assertTrue(lateExchange.response().headers("Set-Cookie").isEmpty(), "no cookie that would undo the new id");
        browser.sessionCookie = signingIn.sessionCookie;
        assertEquals("book", browser.read("cart"), "the renamed session is as the sign-in left it");
    }

    @Test
    void changeSessionIdOfASessionAnotherRequestInvalidatedDoesNotRevive() throws Exception {
        browser.set("cart", "book");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch signedOut = new CountDownLatch(1);
        Browser late = sameBrowser(store);

        CompletableFuture<Browser.Exchange> slow = CompletableFuture.supplyAsync(() -> call(() -> late.get((req, res) -> {
            req.getSession(false).getAttribute("cart");
            read.countDown();
            await(signedOut);
            try {
                req.changeSessionId();
                fail("a session that ended cannot get a new id");
            } catch (IllegalStateException expected) {
                assertNull(req.getSession(false), "the request has no session any more");
            }
        })));
        await(read);
        sameBrowser(store).get((req, res) -> req.getSession(false).invalidate());
        signedOut.countDown();
        Browser.Exchange exchange = slow.join();

        assertEquals(0L, redis.dbsize(), "nothing came back under a new id");
        assertTrue(exchange.response().headers("Set-Cookie").isEmpty());
    }

    @Test
    void aHashWithoutItsCreationTimeIsNoSessionAndIsDeleted() throws Exception {
        // given: what a late partial write of an older version left behind: attributes, no metadata
        String id = SessionIds.newId();
        redis.hset(store.key(id), "attr:cart", AttributeSerializerTest.javaSerialize("book"));
        browser.sessionCookie = id;

        assertNull(browser.read("cart"));
        assertEquals(0L, redis.exists(store.key(id)), "the fragment is deleted by the read");
    }

    @Test
    void aConnectionCutInTheMiddleOfAWriteLeavesNoKeyWithoutItsTtl() throws Exception {
        browser.set("warm", "the scripts are in Redis's cache");
        try (CuttingProxy proxy = new CuttingProxy(REDIS.port());
             RedisSessionStore cutStore = RedisSessionStore.start(config(proxy.uri()))) {
            Browser viaProxy = new Browser(new SessionStoreFilter(cutStore));

            // when: the new session's write loses its connection after its first command reached Redis
            proxy.arm(CuttingProxy.Cut.AFTER_FIRST_COMMAND, true);
            Browser.Exchange exchange = viaProxy.get((req, res) -> req.getSession().setAttribute("cart", "book"));
            assertTrue(proxy.awaitCut(5));

            // then: the request was told, and every session key in Redis has its TTL
            assertEquals(503, exchange.response().status);
            List<String> keys = redis.keys("shop:session:*");
            assertFalse(keys.isEmpty());
            for (String key : keys) {
                assertTrue(redis.pttl(key) > 0, key + " has no TTL");
            }
        }
    }

    @Test
    void aSaveAnsweredWith503IsNotSentAgainLater() throws Exception {
        browser.set("cart", "v1");
        try (CuttingProxy proxy = new CuttingProxy(REDIS.port());
             RedisSessionStore cutStore = RedisSessionStore.start(config(proxy.uri()))) {
            Browser viaProxy = sameBrowser(cutStore);

            // when: a change's write never reaches Redis (the connection breaks), and then the user changes
            // the cart again through another instance
            Browser.Exchange failed = viaProxy.get((req, res) -> {
                HttpSession session = req.getSession(false);
                session.getAttribute("cart");
                proxy.arm(CuttingProxy.Cut.BEFORE_THE_WRITE, false);
                session.setAttribute("cart", "v2");
            });
            assertEquals(503, failed.response().status);
            browser.set("cart", "v3");

            // then: in the next three seconds nothing re-sends the failed write over the newer value
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                assertEquals("v3", AttributeSerializerTest.javaDeserialize(redis.hget(store.key(browser.sessionCookie), "attr:cart")));
                Thread.sleep(50);
            }
            assertEquals(1, proxy.accepted(), "the store did not reconnect by itself to replay the write");
        }
    }

    @Test
    void everyWriteIncrementsTheSessionsVersion() throws Exception {
        browser.set("cart", "book");
        browser.set("coupon", "SPRING");
        Map<String, byte[]> hash = redis.hgetall(store.key(browser.sessionCookie));
        assertEquals("2", new String(hash.get("version"), StandardCharsets.US_ASCII));
    }

    private static Browser.Exchange call(ThrowingSupplier<Browser.Exchange> request) {
        try {
            return request.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other request never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
