package dev.sessionshop.session.redis;

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
 * Puts the Redis session in front of the application: the request it passes on answers
 * {@code getSession()} from Redis, and the response it passes on saves the session's changes before
 * it commits. Register it first in the chain, for every dispatcher type (REQUEST, FORWARD, INCLUDE,
 * ERROR, ASYNC) so that error pages and forwarded requests see the same session.
 *
 * <p>When Redis cannot be reached the request is answered by the {@link StoreUnavailableHandler}
 * (a plain 503 by default), never with a stack trace.
 */
public final class RedisSessionFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(RedisSessionFilter.class.getName());

    private final RedisSessionStore store;
    private final StoreUnavailableHandler unavailableHandler;

    public RedisSessionFilter(RedisSessionStore store) {
        this(store, StoreUnavailableHandler.plain503());
    }

    public RedisSessionFilter(RedisSessionStore store, StoreUnavailableHandler unavailableHandler) {
        this.store = Objects.requireNonNull(store, "store");
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
            // A forward or include inside our own wrapper: the outer pass saves.
            chain.doFilter(request, response);
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
            current.save();
        } catch (SessionStoreUnavailableException e) {
            storeUnavailable(request, response, e);
        } catch (IOException | ServletException | RuntimeException e) {
            // Frameworks and JSPs like to wrap what they catch.
            SessionStoreUnavailableException cause = unavailableCause(e);
            if (cause == null) {
                throw e;
            }
            storeUnavailable(request, response, cause);
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
