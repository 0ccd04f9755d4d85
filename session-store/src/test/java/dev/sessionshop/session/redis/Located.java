package dev.sessionshop.session.redis;

import dev.sessionshop.session.SessionLocation;
import java.util.Optional;

/** The Redis description of a session, for tests that read its Redis details. */
final class Located {

    private Located() {
    }

    static SessionLocation.Redis inRedis(Optional<SessionLocation> location) {
        return location.orElseThrow().match(redis -> redis, memcached -> {
            throw new AssertionError("a Redis store described a Memcached item: " + memcached);
        });
    }
}
