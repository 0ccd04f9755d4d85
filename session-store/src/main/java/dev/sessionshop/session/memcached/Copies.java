package dev.sessionshop.session.memcached;

import com.spotify.folsom.GetResult;
import com.spotify.folsom.MemcacheStatus;
import dev.sessionshop.session.SessionBackend.StoredSession;
import dev.sessionshop.session.SessionIds;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second copy of a session, the client's part of the replication: the backup's copy after a write,
 * the owner's after it lost the item, a TTL renewed. Failures here never fail the request: the copy is
 * logged as missing and the next read or write puts it back.
 */
final class Copies {

    private static final Logger LOG = Logger.getLogger(Copies.class.getName());
    /** CAS races are retried; ten lost in a row means something else is wrong. */
    private static final int MAX_ATTEMPTS = 10;

    private Copies() {
    }

    /** The owner lost the item (restarted, evicted it): it gets the backup's copy back, unless it has one again. */
    static void repair(MemcachedNode owner, String key, byte[] item, int ttl, String sessionId) {
        try {
            MemcacheStatus status = owner.add(key, item, ttl);
            LOG.log(Level.FINE, "Session {0} read from the backup; owner {1} repaired: {2}",
                    new Object[]{SessionIds.forLog(sessionId), owner.address(), status});
        } catch (MemcachedNode.Down e) {
            LOG.log(Level.FINE, "Owner {0} not repaired: {1}", new Object[]{owner.address(), e.getMessage()});
        }
    }

    static void touchQuietly(MemcachedNode node, String key, int ttl) {
        try {
            node.touch(key, ttl);
        } catch (MemcachedNode.Down e) {
            LOG.log(Level.FINE, "Touch on {0} failed: {1}", new Object[]{node.address(), e.getMessage()});
        }
    }

    /**
     * The backup copy, replaced only by a newer version: two writes of one session that reach the owner in
     * one order may reach the backup in the other. A backup that is down misses this write (logged): until
     * the next write, the owner alone holds it.
     */
    static void copy(MemcachedNode backup, String key, byte[] item, int ttl, long version, String sessionId) {
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                GetResult<byte[]> current = backup.gets(key);
                StoredSession there = current == null ? null : SessionItem.decode(current.getValue());
                if (there != null && there.version() >= version) {
                    return;
                }
                MemcacheStatus status = current == null ? backup.add(key, item, ttl) : backup.cas(key, item, ttl, current.getCas());
                if (status == MemcacheStatus.OK) {
                    return;
                }
                if (status != MemcacheStatus.KEY_EXISTS && status != MemcacheStatus.KEY_NOT_FOUND
                        && status != MemcacheStatus.ITEM_NOT_STORED) {
                    LOG.log(Level.WARNING, "Backup {0} refused the copy of session {1}: {2}",
                            new Object[]{backup.address(), SessionIds.forLog(sessionId), status});
                    return;
                }
            }
        } catch (MemcachedNode.Down e) {
            LOG.log(Level.FINE, "Backup {0} down: session {1} has no current copy until it is read or written again",
                    new Object[]{backup.address(), SessionIds.forLog(sessionId)});
        }
    }
}
