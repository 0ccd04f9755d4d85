package dev.sessionshop.session.redis;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's view of a session kept in Redis.
 *
 * <p>It remembers which attributes were set or removed since it was loaded, so that the save at the
 * end of the request writes only those. {@code getAttribute} never marks an attribute changed: an
 * attribute value mutated in place (say {@code cart.add(item)}) is <em>not</em> saved unless the
 * application calls {@code setAttribute} again. That is the same contract as Payara's
 * {@code modified-session} persistence scope, and it is what keeps a read-only request free of writes.
 *
 * <p>Session listeners ({@code HttpSessionBindingListener}, {@code HttpSessionAttributeListener},
 * {@code HttpSessionListener}) are not called: the container does not know these sessions exist.
 *
 * <p>Methods are synchronized because an application may touch the session from an async thread.
 */
final class RedisSession implements HttpSession {

    private final CurrentSession owner;
    private String id;
    private final long creationTime;
    private final long lastAccessedTime;
    private int maxInactiveInterval;
    private final Map<String, Object> attributes;

    private final Set<String> changed = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private boolean maxInactiveChanged;
    private boolean persisted;
    private final boolean isNew;
    private boolean valid = true;

    private RedisSession(CurrentSession owner, String id, long creationTime, long lastAccessedTime,
                         int maxInactiveInterval, Map<String, Object> attributes, boolean persisted) {
        this.owner = owner;
        this.id = id;
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveInterval = maxInactiveInterval;
        this.attributes = attributes;
        this.persisted = persisted;
        this.isNew = !persisted;
    }

    /** A session created by this request; it reaches Redis when the request saves. */
    static RedisSession create(CurrentSession owner, String id, long now, int maxInactiveInterval) {
        return new RedisSession(owner, id, now, now, maxInactiveInterval, new LinkedHashMap<>(), false);
    }

    /**
     * A session read from its Redis hash, the lastAccessedTime being the one from <em>before</em> this
     * request (the read script has already stored the new one).
     *
     * @throws AttributeSerializer.RejectedAttributeException if any value may not be read back
     */
    static RedisSession load(CurrentSession owner, String id, Map<String, byte[]> hash,
                             AttributeSerializer serializer, int defaultMaxInactive) {
        long now = System.currentTimeMillis();
        long lastAccessed = SessionHash.number(hash.get(SessionHash.LAST_ACCESSED_TIME), now);
        long created = SessionHash.number(hash.get(SessionHash.CREATION_TIME), lastAccessed);
        int maxInactive = (int) SessionHash.number(hash.get(SessionHash.MAX_INACTIVE_INTERVAL), defaultMaxInactive);
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> field : hash.entrySet()) {
            if (SessionHash.isAttributeField(field.getKey())) {
                String name = SessionHash.attributeName(field.getKey());
                attributes.put(name, serializer.deserialize(name, field.getValue()));
            }
        }
        return new RedisSession(owner, id, created, lastAccessed, maxInactive, attributes, true);
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
    public synchronized Object getAttribute(String name) {
        checkValid("getAttribute");
        return attributes.get(name);
    }

    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(List.copyOf(attributes.keySet()));
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
        attributes.put(name, value);
        changed.add(name);
        removed.remove(name);
    }

    @Override
    public synchronized void removeAttribute(String name) {
        checkValid("removeAttribute");
        // Only an attribute that was there costs an HDEL; removing an absent one writes nothing.
        if (attributes.remove(name) != null && persisted) {
            removed.add(name);
        }
        changed.remove(name);
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

    synchronized boolean isValid() {
        return valid;
    }

    synchronized boolean isPersisted() {
        return persisted;
    }

    /** After changeSessionId: same state under a new key. {@code persisted=false} when the old key was gone. */
    synchronized void renamed(String newId, boolean keyStillExists) {
        this.id = newId;
        if (!keyStillExists) {
            persisted = false;
        }
    }

    /**
     * Writes what changed since the last save, in one round trip; does nothing when nothing changed.
     * A session not yet in Redis is written whole. Holds the lock across the write so a concurrent
     * setAttribute is either in this save or marked for the next one.
     */
    synchronized void saveTo(RedisSessionStore store, AttributeSerializer serializer) {
        if (!valid) {
            return;
        }
        boolean whole = !persisted;
        if (!whole && changed.isEmpty() && removed.isEmpty() && !maxInactiveChanged) {
            return;
        }
        Map<String, byte[]> fields = new HashMap<>();
        if (whole) {
            fields.put(SessionHash.CREATION_TIME, SessionHash.number(creationTime));
            fields.put(SessionHash.LAST_ACCESSED_TIME, SessionHash.number(lastAccessedTime));
            fields.put(SessionHash.MAX_INACTIVE_INTERVAL, SessionHash.number(maxInactiveInterval));
        } else if (maxInactiveChanged) {
            fields.put(SessionHash.MAX_INACTIVE_INTERVAL, SessionHash.number(maxInactiveInterval));
        }
        for (String name : whole ? attributes.keySet() : changed) {
            fields.put(SessionHash.attributeField(name), serializer.serialize(name, attributes.get(name)));
        }
        List<String> deleted = whole ? List.of() : removed.stream().map(SessionHash::attributeField).toList();
        store.save(id, fields, deleted, maxInactiveInterval);
        changed.clear();
        removed.clear();
        maxInactiveChanged = false;
        persisted = true;
    }

    private void checkValid(String method) {
        if (!valid) {
            throw new IllegalStateException(method + ": session already invalidated");
        }
    }
}
