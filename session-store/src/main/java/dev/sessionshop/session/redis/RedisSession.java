package dev.sessionshop.session.redis;

import dev.sessionshop.session.VersionedSession;
import jakarta.servlet.ServletContext;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request's view of a session kept in Redis.
 *
 * <p>It holds the values as Redis had them (bytes) and deserializes each on its first
 * {@code getAttribute}, so a request pays only for what it reads. It remembers which attributes were set
 * or removed since it was loaded, so the save writes only those, and skips a set attribute whose bytes
 * did not change. {@code getAttribute} never marks an attribute changed: a value mutated in place (say
 * {@code cart.add(item)}) is <em>not</em> saved unless the application calls {@code setAttribute} again,
 * the contract of Payara's {@code modified-session} scope, which keeps a read-only request free of writes.
 *
 * <p>Three things a stored value can turn out to be, on first read: readable; of a class this
 * application does not have or has in another version (a rolling deploy) - then that one attribute is
 * left alone in Redis and reads as absent here; or refused by the allow-list or damaged - then the whole
 * session is discarded ({@link CurrentSession#discarded}), since a planted value means the hash cannot be
 * trusted.
 *
 * <p>Session listeners are not called: the container does not know these sessions exist. Methods are
 * synchronized because an application may touch the session from an async thread; calls into
 * {@link CurrentSession} happen outside this object's lock.
 */
final class RedisSession implements VersionedSession {

    private static final Logger LOG = Logger.getLogger(RedisSession.class.getName());

    private final CurrentSession owner;
    private final AttributeSerializer serializer;
    private String id;
    private long creationTime;
    private long lastAccessedTime;
    private int maxInactiveInterval;
    /** The stored version this request read or last wrote; every write increments it. 0 before the first write. */
    private long version;
    /** Serialized values as Redis holds them (as read, or as this request last wrote them). */
    private final Map<String, byte[]> stored = new HashMap<>();
    /** Values read or set by this request. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    /** Stored values of a class this application cannot load: left untouched in Redis, invisible here. */
    private final Set<String> unreadable = new HashSet<>();

    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> removed = new HashSet<>();
    private boolean maxInactiveChanged;
    private boolean persisted;
    private final boolean isNew;
    private boolean valid = true;
    /** A stored value was refused: the session is gone from Redis, and this object reads as empty. */
    private boolean discarded;

    private RedisSession(CurrentSession owner, AttributeSerializer serializer, String id, boolean persisted) {
        this.owner = owner;
        this.serializer = serializer;
        this.id = id;
        this.persisted = persisted;
        this.isNew = !persisted;
    }

    /** A session created by this request; it reaches Redis when the request saves. */
    static RedisSession create(CurrentSession owner, AttributeSerializer serializer, String id, long now,
                               int maxInactiveInterval) {
        RedisSession session = new RedisSession(owner, serializer, id, false);
        session.creationTime = now;
        session.lastAccessedTime = now;
        session.maxInactiveInterval = maxInactiveInterval;
        return session;
    }

    /**
     * A session read from its Redis hash, the lastAccessedTime being the one from <em>before</em> this
     * request (the read script has already stored the new one). No value is deserialized yet.
     */
    static RedisSession load(CurrentSession owner, AttributeSerializer serializer, String id, Map<String, byte[]> hash,
                             int defaultMaxInactive) {
        RedisSession session = new RedisSession(owner, serializer, id, true);
        session.adopt(hash, defaultMaxInactive);
        return session;
    }

    private void adopt(Map<String, byte[]> hash, int defaultMaxInactive) {
        long now = System.currentTimeMillis();
        lastAccessedTime = SessionHash.number(hash.get(SessionHash.LAST_ACCESSED_TIME), now);
        creationTime = SessionHash.number(hash.get(SessionHash.CREATION_TIME), lastAccessedTime);
        maxInactiveInterval = (int) SessionHash.number(hash.get(SessionHash.MAX_INACTIVE_INTERVAL), defaultMaxInactive);
        version = SessionHash.number(hash.get(SessionHash.VERSION), 0);
        stored.clear();
        values.clear();
        unreadable.clear();
        changed.clear();
        removed.clear();
        maxInactiveChanged = false;
        for (Map.Entry<String, byte[]> field : hash.entrySet()) {
            if (SessionHash.isAttributeField(field.getKey())) {
                stored.put(SessionHash.attributeName(field.getKey()), field.getValue());
            }
        }
    }

    @Override
    public synchronized String getId() {
        return id;
    }

    @Override
    public synchronized long getCreationTime() {
        checkValid("getCreationTime");
        return creationTime;
    }

    @Override
    public synchronized long getLastAccessedTime() {
        checkValid("getLastAccessedTime");
        return lastAccessedTime;
    }

    @Override
    public ServletContext getServletContext() {
        return owner.servletContext();
    }

    @Override
    public synchronized void setMaxInactiveInterval(int interval) {
        if (interval != maxInactiveInterval) {
            maxInactiveInterval = interval;
            maxInactiveChanged = true;
        }
    }

    @Override
    public synchronized int getMaxInactiveInterval() {
        return maxInactiveInterval;
    }

    @Override
    public Object getAttribute(String name) {
        AttributeSerializer.RejectedAttributeException rejected;
        synchronized (this) {
            checkValid("getAttribute");
            if (discarded || name == null) {
                return null;
            }
            if (values.containsKey(name)) {
                return values.get(name);
            }
            byte[] bytes = stored.get(name);
            if (bytes == null || unreadable.contains(name) || removed.contains(name)) {
                return null;
            }
            try {
                Object value = serializer.deserialize(name, bytes);
                values.put(name, value);
                return value;
            } catch (AttributeSerializer.MissingClassException e) {
                unreadable.add(name);
                LOG.log(Level.WARNING, "Session {0}: {1}; left in the store untouched, read as absent here",
                        new Object[]{SessionIds.forLog(id), e.getMessage()});
                return null;
            } catch (AttributeSerializer.RejectedAttributeException e) {
                discarded = true;
                stored.clear();
                values.clear();
                changed.clear();
                removed.clear();
                rejected = e;
            }
        }
        owner.discarded(this, rejected);
        return null;
    }

    /** The names of the attributes this session holds, without reading their values (a cheap call). */
    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        Set<String> names = new LinkedHashSet<>(stored.keySet());
        names.removeAll(unreadable);
        names.removeAll(removed);
        names.addAll(values.keySet());
        return Collections.enumeration(discarded ? List.of() : List.copyOf(names));
    }

    @Override
    public synchronized void setAttribute(String name, Object value) {
        checkValid("setAttribute");
        if (name == null) {
            throw new IllegalArgumentException("attribute name is null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        if (!(value instanceof Serializable)) {
            // Fail where the application made the mistake, not at the end of the request.
            throw new IllegalArgumentException("Session attribute '" + name + "' is not Serializable: "
                    + value.getClass().getName());
        }
        values.put(name, value);
        unreadable.remove(name);
        changed.add(name);
        removed.remove(name);
    }

    @Override
    public synchronized void removeAttribute(String name) {
        checkValid("removeAttribute");
        values.remove(name);
        changed.remove(name);
        // Only an attribute Redis has costs an HDEL; removing an absent one writes nothing.
        if (stored.containsKey(name)) {
            removed.add(name);
        }
    }

    @Override
    public void invalidate() {
        synchronized (this) {
            checkValid("invalidate");
            valid = false;
        }
        owner.invalidated(this);
    }

    @Override
    public synchronized boolean isNew() {
        checkValid("isNew");
        return isNew;
    }

    @Override
    public Outcome saveIfCurrent() {
        Outcome outcome;
        synchronized (this) {
            checkValid("saveIfCurrent");
            outcome = write(true);
        }
        if (outcome == Outcome.GONE) {
            owner.gone(this);
        }
        return outcome;
    }

    /** Usable by the application: neither invalidated, nor gone from the store, nor discarded. */
    synchronized boolean isUsable() {
        return valid && !discarded;
    }

    synchronized boolean isPersisted() {
        return persisted;
    }

    synchronized void markInvalid() {
        valid = false;
    }

    /** After changeSessionId: same state under a new key. */
    synchronized void renamed(String newId) {
        this.id = newId;
    }

    /**
     * Writes what changed since the last save, without a version check (last writer wins per attribute);
     * does nothing when nothing changed. A session not yet in Redis is written whole.
     *
     * @return {@link Outcome#GONE} when the session no longer exists in Redis; nothing was written then
     */
    Outcome save() {
        Outcome outcome;
        synchronized (this) {
            if (!valid || discarded) {
                return Outcome.SAVED;
            }
            outcome = write(false);
        }
        if (outcome == Outcome.GONE) {
            owner.gone(this);
        }
        return outcome;
    }

    /** Under this object's lock, so a concurrent setAttribute is either in this write or left for the next. */
    private Outcome write(boolean checked) {
        if (discarded) {
            return Outcome.GONE;
        }
        boolean whole = !persisted;
        Map<String, byte[]> fields = new LinkedHashMap<>();
        Map<String, byte[]> written = new HashMap<>();
        if (whole) {
            fields.put(SessionHash.CREATION_TIME, SessionHash.number(creationTime));
            fields.put(SessionHash.LAST_ACCESSED_TIME, SessionHash.number(lastAccessedTime));
            fields.put(SessionHash.MAX_INACTIVE_INTERVAL, SessionHash.number(maxInactiveInterval));
        } else if (maxInactiveChanged) {
            fields.put(SessionHash.MAX_INACTIVE_INTERVAL, SessionHash.number(maxInactiveInterval));
        }
        for (String name : whole ? values.keySet() : changed) {
            byte[] bytes = serializer.serialize(name, values.get(name));
            // Set again with the same value (a counter that did not move, a cart re-set unchanged): no write.
            if (whole || !Arrays.equals(bytes, stored.get(name))) {
                fields.put(SessionHash.attributeField(name), bytes);
                written.put(name, bytes);
            }
        }
        List<String> deleted = whole ? List.of() : removed.stream().map(SessionHash::attributeField).toList();
        if (!whole && fields.isEmpty() && deleted.isEmpty()) {
            changed.clear();
            return Outcome.SAVED;
        }
        SessionScripts.WriteMode mode = whole ? SessionScripts.WriteMode.CREATE
                : checked ? SessionScripts.WriteMode.CHECKED : SessionScripts.WriteMode.UPDATE;
        RedisSessionStore.Written result = owner.store().write(id, mode, version, fields, deleted, maxInactiveInterval);
        switch (result.outcome()) {
            case SAVED -> {
                version = result.version();
                stored.putAll(written);
                removed.forEach(stored::remove);
                changed.clear();
                removed.clear();
                maxInactiveChanged = false;
                persisted = true;
            }
            case CONFLICT -> {
                if (!reload()) {
                    valid = false;
                    return Outcome.GONE;
                }
            }
            case GONE -> valid = false;
        }
        return result.outcome();
    }

    /** After a conflict: the stored state replaces this request's (its unsaved changes are dropped). */
    private boolean reload() {
        var hash = owner.store().load(id);
        if (hash.isEmpty()) {
            return false;
        }
        adopt(hash.get(), owner.store().defaultMaxInactiveSeconds());
        LOG.log(Level.FINE, "Session {0} was written by another request; reloaded at version {1}",
                new Object[]{SessionIds.forLog(id), version});
        return true;
    }

    private void checkValid(String method) {
        if (!valid) {
            throw new IllegalStateException(method + ": session already invalidated");
        }
    }
}
