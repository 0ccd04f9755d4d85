package dev.sessionshop.session;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session of one request, from the first {@code getSession} to the save before the response is
 * committed.
 *
 * <p>Loading is lazy: a request that never asks for its session costs no call to the store, which is why
 * static pages keep working while the store is down. It is kept as a request attribute so that a forward,
 * include or error dispatch that passes through the filter again sees the same session object.
 */
final class CurrentSession {

    static final String REQUEST_ATTRIBUTE = CurrentSession.class.getName();
    private static final Logger LOG = Logger.getLogger(CurrentSession.class.getName());

    private final StoreContext store;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String requestedId;
    private boolean loaded;
    private StoreSession session;
    private boolean requestedIdValid;
    private boolean asyncListenerAdded;

    CurrentSession(StoreContext store, HttpServletRequest request, HttpServletResponse response) {
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
        return requestedIdValid && session != null && session.isUsable() && session.getId().equals(requestedId);
    }

    StoreContext store() {
        return store;
    }

    /**
     * The session as {@code HttpServletRequest.getSession(create)} defines it. A session that was
     * invalidated, gone from the store or discarded counts as none.
     *
     * @throws SessionStoreUnavailableException when the store cannot be reached
     */
    synchronized StoreSession get(boolean create) {
        if (session != null && session.isUsable()) {
            return session;
        }
        if (!loaded) {
            // Marked loaded only once load() returned: if the store failed, a retry must not see "no session"
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
        session = StoreSession.create(this, store.serializer(), SessionIds.newId(), System.currentTimeMillis(),
                store.defaultMaxInactiveSeconds());
        // The cookie goes out now, while headers can still be set; the session is written at the save.
        response.addHeader("Set-Cookie", store.cookies().issue(session.getId(), request));
        LOG.log(Level.FINE, "Created session {0}", SessionIds.forLog(session.getId()));
        return session;
    }

    private StoreSession load() {
        if (requestedId == null) {
            // No cookie, or one that is not an id we could have issued: no call to the store at all.
            return null;
        }
        Optional<SessionBackend.StoredSession> stored = store.backend().load(requestedId, SessionBackend.Read.REQUEST);
        if (stored.isEmpty()) {
            LOG.log(Level.FINE, "No session {0} in the store (expired, invalidated or forged)", SessionIds.forLog(requestedId));
            return null;
        }
        LOG.log(Level.FINE, "Loaded session {0} with {1} attributes",
                new Object[]{SessionIds.forLog(requestedId), stored.get().attributes().size()});
        return StoreSession.load(this, store.serializer(), requestedId, stored.get());
    }

    /**
     * Writes the session's changes, if any (no version check: last writer wins per attribute). Called
     * before the response commits and again after the filter chain; the second call writes only what
     * changed in between.
     *
     * @throws SessionStoreUnavailableException when the store cannot be reached
     */
    void save() {
        StoreSession current;
        synchronized (this) {
            current = session;
        }
        if (current != null) {
            current.save();
        }
    }

    /**
     * Saves once more when an async cycle ends (complete, error or timeout all end in onComplete): what
     * an async thread changes after the filter chain returned is written then. Registered once.
     */
    synchronized void saveWhenAsyncCompletes(HttpServletRequest asyncRequest) {
        if (asyncListenerAdded || !asyncRequest.isAsyncStarted()) {
            return;
        }
        asyncListenerAdded = true;
        asyncRequest.getAsyncContext().addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                try {
                    save();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Session changes of an async request not saved: {0}", e.getMessage());
                }
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                event.getAsyncContext().addListener(this);
            }
        });
    }

    /** Called by {@link StoreSession#invalidate()}: the key goes at once, the cookie goes if it still can. */
    void invalidated(StoreSession invalidated) {
        if (invalidated.isPersisted()) {
            store.backend().delete(invalidated.getId());
        }
        expireCookie();
        LOG.log(Level.FINE, "Invalidated session {0}", SessionIds.forLog(invalidated.getId()));
    }

    /**
     * Called by {@link StoreSession} when a write found the session gone from the store: another request
     * invalidated or renamed it, or it expired, after this request read it. Its changes are dropped: a late
     * write must not bring a signed-out session back. No cookie is sent either way: the client holds no
     * cookie for a dead id from this request, and expiring the cookie could delete the new id another
     * request just handed the same browser (a sign-in racing this one).
     */
    void gone(StoreSession dead) {
        LOG.log(Level.INFO, "Session {0} ended (invalidated, renamed or expired) while this request used it; "
                + "its changes were dropped", SessionIds.forLog(dead.getId()));
    }

    /**
     * Called by {@link StoreSession} when a stored value was refused (planted or damaged): the whole session
     * goes, since a partial one could break the application's invariants. The request goes on as if it had
     * had no session: {@code getSession(false)} answers null from now on.
     */
    void discarded(StoreSession poisoned, AttributeSerializer.RejectedAttributeException cause) {
        LOG.log(Level.WARNING, "Discarding session {0}: {1}", new Object[]{SessionIds.forLog(poisoned.getId()), cause.getMessage()});
        store.backend().delete(poisoned.getId());
        expireCookie();
    }

    private void expireCookie() {
        if (!response.isCommitted()) {
            response.addHeader("Set-Cookie", store.cookies().expire(request));
        }
    }

    /**
     * {@code HttpServletRequest.changeSessionId()}: the same state under a fresh id; the old id no
     * longer names anything (defeats session fixation after login).
     *
     * @throws IllegalStateException without a session, after the commit, or when the session ended meanwhile
     *                               (another request signed it out): it is not brought back under a new id
     */
    synchronized String changeId() {
        StoreSession current = get(false);
        if (current == null) {
            throw new IllegalStateException("changeSessionId: the request has no session");
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("changeSessionId: the response is already committed, the new cookie could not be sent");
        }
        String oldId = current.getId();
        String newId = SessionIds.newId();
        if (current.isPersisted() && !store.backend().rename(oldId, newId)) {
            current.markInvalid();
            gone(current);
            throw new IllegalStateException("changeSessionId: the session ended meanwhile");
        }
        current.renamed(newId);
        response.addHeader("Set-Cookie", store.cookies().issue(newId, request));
        LOG.log(Level.FINE, "Changed session id {0} to {1}", new Object[]{SessionIds.forLog(oldId), SessionIds.forLog(newId)});
        return newId;
    }
}
