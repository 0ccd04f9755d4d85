package dev.sessionshop.session;

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
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request's view of a session kept in a {@link SessionBackend}.
 *
 * <p>It holds the values as the store had them (bytes) and deserializes each on its first
 * {@code getAttribute}, so a request pays only for what it reads. It remembers which attributes were set
 * or removed since it was loaded, so the save writes only those, and skips a set attribute whose bytes
 * did not change. {@code getAttribute} never marks an attribute changed: a value mutated in place (say
 * {@code cart.add(item)}) is <em>not</em> saved unless the application calls {@code setAttribute} again,
 * the contract of Payara's {@code modified-session} scope, which keeps a read-only request free of writes.
 *
 * <p>Three things a stored value can turn out to be, on first read: readable; of a class this
 * application does not have or has in another version (a rolling deploy) - then that one attribute is
 * left alone in the store and reads as absent here; or refused by the allow-list or damaged - then the whole
 * session is discarded ({@link CurrentSession#discarded}), since a planted value means the stored session cannot be
 * trusted.
 *
 * <p>Session listeners are not called: the container does not know these sessions exist. Methods are
 * synchronized because an application may touch the session from an async thread; calls into
 * {@link CurrentSession} happen outside this object's lock.
 */
final class StoreSession implements VersionedSession, CountedSession {

    private static final Logger LOG = Logger.getLogger(StoreSession.class.getName());

    private final CurrentSession owner;
    private final AttributeSerializer serializer;
    private String id;
    private long creationTime;
    private long lastAccessedTime;
    private int maxInactiveInterval;
    /** Requests that read the session, this one included, as the store counted them; 0 when it does not count. */
    private long requestCount;
    /** The stored version this request read or last wrote; every write increments it. 0 before the first write. */
    private long version;
    /** Serialized values as the store holds them (as read, or as this request last wrote them). */
    private final Map<String, byte[]> stored = new HashMap<>();
    /** Values read or set by this request. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    /** Stored values of a class this application cannot load: left untouched in the store, invisible here. */
    private final Set<String> unreadable = new HashSet<>();

    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> removed = new HashSet<>();
    private boolean maxInactiveChanged;
    private boolean persisted;
    private final boolean isNew;
    private boolean valid = true;
    /** A stored value was refused: the session is gone from the store, and this object reads as empty. */
    private boolean discarded;

    private StoreSession(CurrentSession owner, AttributeSerializer serializer, String id, boolean persisted) {
        this.owner = owner;
        this.serializer = serializer;
        this.id = id;
        this.persisted = persisted;
        this.isNew = !persisted;
    }

    /** A session created by this request; it reaches the store when the request saves. */
    static StoreSession create(CurrentSession owner, AttributeSerializer serializer, String id, long now,
                               int maxInactiveInterval) {
        StoreSession session = new StoreSession(owner, serializer, id, false);
        session.creationTime = now;
        session.lastAccessedTime = now;
        session.maxInactiveInterval = maxInactiveInterval;
        session.requestCount = owner.store().backend().countsRequests() ? 1 : 0;
        return session;
    }

    /**
     * A session read from the store, the lastAccessedTime being the one from <em>before</em> this
     * request (the store has already recorded the new one). No value is deserialized yet.
     */
    static StoreSession load(CurrentSession owner, AttributeSerializer serializer, String id, SessionBackend.StoredSession stored) {
        StoreSession session = new StoreSession(owner, serializer, id, true);
        session.adopt(stored);
        return session;
    }

    private void adopt(SessionBackend.StoredSession session) {
        lastAccessedTime = session.lastAccessedTime();
        creationTime = session.creationTime();
        maxInactiveInterval = session.maxInactiveInterval();
        version = session.version();
        requestCount = session.requestCount();
        stored.clear();
        values.clear();
        unreadable.clear();
        changed.clear();
        removed.clear();
        maxInactiveChanged = false;
        stored.putAll(session.attributes());
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
    public synchronized OptionalLong requestCount() {
        return owner.store().backend().countsRequests() ? OptionalLong.of(requestCount) : OptionalLong.empty();
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
        // Only an attribute the store has costs a write; removing an absent one writes nothing.
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
     * does nothing when nothing changed. A session not yet in the store is written whole.
     *
     * @return {@link Outcome#GONE} when the session no longer exists in the store; nothing was written then
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
        Map<String, byte[]> written = new LinkedHashMap<>();
        for (String name : whole ? values.keySet() : changed) {
            byte[] bytes = serializer.serialize(name, values.get(name));
            // Set again with the same value (a counter that did not move, a cart re-set unchanged): no write.
            if (whole || !Arrays.equals(bytes, stored.get(name))) {
                written.put(name, bytes);
            }
        }
        Set<String> deleted = whole ? Set.of() : removed;
        if (!whole && written.isEmpty() && deleted.isEmpty() && !maxInactiveChanged) {
            changed.clear();
            return Outcome.SAVED;
        }
        SessionBackend.WriteMode mode = whole ? SessionBackend.WriteMode.CREATE
                : checked ? SessionBackend.WriteMode.CHECKED : SessionBackend.WriteMode.UPDATE;
        SessionBackend.Written result = owner.store().backend().write(id, mode, version, new SessionBackend.SessionWrite(
                creationTime, lastAccessedTime, maxInactiveInterval, whole || maxInactiveChanged, written, deleted));
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
        var reloaded = owner.store().backend().load(id, SessionBackend.Read.RELOAD);
        if (reloaded.isEmpty()) {
            return false;
        }
        adopt(reloaded.get());
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
