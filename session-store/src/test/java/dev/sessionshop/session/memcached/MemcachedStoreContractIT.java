package dev.sessionshop.session.memcached;

import dev.sessionshop.session.BackendProbe;
import dev.sessionshop.session.ContractFixture;
import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionSettings;
import dev.sessionshop.session.StoreContract;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every contract of the store, against two real memcached nodes (owner and backup). */
class MemcachedStoreContractIT extends ContractFixture {

    @RegisterExtension
    static final MemcachedPair MEMCACHED = new MemcachedPair();

    private final BackendProbe probe = new MemcachedProbe(MEMCACHED);

    @Override
    public BackendProbe probe() {
        return probe;
    }

    @Override
    public SessionBackend newBackend(Consumer<SessionSettings.Builder<?>> settings) {
        MemcachedSessionConfig.Builder config = MemcachedSessionConfig.builder().nodes(MEMCACHED.addresses());
        StoreContract.contractSettings(config);
        settings.accept(config);
        return MemcachedSessionStore.start(config.build());
    }
}
