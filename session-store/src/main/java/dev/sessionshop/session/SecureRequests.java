package dev.sessionshop.session;

import jakarta.servlet.ServletRequest;

/**
 * How a filter further down the chain tells the session store that the client spoke HTTPS, so that the
 * session cookie gets {@code Secure}. The store's filter runs first and sees only the request it wrapped,
 * not the wrappers added after it (whose {@code isSecure()} it cannot ask); a request attribute reaches it
 * through every wrapper.
 */
public final class SecureRequests {

    /** The request attribute, {@code Boolean.TRUE} when the client's connection was HTTPS. */
    public static final String ATTRIBUTE = "dev.sessionshop.session.secure";

    private SecureRequests() {
    }

    /** Marks the request as received over HTTPS (say, from a trusted proxy's {@code X-Forwarded-Proto}). */
    public static void markSecure(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /** The request's own {@code isSecure()}, or the mark. */
    public static boolean isSecure(ServletRequest request) {
        return request.isSecure() || Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
