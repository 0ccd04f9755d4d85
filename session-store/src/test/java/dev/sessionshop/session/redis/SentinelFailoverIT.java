package dev.sessionshop.session.redis;

import dev.sessionshop.session.Browser;
import dev.sessionshop.session.PlainUnavailableResponseTest;
import dev.sessionshop.session.SessionLocation;
import dev.sessionshop.session.SessionStoreFilter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store behind Sentinel, with a password: it finds the primary through the Sentinels, says 503
 * while the primary is dead and not yet replaced, and follows the promotion of the replica by itself,
 * with the same store instance (no restart). The old primary, restarted, rejoins as a replica.
 */
class SentinelFailoverIT {

    private static final Logger LOG = Logger.getLogger(SentinelFailoverIT.class.getName());

    private SentinelSet redis;
    private RedisSessionStore store;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        redis = new SentinelSet();
        redis.start();
        store = RedisSessionStore.start(RedisSessionConfig.builder()
                .sentinels(SentinelSet.MASTER, redis.sentinelAddresses())
                .password(SentinelSet.PASSWORD)
                .allowedClasses("java.lang.*")
                .build());
        browser = new Browser(new SessionStoreFilter(store));
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        redis.close();
    }

    @Test
    void sessionSurvivesTheFailoverAndTheStoreFollowsTheNewPrimary() throws Exception {
        // given: a session written to the primary and acknowledged by the replica
        browser.set("cart", "book");
        SessionLocation.Redis before = Located.inRedis(store.describe(browser.sessionCookie));
        assertEquals("127.0.0.1:" + redis.port(0), before.node(), "the store found the primary through the Sentinels");
        SentinelSet.await(Duration.ofSeconds(10), () -> !Located.inRedis(store.describe(browser.sessionCookie)).replicas().isEmpty());
        assertEquals(List.of("127.0.0.1:" + redis.port(1)),
                Located.inRedis(store.describe(browser.sessionCookie)).replicas().stream().map(SessionLocation.Redis.Replica::node).toList());
        assertEquals("1", redis.command(redis.port(0), "WAIT", "1", "2000"), "the replica has the session");

        // when: the primary crashes
        redis.kill(0);
        long killed = System.nanoTime();

        // then: 503 until a Sentinel has promoted the replica, then the session is there again
        int unavailable = 0;
        Object cart = null;
        while (System.nanoTime() - killed < Duration.ofSeconds(30).toNanos()) {
            Browser.Exchange exchange = browser.get((req, res) -> res.getWriter().print(req.getSession().getAttribute("cart")));
            if (exchange.response().status == 503) {
                unavailable++;
                PlainUnavailableResponseTest.assertNoInternals(exchange.response().body.toString());
                Thread.sleep(100); // a shopper retrying, not a wait for readiness
                continue;
            }
            cart = exchange.response().body.toString();
            break;
        }
        Duration outage = Duration.ofNanos(System.nanoTime() - killed);
        LOG.info(() -> "MEASURED store failover: serving again " + outage.toMillis() + " ms after SIGKILL of the primary");
        assertEquals("book", cart, "the acknowledged session survived, with the same store");
        assertTrue(unavailable > 0, "requests during the failover window got the 503");
        assertEquals(redis.port(1), redis.primaryPort(), "the Sentinels promoted the replica");
        assertEquals("127.0.0.1:" + redis.port(1), Located.inRedis(store.describe(browser.sessionCookie)).node());

        // and: the old primary comes back as a replica of the new one
        redis.startData(0, redis.port(1));
        SentinelSet.await(Duration.ofSeconds(20), () -> redis.role(0).startsWith("slave")
                && redis.info(0).contains("master_link_status:up"));
        SentinelSet.await(Duration.ofSeconds(10), () -> Located.inRedis(store.describe(browser.sessionCookie)).replicas()
                .stream().anyMatch(replica -> replica.node().equals("127.0.0.1:" + redis.port(0))));
        browser.set("cart", "two books");
        assertEquals("two books", browser.read("cart"));
    }
}
