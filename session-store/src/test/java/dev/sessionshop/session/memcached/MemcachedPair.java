package dev.sessionshop.session.memcached;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two memcached nodes for a test class, as the shop runs them: each session's owner is one of them and
 * its backup the other. Extra options (a small {@code -I} or {@code -m}) apply to both.
 */
final class MemcachedPair implements BeforeAllCallback, AfterAllCallback {

    private final String[] options;
    private List<MemcachedServer> nodes;

    MemcachedPair(String... options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        nodes = List.of(new MemcachedServer(options).start(), new MemcachedServer(options).start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (MemcachedServer node : nodes) {
            node.close();
        }
    }

    List<MemcachedServer> nodes() {
        return nodes;
    }

    /** {@code host:port,host:port}, as {@code SHOP_MEMCACHED_NODES} gives them. */
    String addresses() {
        return nodes.get(0).address() + "," + nodes.get(1).address();
    }

    /**
     * Empties both nodes by restarting them (also any node a test killed). Not {@code flush_all}: it
     * counts time in whole seconds and hides items written in the same second after it, and flushed
     * items stay in {@code curr_items}.
     */
    void reset() throws Exception {
        for (MemcachedServer node : nodes) {
            node.kill();
            node.start();
        }
    }
}
