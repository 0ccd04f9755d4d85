package dev.sessionshop.session.redis;

import dev.sessionshop.session.AttributeSerializerTest;
import dev.sessionshop.session.Browser;
import dev.sessionshop.session.SessionIds;
import dev.sessionshop.session.SessionStoreFilter;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only Redis can show: a hash that is a fragment (attributes without metadata) is no session, and a
 * connection cut in the middle of a write leaves no key without its TTL and re-sends nothing later.
 */
class RedisWriteAtomicityIT extends AgainstRedis {

    private Browser sameBrowser(RedisSessionStore via) {
        Browser other = new Browser(new SessionStoreFilter(via));
        other.sessionCookie = browser.sessionCookie;
        return other;
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
}
