package dev.sessionshop.session;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.util.List;
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
 * Two requests of one session at once, against the real server of each backend: what the store promises
 * when they race (no lost update for a checked write, no session brought back by a late write).
 */
public interface SessionConcurrencyContract extends StoreContract {

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

    private Browser sameBrowser(SessionBackend via) {
        Browser other = new Browser(new SessionStoreFilter(via));
        other.sessionCookie = browser().sessionCookie;
        return other;
    }

    /** Two requests that have both read the session before either of them adds one. */
    private static void raceTwoAdditions(Browser first, Browser second, AtomicInteger conflicts) {
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
    default void twoRequestsOfOneSessionAddingAtOnceOnOneInstanceBothCount() throws Exception {
        browser().set("count", 0);
        AtomicInteger conflicts = new AtomicInteger();

        raceTwoAdditions(sameBrowser(backend()), sameBrowser(backend()), conflicts);

        assertEquals(2, browser().read("count"), "neither addition is lost");
        assertEquals(1, conflicts.get(), "the second writer learnt of the first and added again");
    }

    @Test
    default void twoRequestsOfOneSessionAddingAtOnceOnTwoInstancesBothCount() throws Exception {
        browser().set("count", 0);
        AtomicInteger conflicts = new AtomicInteger();
        try (SessionBackend otherInstance = newBackend()) {
            raceTwoAdditions(sameBrowser(backend()), sameBrowser(otherInstance), conflicts);
        }
        assertEquals(2, browser().read("count"));
        assertEquals(1, conflicts.get());
    }

    @Test
    default void aLateSaveDoesNotBringBackASessionAnotherRequestInvalidated() throws Exception {
        browser().set("cart", "book");
        String id = browser().sessionCookie;
        Browser late = sameBrowser(backend());
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
        sameBrowser(backend()).get((req, res) -> req.getSession(false).invalidate());
        signedOut.countDown();
        Browser.Exchange lateExchange = slow.join();

        // then: the signed-out id names nothing, and the late request sent no cookie for it
        assertFalse(probe().exists(id), "the late save did not re-create the session");
        assertEquals(200, lateExchange.response().status);
        assertTrue(lateExchange.response().headers("Set-Cookie").isEmpty());
        assertNull(browser().read("cart"));
    }

    @Test
    default void aLateSaveDoesNotBringBackTheOldIdOfARenamedSession() throws Exception {
        browser().set("cart", "book");
        String oldId = browser().sessionCookie;
        Browser late = sameBrowser(backend());
        Browser signingIn = sameBrowser(backend());
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

        assertFalse(probe().exists(oldId), "the old id names nothing");
        assertTrue(lateExchange.response().headers("Set-Cookie").isEmpty(), "no cookie that would undo the new id");
        browser().sessionCookie = signingIn.sessionCookie;
        assertEquals("book", browser().read("cart"), "the renamed session is as the sign-in left it");
    }

    @Test
    default void changeSessionIdOfASessionAnotherRequestInvalidatedDoesNotRevive() throws Exception {
        browser().set("cart", "book");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch signedOut = new CountDownLatch(1);
        Browser late = sameBrowser(backend());

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
        sameBrowser(backend()).get((req, res) -> req.getSession(false).invalidate());
        signedOut.countDown();
        Browser.Exchange exchange = slow.join();

        assertEquals(0L, probe().sessionCount(), "nothing came back under a new id");
        assertTrue(exchange.response().headers("Set-Cookie").isEmpty());
    }

    @Test
    default void everyWriteIncrementsTheSessionsVersion() throws Exception {
        browser().set("cart", "book");
        browser().set("coupon", "SPRING");
        assertEquals(2, probe().version(browser().sessionCookie));
    }

    private static Browser.Exchange call(ThrowingSupplier<Browser.Exchange> request) {
        try {
            return request.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
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
