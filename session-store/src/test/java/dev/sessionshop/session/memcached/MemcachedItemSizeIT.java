package dev.sessionshop.session.memcached;

import dev.sessionshop.session.SessionTooLargeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session larger than memcached keeps in one item (here {@code -I 16k}, 1 MiB by default): a clear
 * error, and the session in the store as it was, on both nodes.
 */
class MemcachedItemSizeIT extends AgainstMemcached {

    @RegisterExtension
    static final MemcachedPair MEMCACHED = new MemcachedPair("-I", "16k", "-o", "slab_chunk_max=8192");

    @Override
    MemcachedPair pair() {
        return MEMCACHED;
    }

    @Override
    MemcachedSessionConfig.Builder configure(MemcachedSessionConfig.Builder config) {
        return config.maxItemBytes(15 * 1024); // -I 16k, less the key and header
    }

    @Test
    void aChangeThatMakesTheSessionTooLargeIsRefusedAndTheStoredSessionStaysAsItWas() throws Exception {
        browser.set("cart", "book");
        String id = browser.sessionCookie;
        byte[] before = probe.owner(id).get(MemcachedProbe.key(id));

        SessionTooLargeException refused = assertThrows(SessionTooLargeException.class,
                () -> browser.set("cart", "x".repeat(32 * 1024)));

        assertTrue(refused.itemBytes() > 32 * 1024, refused.getMessage());
        assertTrue(refused.getMessage().contains("more than memcached stores in one item"), refused.getMessage());
        assertEquals(List.of(before.length, before.length), MEMCACHED.nodes().stream()
                .map(node -> node.get(MemcachedProbe.key(id)).length).toList(), "both copies as they were");
        assertEquals(1, probe.version(id));
        assertEquals("book", browser.read("cart"), "the session lives on, without the change");
    }

    @Test
    void aSessionJustBelowTheLimitIsStored() throws Exception {
        browser.set("cart", "x".repeat(14 * 1024));

        assertEquals(14 * 1024, ((String) browser.read("cart")).length());
        assertTrue(MEMCACHED.nodes().stream().allMatch(node -> node.get(MemcachedProbe.key(browser.sessionCookie)) != null));
    }

    @Test
    void aNewSessionTooLargeIsRefusedAndNothingIsStored() {
        assertThrows(SessionTooLargeException.class, () -> browser.set("cart", "x".repeat(32 * 1024)));

        assertFalse(probe.sessionCount() > 0, "neither node holds part of it");
    }
}
