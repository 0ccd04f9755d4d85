package dev.sessionshop.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * The request the application sees: its session methods answer from the session store, never from the container.
 */
final class SessionRequest extends HttpServletRequestWrapper {

    private final CurrentSession current;

    SessionRequest(HttpServletRequest request, CurrentSession current) {
        super(request);
        this.current = current;
    }

    CurrentSession current() {
        return current;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return current.get(create);
    }

    @Override
    public HttpSession getSession() {
        return current.get(true);
    }

    @Override
    public String changeSessionId() {
        return current.changeId();
    }

    @Override
    public String getRequestedSessionId() {
        return current.requestedId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return current.isRequestedIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return current.requestedId() != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }
}
