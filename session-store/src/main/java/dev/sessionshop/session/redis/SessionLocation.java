package dev.sessionshop.session.redis;

import java.time.Duration;

/**
 * Where a session lives in Redis, for the shop's "where is my session" page.
 *
 * @param key       the Redis key of the session hash
 * @param ttl       time left before Redis expires it; negative when it never expires
 * @param sizeBytes what the key costs in Redis memory ({@code MEMORY USAGE}), or -1 if unknown
 * @param node      {@code host:port} of the Redis node that answered (the primary, when behind Sentinel)
 */
public record SessionLocation(String key, Duration ttl, long sizeBytes, String node) {
}
