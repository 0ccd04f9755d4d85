package dev.sessionshop.session.redis;

import java.time.Duration;
import java.util.List;

/**
 * Where a session lives in Redis, for the shop's "where is my session" page.
 *
 * @param key       the Redis key of the session hash
 * @param ttl       time left before Redis expires it; negative when it never expires
 * @param sizeBytes what the key costs in Redis memory ({@code MEMORY USAGE}), or -1 if unknown
 * @param node      {@code host:port} of the Redis node that answered: the primary (behind Sentinel, the
 *                  current one)
 * @param replicas  the replicas that primary streams its writes to ({@code ROLE}), empty when it has none
 */
public record SessionLocation(String key, Duration ttl, long sizeBytes, String node, List<Replica> replicas) {

    public SessionLocation {
        replicas = List.copyOf(replicas);
    }

    /**
     * A replica of the primary.
     *
     * @param node     {@code host:port} as the replica announced itself
     * @param lagBytes how far its copy trails the primary's replication stream; writes in that gap are
     *                 lost if the primary dies now (replication is asynchronous)
     */
    public record Replica(String node, long lagBytes) {
    }
}
