package dev.sessionshop.session.redis;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session of one request, from the first {@code getSession} to the save before the response is
 * committed.
 *
 * <p>Loading is lazy: a request that never asks for its session costs no Redis call, which is why
 * static pages keep working while Redis is down. It is kept as a request attribute so that a forward,
 * include or error dispatch that passes through the filter again sees the same session object.
 */
final class CurrentSession {

    static final String REQUEST_ATTRIBUTE = CurrentSession.class.getName();
    private static final Logger LOG = Logger.getLogger(CurrentSession.class.getName());

    private final RedisSessionStore store;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String requestedId;
    private boolean loaded;
    private RedisSession session;
    private boolean requestedIdValid;

    CurrentSession(RedisSessionStore store, HttpServletRequest request, HttpServletResponse response) {
        this.store = store;
        this.request = request;
        this.response = response;
        this.requestedId = store.cookies().requestedId(request);
    }

    String requestedId() {
        return requestedId;
    }

    ServletContext servletContext() {
        return request.getServletContext();
    }

    synchronized boolean isRequestedIdValid() {
        get(false);
        return requestedIdValid && session != null && session.isValid() && session.getId().equals(requestedId);
    }

    /**
     * The session as {@code HttpServletRequest.getSession(create)} defines it.
     *
     * @throws SessionStoreUnavailableException when Redis cannot be reached
     */
    synchronized RedisSession get(boolean create) {
        if (session != null && session.isValid()) {
            return session;
        }
        if (!loaded) {
            // Marked loaded only once load() returned: if Redis failed, a retry must not see "no session"
            // and hand out a fresh one that would replace the user's cookie.
            session = load();
            loaded = true;
            if (session != null) {
                requestedIdValid = true;
                return session;
            }
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("Cannot create a session after the response has been committed");
        }
        session = RedisSession.create(this, SessionIds.newId(), System.currentTimeMillis(),
                store.defaultMaxInactiveSeconds());
        // The cookie goes out now, while headers can still be set; the hash is written at the save.
        response.addHeader("Set-Cookie", store.cookies().issue(session.getId(), request));
        LOG.log(Level.FINE, "Created session {0}", SessionIds.forLog(session.getId()));
        return session;
    }

    private RedisSession load() {
        if (requestedId == null) {
            // No cookie, or one that is not an id we could have issued: no Redis call at all.
            return null;
        }
        Optional<Map<String, byte[]>> hash = store.load(requestedId);
        if (hash.isEmpty()) {
            LOG.log(Level.FINE, "No session {0} in Redis (expired, invalidated or forged)", SessionIds.forLog(requestedId));
            return null;
        }
        try {
            RedisSession loadedSession = RedisSession.load(this, requestedId, hash.get(), store.serializer(),
                    store.defaultMaxInactiveSeconds());
            LOG.log(Level.FINE, "Loaded session {0} with {1} fields", new Object[]{SessionIds.forLog(requestedId), hash.get().size()});
            return loadedSession;
        } catch (AttributeSerializer.RejectedAttributeException e) {
            // A planted or damaged value: never run it, never fail the request. The whole session goes,
            // since a partial one could break the application's invariants.
            LOG.log(Level.WARNING, "Discarding session {0}: {1}", new Object[]{SessionIds.forLog(requestedId), e.getMessage()});
            store.delete(requestedId);
            return null;
        }
    }

    /**
     * Writes the session's changes, if any. Called before the response commits and again after the
     * filter chain; the second call writes only what changed in between.
     *
     * @throws SessionStoreUnavailableException when Redis cannot be reached
     */
    synchronized void save() {
        if (session != null) {
            session.saveTo(store, store.serializer());
        }
    }

    /** Called by {@link RedisSession#invalidate()}: the key goes at once, the cookie goes if it still can. */
    synchronized void invalidated(RedisSession invalidated) {
        if (invalidated.isPersisted()) {
            store.delete(invalidated.getId());
        }
        if (!response.isCommitted()) {
            response.addHeader("Set-Cookie", store.cookies().expire(request));
        }
        LOG.log(Level.FINE, "Invalidated session {0}", SessionIds.forLog(invalidated.getId()));
    }

    /**
     * {@code HttpServletRequest.changeSessionId()}: the same state under a fresh id; the old id no
     * longer names anything (defeats session fixation after login).
     */
    synchronized String changeId() {
        RedisSession current = get(false);
        if (current == null) {
            throw new IllegalStateException("changeSessionId: the request has no session");
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("changeSessionId: the response is already committed, the new cookie could not be sent");
        }
        String oldId = current.getId();
        String newId = SessionIds.newId();
        boolean keyExists = current.isPersisted() && store.rename(oldId, newId);
        current.renamed(newId, keyExists);
        response.addHeader("Set-Cookie", store.cookies().issue(newId, request));
        LOG.log(Level.FINE, "Changed session id {0} to {1}", new Object[]{SessionIds.forLog(oldId), SessionIds.forLog(newId)});
        return newId;
    }
}
