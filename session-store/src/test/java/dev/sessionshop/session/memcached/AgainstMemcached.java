package dev.sessionshop.session.memcached;

import dev.sessionshop.session.Browser;
import dev.sessionshop.session.SessionStoreFilter;
import dev.sessionshop.session.StoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the memcached-only ITs share: two nodes (restarted empty before each test), a store on them with
 * the contract's settings, a browser, and the probe.
 */
abstract class AgainstMemcached {

    MemcachedProbe probe;
    MemcachedSessionStore store;
    Browser browser;

    /** The class's two nodes (a static {@code @RegisterExtension} field of the subclass). */
    abstract MemcachedPair pair();

    /** Settings of the class's own on top of the contract's (say, a smaller item size). */
    MemcachedSessionConfig.Builder configure(MemcachedSessionConfig.Builder config) {
        return config;
    }

    @BeforeEach
    void startStore() throws Exception {
        pair().reset();
        probe = new MemcachedProbe(pair());
        store = MemcachedSessionStore.start(configure(config(pair().addresses())).build());
        browser = new Browser(new SessionStoreFilter(store));
    }

    @AfterEach
    void stopStore() {
        store.close();
    }

    static MemcachedSessionConfig.Builder config(String nodes) {
        MemcachedSessionConfig.Builder config = MemcachedSessionConfig.builder().nodes(nodes);
        StoreContract.contractSettings(config);
        return config;
    }

    static MemcachedSessionStore start(String nodes) {
        return MemcachedSessionStore.start(config(nodes).build());
    }

    /** Kills a node and starts it again, empty, and waits until the store is connected to it again. */
    static void restartEmpty(MemcachedServer node, MemcachedNode storeSide) throws Exception {
        node.kill();
        node.start();
        if (!storeSide.awaitConnected(Duration.ofSeconds(10))) {
            throw new IllegalStateException("the store did not reconnect to " + node.address());
        }
    }
}
