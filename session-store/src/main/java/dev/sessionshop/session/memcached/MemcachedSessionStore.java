package dev.sessionshop.session.memcached;

import com.spotify.folsom.GetResult;
import com.spotify.folsom.MemcacheStatus;
import dev.sessionshop.session.SessionBackend;
import dev.sessionshop.session.SessionIds;
import dev.sessionshop.session.SessionLocation;
import dev.sessionshop.session.SessionSettings;
import dev.sessionshop.session.SessionStoreUnavailableException;
import dev.sessionshop.session.StoreAvailability;
import dev.sessionshop.session.SessionTooLargeException;
import dev.sessionshop.session.VersionedSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * The Memcached side of the session store: one item per session, on two nodes, replicated by this
 * client as memcached-session-manager does (memcached itself replicates nothing).
 *
 * <p>Each session has an <em>owner</em> node, chosen from its id by a stable hash, and a <em>backup</em>
 * copy on the other node. Reads go to the owner (get-and-touch: one round trip, the TTL renewed) and
 * renew the backup's TTL without waiting for it (putting the copy back if the backup lost it); when the
 * owner is down or has lost the item (a restart, an eviction), the backup answers, and the owner is
 * repaired from it once it answers again. Writes go to
 * the owner with CAS ({@code add} for a new session), then, synchronously, to the backup, where a copy is
 * replaced only by a newer version. While the owner is down, writes go to the backup alone.
 *
 * <p>{@link #start(MemcachedSessionConfig)} never fails because memcached is down; Folsom reconnects to a
 * node by itself. When neither node answers, requests get {@link SessionStoreUnavailableException} (the
 * filter's 503), at once while the nodes refuse connections, else within the command timeout.
 */
public final class MemcachedSessionStore implements SessionBackend {

    private static final Logger LOG = Logger.getLogger(MemcachedSessionStore.class.getName());
    /** CAS races are retried; ten lost in a row means something else is wrong. */
    private static final int MAX_ATTEMPTS = 10;

    private final MemcachedSessionConfig config;
    private final List<MemcachedNode> nodes;
    private final StoreAvailability availability = new StoreAvailability("Memcached", LOG);

    private MemcachedSessionStore(MemcachedSessionConfig config) {
        this.config = config;
        SessionSettings settings = config.settings();
        this.nodes = config.nodes().stream()
                .map(node -> new MemcachedNode(node, settings.commandTimeout(), settings.connectTimeout(), config.maxItemBytes()))
                .toList();
    }

    /**
     * Creates the store and waits, up to the connect timeout, for its connections; nodes that are down are
     * logged, not thrown, and connected to when they come up.
     */
    public static MemcachedSessionStore start(MemcachedSessionConfig config) {
        LOG.log(Level.INFO, "Memcached session store starting: {0}", config);
        MemcachedSessionStore store = new MemcachedSessionStore(config);
        long deadline = System.nanoTime() + config.settings().connectTimeout().toNanos();
        for (MemcachedNode node : store.nodes) {
            if (!node.awaitConnected(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.log(Level.WARNING, "Memcached node {0} not reachable yet; the store connects to it when it is", node.address());
            }
        }
        return store;
    }

    /** The item's key, the same on both nodes. */
    public String key(String sessionId) {
        return config.keyPrefix() + sessionId;
    }

    @Override
    public SessionSettings settings() {
        return config.settings();
    }

    /** The node that owns a session: a stable hash of its id, so every instance of the shop agrees. */
    MemcachedNode owner(String sessionId) {
        return nodes.get(ownerIndex(sessionId, nodes.size()));
    }

    /** Which of {@code nodeCount} nodes (in the configured order) owns a session: CRC-32 of the id. */
    static int ownerIndex(String sessionId, int nodeCount) {
        CRC32 crc = new CRC32();
        crc.update(sessionId.getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % nodeCount);
    }

    /** The other node, or null when there is only one. */
    MemcachedNode backup(String sessionId) {
        MemcachedNode owner = owner(sessionId);
        return nodes.size() < 2 ? null : nodes.get(0) == owner ? nodes.get(1) : nodes.get(0);
    }

    // ---- reading ----

    /**
     * The session, its TTL renewed on the node that answered: one round trip when the owner has it. The
     * backup's TTL is renewed too, without waiting for the answer. A session with an interval of its own
     * (not the default) costs one more touch, as get-and-touch is sent before the item says its interval.
     */
    @Override
    public Optional<StoredSession> load(String sessionId, Read read) {
        int ttl = config.settings().maxInactiveSeconds();
        Found found = find(sessionId, ttl);
        if (found == null) {
            return Optional.empty();
        }
        int own = found.session().maxInactiveInterval();
        if (own != ttl) {
            Copies.touchQuietly(found.source(), key(sessionId), own);
            MemcachedNode backup = backup(sessionId);
            if (backup != null && backup != found.source()) {
                backup.touchLater(key(sessionId), own, null);
            }
        }
        return Optional.of(found.session());
    }

    /** Where the item was found, with its CAS value there; {@code ownerUp} says whether the owner answered. */
    private record Found(MemcachedNode source, GetResult<byte[]> item, StoredSession session, boolean ownerUp) {
    }

    /**
     * The item from the owner, else from the backup (the owner down or without it). With {@code touchTtl}
     * of zero or more, reads with get-and-touch and repairs an owner that lost the item from the backup;
     * with a negative one, reads the CAS value only (a write's read: the write itself repairs).
     */
    private Found find(String sessionId, int touchTtl) {
        String key = key(sessionId);
        MemcachedNode owner = owner(sessionId);
        MemcachedNode backup = backup(sessionId);
        MemcachedNode.Down ownerDown = null;
        GetResult<byte[]> item = null;
        try {
            item = read(owner, key, touchTtl);
        } catch (MemcachedNode.Down e) {
            ownerDown = e;
        }
        if (item != null) {
            if (backup != null && touchTtl >= 0) {
                backup.touchLater(key, touchTtl, item.getValue());
            }
            return found(sessionId, owner, item, true);
        }
        if (backup == null) {
            if (ownerDown != null) {
                throw unavailable("read", ownerDown);
            }
            return null;
        }
        GetResult<byte[]> copy;
        try {
            copy = read(backup, key, touchTtl);
        } catch (MemcachedNode.Down e) {
            if (ownerDown != null) {
                throw unavailable("read", e);
            }
            // The owner is up and has no such session: it is the authority.
            LOG.log(Level.FINE, "Backup {0} unreachable; owner {1} has no session {2}",
                    new Object[]{backup.address(), owner.address(), SessionIds.forLog(sessionId)});
            return null;
        }
        markAvailable();
        if (copy == null) {
            return null;
        }
        if (ownerDown == null && touchTtl >= 0) {
            Copies.repair(owner, key, copy.getValue(), touchTtl, sessionId);
        }
        return found(sessionId, backup, copy, ownerDown == null);
    }

    private static GetResult<byte[]> read(MemcachedNode node, String key, int touchTtl) {
        return touchTtl >= 0 ? node.getAndTouch(key, touchTtl) : node.gets(key);
    }

    private Found found(String sessionId, MemcachedNode source, GetResult<byte[]> item, boolean ownerUp) {
        markAvailable();
        StoredSession session = SessionItem.decode(item.getValue());
        if (session == null) {
            LOG.log(Level.WARNING, "Item of session {0} on {1} is not a session; deleted",
                    new Object[]{SessionIds.forLog(sessionId), source.address()});
            delete(sessionId);
            return null;
        }
        return new Found(source, item, session, ownerUp);
    }

    // ---- writing ----

    /**
     * A new session: {@code add} on the owner (the backup while the owner is down), then the copy. A
     * change: read the item with its CAS value ({@code gets}), check the version ({@code CHECKED}), apply
     * the change, {@code cas} it back (retried when another write came in between), then the copy. So a
     * change costs two round trips to the owner and two to the backup, where Redis needs one.
     *
     * @throws SessionTooLargeException when the item exceeds memcached's item size: nothing was written
     */
    @Override
    public Written write(String sessionId, WriteMode mode, long expectedVersion, SessionWrite write) {
        if (mode == WriteMode.CREATE) {
            StoredSession created = SessionItem.created(write);
            if (!store(sessionId, created, null)) {
                throw new IllegalStateException("a new session's id is already taken in memcached");
            }
            return new Written(VersionedSession.Outcome.SAVED, created.version());
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Found found = find(sessionId, -1);
            if (found == null) {
                return new Written(VersionedSession.Outcome.GONE, 0);
            }
            if (mode == WriteMode.CHECKED && found.session().version() != expectedVersion) {
                return new Written(VersionedSession.Outcome.CONFLICT, 0);
            }
            StoredSession next = SessionItem.merged(found.session(), write, System.currentTimeMillis());
            if (store(sessionId, next, found)) {
                LOG.log(Level.FINE, "Write ({0}) of session {1}: version {2}", new Object[]{mode, SessionIds.forLog(sessionId), next.version()});
                return new Written(VersionedSession.Outcome.SAVED, next.version());
            }
        }
        throw unavailable("write", new IllegalStateException(MAX_ATTEMPTS + " CAS races lost in a row"));
    }

    /**
     * Writes the item where it belongs, then its copy. {@code read} is where this write read it (null for
     * a new item): the owner gets a {@code cas} against that read's CAS value, or an {@code add} when it
     * had no item; while the owner is down, the backup gets the {@code cas} and there is no copy.
     *
     * @return false when another write came in between (or the id was taken): nothing was written
     */
    private boolean store(String sessionId, StoredSession session, Found read) {
        String key = key(sessionId);
        byte[] item = SessionItem.encode(session);
        if (item.length > config.maxItemBytes()) {
            // Refused here, not by memcached: a SET memcached refuses as too large also deletes the item
            // it would have replaced, and the session would be left to its backup copy.
            throw tooLarge(sessionId, item.length);
        }
        int ttl = session.maxInactiveInterval();
        MemcachedNode owner = owner(sessionId);
        MemcachedNode backup = backup(sessionId);
        MemcachedNode target = read == null || read.ownerUp() ? owner : backup;
        MemcacheStatus status;
        try {
            status = read != null && read.source() == target ? target.cas(key, item, ttl, read.item().getCas())
                    : target.add(key, item, ttl);
        } catch (MemcachedNode.Down e) {
            if (target != owner || backup == null) {
                throw unavailable("write", e);
            }
            // The owner died between the read and the write (or is down for a new session): the backup
            // takes the write alone; a changed session is read again from there.
            if (read != null) {
                return false;
            }
            target = backup;
            try {
                status = backup.add(key, item, ttl);
            } catch (MemcachedNode.Down both) {
                throw unavailable("write", both);
            }
        }
        markAvailable();
        switch (status) {
            case OK -> {
                if (target == owner && backup != null) {
                    Copies.copy(backup, key, item, ttl, session.version(), sessionId);
                }
                return true;
            }
            case KEY_EXISTS, KEY_NOT_FOUND, ITEM_NOT_STORED -> {
                return false;
            }
            case VALUE_TOO_LARGE -> throw tooLarge(sessionId, item.length);
            default -> throw unavailable("write", new IllegalStateException("memcached " + target.address() + " answered " + status));
        }
    }

    private SessionTooLargeException tooLarge(String sessionId, int bytes) {
        LOG.log(Level.WARNING, "Session {0} not saved: {1} bytes, more than the item size limit ({2} bytes)",
                new Object[]{SessionIds.forLog(sessionId), bytes, config.maxItemBytes()});
        return new SessionTooLargeException("Session " + SessionIds.forLog(sessionId) + " is " + bytes
                + " bytes, more than memcached stores in one item (" + config.maxItemBytes() + " bytes); nothing was written", bytes);
    }

    // ---- delete, rename, describe ----

    /** Deletes the item on both nodes; fails only when neither answers. */
    @Override
    public void delete(String sessionId) {
        String key = key(sessionId);
        MemcachedNode.Down down = null;
        int answered = 0;
        for (MemcachedNode node : nodes) {
            try {
                node.delete(key);
                answered++;
            } catch (MemcachedNode.Down e) {
                down = e;
            }
        }
        if (answered == 0) {
            throw unavailable("delete", down);
        }
        markAvailable();
    }

    /**
     * Writes the session under the new id (owner and copy), then deletes the old item with the CAS value it
     * was read with: when another request changed the old id in between, the new items go and it starts
     * again; when another request ended it, the rename fails.
     */
    @Override
    public boolean rename(String oldId, String newId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Found found = find(oldId, -1);
            if (found == null) {
                return false;
            }
            if (!store(newId, found.session(), null)) {
                throw new IllegalStateException("a new session's id is already taken in memcached");
            }
            MemcacheStatus deleted;
            try {
                deleted = found.source().delete(key(oldId), found.item().getCas());
            } catch (MemcachedNode.Down e) {
                delete(newId);
                throw unavailable("rename", e);
            }
            if (deleted == MemcacheStatus.OK) {
                delete(oldId);
                return true;
            }
            delete(newId);
            if (deleted == MemcacheStatus.KEY_NOT_FOUND) {
                return false;
            }
        }
        throw unavailable("rename", new IllegalStateException(MAX_ATTEMPTS + " CAS races lost in a row"));
    }

    /** Owner, backup, which of them holds the item, its size and interval; no TTL is renewed. */
    @Override
    public Optional<SessionLocation> describe(String sessionId) {
        if (!SessionIds.isWellFormed(sessionId)) {
            return Optional.empty();
        }
        String key = key(sessionId);
        MemcachedNode owner = owner(sessionId);
        MemcachedNode backup = backup(sessionId);
        GetResult<byte[]> onOwner = readQuietly(owner, key);
        GetResult<byte[]> onBackup = backup == null ? null : readQuietly(backup, key);
        GetResult<byte[]> item = onOwner != null ? onOwner : onBackup;
        StoredSession session = item == null ? null : SessionItem.decode(item.getValue());
        if (session == null) {
            return Optional.empty();
        }
        int interval = session.maxInactiveInterval();
        return Optional.of(new SessionLocation.Memcached(key, owner.address(), onOwner != null,
                backup == null ? null : backup.address(), onBackup != null, item.getValue().length,
                Duration.ofSeconds(interval > 0 ? interval : -1)));
    }

    private GetResult<byte[]> readQuietly(MemcachedNode node, String key) {
        try {
            return node.gets(key);
        } catch (MemcachedNode.Down e) {
            return null;
        }
    }

    @Override
    public void close() {
        nodes.forEach(MemcachedNode::close);
    }

    // ---- availability ----

    private void markAvailable() {
        availability.markAvailable();
    }

    private SessionStoreUnavailableException unavailable(String operation, RuntimeException cause) {
        return availability.unavailable(operation, cause);
    }
}
