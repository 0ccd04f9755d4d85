package dev.sessionshop.session.memcached;

import dev.sessionshop.session.Browser;
import dev.sessionshop.session.SessionStoreFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What eviction does to sessions: memcached started without {@code -M} evicts the least recently used
 * items when its memory ({@code -m}) is full, sessions included, without a word to the client. The backup
 * copy covers a session one node evicted; when both nodes are under pressure, sessions are lost.
 */
class MemcachedEvictionIT {

    private static final Logger LOG = Logger.getLogger(MemcachedEvictionIT.class.getName());
    /** 300 sessions of ~20 KB: 6 MB, three times what a node started with -m 2 holds. */
    private static final int SESSIONS = 300;
    private static final String CART = "x".repeat(20 * 1024);

    @Test
    void aSessionOneNodeEvictedIsReadFromTheBackupCopy() throws Exception {
        try (MemcachedServer small = new MemcachedServer("-m", "2").start();
             MemcachedServer roomy = new MemcachedServer().start();
             MemcachedSessionStore store = AgainstMemcached.start(small.address() + "," + roomy.address())) {
            Browser shop = new Browser(new SessionStoreFilter(store));
            List<String> ids = fill(shop);

            long evicted = small.stats().get("evictions");
            int lost = countLost(shop, ids);

            LOG.info(() -> "MEASURED memcached eviction, one node with -m 2: " + SESSIONS + " sessions of ~20 KB, "
                    + evicted + " items evicted there, " + lost + " sessions lost (the copies on the other node answered)");
            assertTrue(evicted > 0, "the small node evicted");
            assertEquals(0, lost);
        }
    }

    @Test
    void whenBothNodesEvictSessionsAreLost() throws Exception {
        try (MemcachedServer first = new MemcachedServer("-m", "2").start();
             MemcachedServer second = new MemcachedServer("-m", "2").start();
             MemcachedSessionStore store = AgainstMemcached.start(first.address() + "," + second.address())) {
            Browser shop = new Browser(new SessionStoreFilter(store));
            List<String> ids = fill(shop);

            int lost = countLost(shop, ids);

            LOG.info(() -> "MEASURED memcached eviction, both nodes with -m 2: " + SESSIONS + " sessions of ~20 KB, "
                    + lost + " lost (evicted from both nodes: the oldest first)");
            assertTrue(lost > 0, "eviction on both nodes loses sessions: memcached is a cache, not a store");
            assertTrue(lost < SESSIONS, "the most recently used ones are kept");
        }
    }

    private static List<String> fill(Browser shop) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            shop.sessionCookie = null;
            shop.set("cart", CART + i);
            ids.add(shop.sessionCookie);
        }
        return ids;
    }

    private static int countLost(Browser shop, List<String> ids) throws Exception {
        int lost = 0;
        for (int i = 0; i < ids.size(); i++) {
            shop.sessionCookie = ids.get(i);
            if (!(CART + i).equals(shop.read("cart"))) {
                lost++;
            }
        }
        return lost;
    }
}
