package dev.sessionshop.session.redis;

import dev.sessionshop.session.BackendProbe;
import dev.sessionshop.session.ContractFixture;
import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionSettings;
import dev.sessionshop.session.StoreContract;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every contract of the store, against a real redis-server. */
class RedisStoreContractIT extends ContractFixture {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final BackendProbe probe = new RedisProbe(REDIS);

    @Override
    public BackendProbe probe() {
        return probe;
    }

    @Override
    public SessionBackend newBackend(Consumer<SessionSettings.Builder<?>> settings) {
        RedisSessionConfig.Builder config = RedisSessionConfig.builder().redisUri(REDIS.uri()).keyPrefix("shop:session:");
        StoreContract.contractSettings(config);
        settings.accept(config);
        return RedisSessionStore.start(config.build());
    }
}
