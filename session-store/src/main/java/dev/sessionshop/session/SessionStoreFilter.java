package dev.sessionshop.session;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the stored session in front of the application: the request it passes on answers
 * {@code getSession()} from the {@link SessionBackend} (Redis, Memcached), and the response it passes on saves the session's changes before
 * it commits. Register it first in the chain, for every dispatcher type (REQUEST, FORWARD, INCLUDE,
 * ERROR, ASYNC) so that error pages and forwarded requests see the same session.
 *
 * <p>When the store cannot be reached the request is answered by the {@link StoreUnavailableHandler}
 * (a plain 503 by default), never with a stack trace.
 */
public final class SessionStoreFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(SessionStoreFilter.class.getName());

    private final StoreContext store;
    private final StoreUnavailableHandler unavailableHandler;

    public SessionStoreFilter(SessionBackend backend) {
        this(backend, StoreUnavailableHandler.plain503());
    }

    public SessionStoreFilter(SessionBackend backend, StoreUnavailableHandler unavailableHandler) {
        this.store = StoreContext.of(Objects.requireNonNull(backend, "backend"));
        this.unavailableHandler = Objects.requireNonNull(unavailableHandler, "unavailableHandler");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (alreadyWrapped(request)) {
            // A forward or include inside our own wrapper: the outer pass saves. An ASYNC dispatch of the
            // wrapped request is a pass of its own, after the first one ended: it saves what it changed.
            chain.doFilter(request, response);
            if (request.getDispatcherType() == DispatcherType.ASYNC) {
                saveAfter(request, (CurrentSession) request.getAttribute(CurrentSession.REQUEST_ATTRIBUTE));
            }
            return;
        }
        CurrentSession current = (CurrentSession) request.getAttribute(CurrentSession.REQUEST_ATTRIBUTE);
        if (current == null) {
            current = new CurrentSession(store, request, response);
            request.setAttribute(CurrentSession.REQUEST_ATTRIBUTE, current);
        }
        SessionRequest sessionRequest = new SessionRequest(request, current);
        SaveBeforeCommitResponse sessionResponse = new SaveBeforeCommitResponse(response, current::save);
        try {
            chain.doFilter(sessionRequest, sessionResponse);
        } catch (SessionStoreUnavailableException e) {
            storeUnavailable(request, response, e);
            return;
        } catch (IOException | ServletException | RuntimeException e) {
            // Frameworks and JSPs like to wrap what they catch.
            SessionStoreUnavailableException cause = unavailableCause(e);
            if (cause == null) {
                // One rule for every way a request ends: what it changed is written. The cookie of a new
                // session may already be out, and a save before the commit may have written part of it.
                saveDespite(request, current, e);
                throw e;
            }
            storeUnavailable(request, response, cause);
            return;
        }
        try {
            saveAfter(request, current);
        } catch (SessionStoreUnavailableException e) {
            storeUnavailable(request, response, e);
        }
    }

    /** The save at the end of a pass; when the request went async, once more when the async cycle ends. */
    private static void saveAfter(HttpServletRequest request, CurrentSession current) {
        if (current == null) {
            return;
        }
        current.save();
        if (request.isAsyncStarted()) {
            current.saveWhenAsyncCompletes(request);
        }
    }

    private static void saveDespite(HttpServletRequest request, CurrentSession current, Exception failure) {
        try {
            current.save();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session changes of {0} {1}, which failed with {2}, not saved: {3}",
                    new Object[]{request.getMethod(), request.getRequestURI(), failure.getClass().getSimpleName(), e.getMessage()});
        }
    }

    private void storeUnavailable(HttpServletRequest request, HttpServletResponse response,
                                  SessionStoreUnavailableException cause) throws IOException, ServletException {
        if (response.isCommitted()) {
            // Only a save after the chain can get here (saves before a commit run first): the
            // answer is out, so all that is left is to say the session changes were lost.
            LOG.log(Level.WARNING, "Session changes of {0} {1} not saved, response already committed: {2}",
                    new Object[]{request.getMethod(), request.getRequestURI(), cause.getMessage()});
            return;
        }
        LOG.log(Level.FINE, "Answering {0} {1} with the store-unavailable handler",
                new Object[]{request.getMethod(), request.getRequestURI()});
        // Drop whatever the application had buffered, its Set-Cookie headers included.
        response.reset();
        unavailableHandler.handle(request, response, cause);
    }

    private static boolean alreadyWrapped(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            if (current instanceof SessionRequest) {
                return true;
            }
            current = wrapper.getRequest();
        }
        return false;
    }

    private static SessionStoreUnavailableException unavailableCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SessionStoreUnavailableException unavailable) {
                return unavailable;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
