package dev.sessionshop.session;

/**
 * What one filter gives every request's session: its backend, and the cookies and serializer built from
 * the backend's settings.
 */
record StoreContext(SessionBackend backend, SessionCookies cookies, AttributeSerializer serializer, int defaultMaxInactiveSeconds) {

    static StoreContext of(SessionBackend backend) {
        SessionSettings settings = backend.settings();
        return new StoreContext(backend, new SessionCookies(settings.cookieName(), settings.forceSecureCookie()),
                new AttributeSerializer(settings), settings.maxInactiveSeconds());
    }
}
