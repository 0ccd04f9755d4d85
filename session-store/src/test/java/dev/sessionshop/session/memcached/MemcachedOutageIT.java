package dev.sessionshop.session.memcached;

import dev.sessionshop.session.Browser;
import dev.sessionshop.session.PlainUnavailableResponseTest;
import dev.sessionshop.session.SessionStoreFilter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both memcached nodes down: the same 503 as a Redis outage, and the store serves again once they are back. */
class MemcachedOutageIT {

    @RegisterExtension
    static final MemcachedPair MEMCACHED = new MemcachedPair();

    @Test
    void bothNodesDownGive503AndTheSameStoreServesAgainWhenTheyAreBack() throws Exception {
        MEMCACHED.reset();
        try (MemcachedSessionStore store = AgainstMemcached.start(MEMCACHED.addresses())) {
            Browser browser = new Browser(new SessionStoreFilter(store));
            browser.set("cart", "book");
            String id = browser.sessionCookie;

            // when: both nodes are gone
            for (MemcachedServer node : MEMCACHED.nodes()) {
                node.kill();
            }
            long start = System.nanoTime();
            Browser.Exchange down = browser.get((req, res) -> req.getSession(false));

            // then: a plain 503 with Retry-After, at once, no stack trace; pages without a session still work
            assertEquals(503, down.response().status);
            assertEquals("5", down.response().getHeader("Retry-After"));
            PlainUnavailableResponseTest.assertNoInternals(down.response().body.toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "within the command timeout");
            assertEquals(200, browser.get((req, res) -> res.getWriter().write("static")).response().status);

            // when: they come back (empty: memcached keeps nothing across a restart)
            MEMCACHED.reset();
            Browser next = new Browser(new SessionStoreFilter(store));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status;
            do {
                TimeUnit.MILLISECONDS.sleep(100); // poll interval while Folsom reconnects
                status = next.get((req, res) -> req.getSession().setAttribute("cart", "pen")).response().status;
            } while (status != 200 && System.nanoTime() < deadline);

            // then: the same store serves again; the old session is gone with the nodes' memory
            assertEquals(200, status);
            assertEquals("pen", next.read("cart"));
            browser.sessionCookie = id;
            assertEquals(null, browser.read("cart"));
        }
    }
}
