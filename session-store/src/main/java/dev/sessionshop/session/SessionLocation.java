package dev.sessionshop.session;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Where a session lives, for the shop's "where is my session" page: one record per backend, each with
 * what is worth showing about that store. Sealed, and read through {@link #match}: a backend added here
 * adds a parameter to {@code match}, so every page that renders a location stops compiling until it
 * says how to show the new one (the project compiles for Java 17, which has no pattern {@code switch}).
 */
public sealed interface SessionLocation permits SessionLocation.Redis, SessionLocation.Memcached {

    /** Time left before the store expires the session; negative when it never expires. */
    Duration ttl();

    /** What the session costs in the store, in bytes, or -1 if unknown. */
    long sizeBytes();

    /** One function per backend; exactly one is called. */
    <T> T match(Function<Redis, T> redis, Function<Memcached, T> memcached);

    /**
     * A session in Redis.
     *
     * @param key       the Redis key of the session hash
     * @param ttl       time left before Redis expires it; negative when it never expires
     * @param sizeBytes what the key costs in Redis memory ({@code MEMORY USAGE}), or -1 if unknown
     * @param node      {@code host:port} of the Redis node that answered: the primary (behind Sentinel, the
     *                  current one)
     * @param replicas  the replicas that primary streams its writes to ({@code ROLE}), empty when it has none
     */
    record Redis(String key, Duration ttl, long sizeBytes, String node, List<Replica> replicas) implements SessionLocation {

        public Redis {
            replicas = List.copyOf(replicas);
        }

        @Override
        public <T> T match(Function<Redis, T> redis, Function<Memcached, T> memcached) {
            return redis.apply(this);
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

    /**
     * A session in Memcached, replicated by the client: one item on its owner node, a copy on the backup.
     *
     * @param key          the item's key (the same on both nodes)
     * @param owner        {@code host:port} of the node chosen from the session id, where reads go first
     * @param ownerHasIt   whether the owner holds the item now (false while it is down, or after it lost it)
     * @param backup       {@code host:port} of the other node, which holds the copy; null when the store has one node
     * @param backupHasIt  whether the backup holds the copy now
     * @param sizeBytes    the item's value size in bytes (what memcached's item size limit, {@code -I}, applies to)
     * @param ttl          the session's max inactive interval, which every read renews with get-and-touch
     *                     (memcached does not tell the time left); negative when it never expires
     */
    record Memcached(String key, String owner, boolean ownerHasIt, String backup, boolean backupHasIt, long sizeBytes,
                     Duration ttl) implements SessionLocation {

        @Override
        public <T> T match(Function<Redis, T> redis, Function<Memcached, T> memcached) {
            return memcached.apply(this);
        }
    }
}
