package dev.sessionshop.session.redis;

import io.lettuce.core.RedisURI;
import java.nio.CharBuffer;

/** Turns the store's settings into Lettuce's {@link RedisURI}: one node, or a set of Sentinels. */
final class RedisUris {

    private RedisUris() {
    }

    static RedisURI of(RedisSessionConfig config) {
        char[] password = config.password();
        RedisURI uri;
        if (config.sentinels().isEmpty()) {
            uri = RedisURI.create(config.redisUri());
            if (password != null) {
                uri.setPassword(password);
            }
        } else {
            RedisURI.Builder builder = null;
            for (String sentinel : config.sentinels()) {
                int colon = sentinel.lastIndexOf(':');
                String host = sentinel.substring(0, colon);
                int port = Integer.parseInt(sentinel.substring(colon + 1));
                // The Sentinels get the same password as the data nodes (sentinel requirepass): Lettuce
                // keeps a Sentinel's credentials apart from the primary's, so each is given explicitly.
                if (builder == null) {
                    builder = password == null ? RedisURI.Builder.sentinel(host, port, config.sentinelMaster())
                            : RedisURI.Builder.sentinel(host, port, config.sentinelMaster(), CharBuffer.wrap(password));
                } else if (password == null) {
                    builder.withSentinel(host, port);
                } else {
                    builder.withSentinel(host, port, CharBuffer.wrap(password));
                }
            }
            if (password != null) {
                builder.withPassword(password);
            }
            uri = builder.build();
            // A Sentinel that hangs (a host gone without a TCP reset) must not hold a request for
            // Lettuce's default 60 s: the store's own timeout applies to asking the Sentinels too.
            for (RedisURI each : uri.getSentinels()) {
                each.setTimeout(config.commandTimeout());
            }
        }
        uri.setTimeout(config.commandTimeout());
        return uri;
    }
}
