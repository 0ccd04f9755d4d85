package dev.sessionshop.session.redis;

import dev.sessionshop.session.Browser;
import dev.sessionshop.session.SessionStoreFilter;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/**
 * What the store's ITs share: a real redis-server for the class (emptied before each test), a store and
 * its filter on it, and a browser that keeps the session cookie between requests.
 */
abstract class AgainstRedis {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    RedisSessionStore store;
    SessionStoreFilter filter;
    Browser browser;
    RedisCommands<String, byte[]> redis;

    @BeforeEach
    void startStore() {
        redis = REDIS.redis();
        redis.flushall();
        store = RedisSessionStore.start(config(REDIS.uri()));
        filter = new SessionStoreFilter(store);
        browser = new Browser(filter);
    }

    @AfterEach
    void stopStore() {
        store.close();
    }

    static RedisSessionConfig config(String uri) {
        return RedisSessionConfig.builder()
                .redisUri(uri)
                .cookieName("SHOPSESSION")
                .maxInactiveInterval(Duration.ofMinutes(30))
                .keyPrefix("shop:session:")
                .allowedClasses("dev.sessionshop.**", "java.lang.*", "java.util.*", "java.time.*", "java.math.*")
                .commandTimeout(Duration.ofSeconds(2))
                .build();
    }
}
