package dev.sessionshop.session.redis;

import dev.sessionshop.session.Browser;
import dev.sessionshop.session.LogRecorder;
import dev.sessionshop.session.PlainUnavailableResponseTest;
import dev.sessionshop.session.SessionStoreFilter;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis going away and coming back, with one store instance throughout. */
class RedisOutageIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration QUICKLY = Duration.ofSeconds(3);

    private RedisSessionStore store;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        REDIS.start(); // a test before may have left it stopped
        store = RedisSessionStore.start(AgainstRedis.config(REDIS.uri()));
        browser = new Browser(new SessionStoreFilter(store));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void redisStoppedGives503WithAClearMessageAndNoStackTrace() throws Exception {
        browser.set("cart", "book");
        REDIS.stop();

        try (LogRecorder log = new LogRecorder()) {
            long started = System.nanoTime();
            Browser.Exchange html = browser.get((req, res) -> {
                req.getSession().getAttribute("cart");
                res.getWriter().print("never sent");
            });
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(QUICKLY) < 0, "503 comes quickly");
            assertEquals(503, html.response().status);
            String body = html.response().body.toString();
            assertTrue(body.contains("Session store unavailable, try again shortly"), body);
            assertFalse(body.contains("never sent"), "the application's partial output is dropped");
            PlainUnavailableResponseTest.assertNoInternals(body);

            Browser.Exchange json = browser.get((req, res) -> req.getSession(false),
                    req -> req.header("Accept", "application/json"), res -> { });
            assertEquals(503, json.response().status);
            assertEquals("application/problem+json", json.response().contentType);
            PlainUnavailableResponseTest.assertNoInternals(json.response().body.toString());

            assertTrue(log.records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .allMatch(r -> r.getThrown() == null), "no stack trace in WARNING logs");
        }
    }

    @Test
    void requestsThatNeverTouchTheSessionWorkWhileRedisIsDown() throws Exception {
        browser.set("cart", "book");
        REDIS.stop();

        Browser.Exchange page = browser.get((req, res) -> res.getWriter().print("static page"));

        assertEquals(200, page.response().status);
        assertEquals("static page", page.response().body.toString());
    }

    @Test
    void redisRestartedOnTheSamePortNextRequestWorksWithTheSameStore() throws Exception {
        browser.set("cart", "book");
        REDIS.stop();
        assertEquals(503, browser.get((req, res) -> req.getSession().getAttribute("cart")).response().status);
        assertEquals(503, browser.get((req, res) -> req.getSession().getAttribute("cart")).response().status);

        REDIS.start();

        AtomicReference<HttpSession> session = new AtomicReference<>();
        Browser.Exchange next = browser.get((req, res) -> {
            session.set(req.getSession()); // the old session died with the unpersisted Redis
            session.get().setAttribute("cart", "pen");
        });
        assertEquals(200, next.response().status);
        assertTrue(session.get().isNew());
        assertEquals("pen", browser.read("cart"));
        assertEquals(1L, REDIS.redis().exists(store.key(browser.sessionCookie)));
    }

    @Test
    void saveFailingBeforeTheRedirectCommitsGives503InsteadOfTheRedirect() throws Exception {
        browser.set("cart", "book");

        Browser.Exchange exchange = browser.get((req, res) -> {
            HttpSession session = req.getSession();
            stopRedis();
            session.setAttribute("cart", "two books");
            res.sendRedirect("/shop/checkout");
        });

        assertEquals(503, exchange.response().status);
        assertNull(exchange.response().redirect, "the redirect was not sent with an unsaved session");
        assertTrue(exchange.response().body.toString().contains("Session store unavailable"));
    }

    @Test
    void storeStartsWhileRedisIsDownAndConnectsOnceItIsUp() throws Exception {
        store.close();
        REDIS.stop();

        store = RedisSessionStore.start(AgainstRedis.config(REDIS.uri())); // must not throw
        browser = new Browser(new SessionStoreFilter(store));
        assertEquals(503, browser.get((req, res) -> req.getSession()).response().status);
        assertEquals(200, browser.get((req, res) -> res.getWriter().print("static")).response().status);

        REDIS.start();
        Browser.Exchange exchange = browser.set("cart", "book");
        assertEquals(200, exchange.response().status);
        assertNotNull(browser.sessionCookie);
        assertEquals("book", browser.read("cart"));
    }

    private static void stopRedis() {
        try {
            REDIS.stop();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
