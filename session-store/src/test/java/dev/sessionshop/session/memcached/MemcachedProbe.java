package dev.sessionshop.session.memcached;

import dev.sessionshop.session.BackendProbe;
import dev.sessionshop.session.SessionBackend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The contract's view of memcached: the session's item on its owner (or the backup), over the text protocol. */
final class MemcachedProbe implements BackendProbe {

    private final MemcachedPair pair;

    MemcachedProbe(MemcachedPair pair) {
        this.pair = pair;
    }

    static String key(String sessionId) {
        return MemcachedSessionConfig.DEFAULT_KEY_PREFIX + sessionId;
    }

    MemcachedServer owner(String sessionId) {
        return pair.nodes().get(MemcachedSessionStore.ownerIndex(sessionId, 2));
    }

    MemcachedServer backup(String sessionId) {
        return pair.nodes().get(1 - MemcachedSessionStore.ownerIndex(sessionId, 2));
    }

    /** The session as its owner holds it, else as the backup does; null when neither has it. */
    SessionBackend.StoredSession session(String sessionId) {
        for (MemcachedServer node : List.of(owner(sessionId), backup(sessionId))) {
            byte[] item = node.get(key(sessionId));
            if (item != null) {
                return SessionItem.decode(item);
            }
        }
        return null;
    }

    @Override
    public void flush() {
        try {
            pair.reset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean exists(String sessionId) {
        return pair.nodes().stream().anyMatch(node -> node.get(key(sessionId)) != null);
    }

    @Override
    public long ttlMillis(String sessionId) {
        for (MemcachedServer node : List.of(owner(sessionId), backup(sessionId))) {
            Long seconds = node.ttlSeconds(key(sessionId));
            if (seconds != null) {
                return seconds < 0 ? -1 : seconds * 1000;
            }
        }
        return -2;
    }

    @Override
    public void expireIn(String sessionId, Duration ttl) {
        pair.nodes().forEach(node -> node.touch(key(sessionId), (int) ttl.toSeconds()));
    }

    @Override
    public byte[] stored(String sessionId, String attribute) {
        SessionBackend.StoredSession session = session(sessionId);
        return session == null ? null : session.attributes().get(attribute);
    }

    @Override
    public Set<String> storedNames(String sessionId) {
        SessionBackend.StoredSession session = session(sessionId);
        return session == null ? Set.of() : session.attributes().keySet();
    }

    /** Into every copy, keeping its metadata: what someone who can reach memcached could do. */
    @Override
    public void plant(String sessionId, String attribute, byte[] value) {
        for (MemcachedServer node : pair.nodes()) {
            byte[] item = node.get(key(sessionId));
            SessionBackend.StoredSession session = item == null ? null : SessionItem.decode(item);
            if (session != null) {
                Map<String, byte[]> attributes = new LinkedHashMap<>(session.attributes());
                attributes.put(attribute, value);
                node.set(key(sessionId), SessionItem.encode(new SessionBackend.StoredSession(session.creationTime(),
                        session.lastAccessedTime(), session.maxInactiveInterval(), session.version(), attributes)), 1800);
            }
        }
    }

    @Override
    public long version(String sessionId) {
        SessionBackend.StoredSession session = session(sessionId);
        return session == null ? 0 : session.version();
    }

    /** Each node holds every session (owner or backup): the fuller of the two. */
    @Override
    public long sessionCount() {
        return pair.nodes().stream().mapToLong(node -> node.stats().getOrDefault("curr_items", 0L)).max().orElse(0);
    }

    /** Stores (set, add, cas) and deletes, on both nodes. */
    @Override
    public long writes() {
        return sum("cmd_set", "delete_hits", "delete_misses");
    }

    @Override
    public long calls() {
        return sum("cmd_get", "cmd_set", "cmd_touch", "delete_hits", "delete_misses");
    }

    long sum(String... counters) {
        long total = 0;
        for (MemcachedServer node : pair.nodes()) {
            Map<String, Long> stats = node.stats();
            for (String counter : counters) {
                total += stats.getOrDefault(counter, 0L);
            }
        }
        return total;
    }
}
