package dev.sessionshop.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the session id from the request's cookies and writes the {@code Set-Cookie} header.
 *
 * <p>The header is written by hand rather than through {@code Cookie}/{@code addCookie}: containers
 * differ in how (and whether) they emit {@code SameSite}, and this module must behave the same on
 * all of them.
 */
final class SessionCookies {

    private final String name;
    private final boolean forceSecure;

    SessionCookies(String name, boolean forceSecure) {
        this.name = name;
        this.forceSecure = forceSecure;
    }

    String name() {
        return name;
    }

    /**
     * The first well-formed session id among the request's cookies of our name, or {@code null}.
     * Malformed or overlong values are ignored: they cannot name a session we issued.
     */
    String requestedId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie != null && name.equals(cookie.getName()) && SessionIds.isWellFormed(cookie.getValue())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** True when the request carried a cookie of our name, well-formed or not. */
    boolean present(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (cookie != null && name.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The header value that hands {@code id} to the browser. */
    String issue(String id, HttpServletRequest request) {
        return header(id, request, null);
    }

    /** The header value that makes the browser forget the cookie. */
    String expire(HttpServletRequest request) {
        return header("", request, 0);
    }

    private String header(String value, HttpServletRequest request, Integer maxAge) {
        StringBuilder header = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path(request));
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge)
                    .append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        // No Max-Age on a live session cookie: it dies with the browser, and the server-side TTL
        // decides how long the session itself lives.
        // The request under our filter, or a mark a later filter left (SecureRequests): an HTTPS wrapper
        // further down is invisible from here.
        if (forceSecure || SecureRequests.isSecure(request)) {
            header.append("; Secure");
        }
        return header.append("; HttpOnly; SameSite=Lax").toString();
    }

    private static String path(HttpServletRequest request) {
        String contextPath = request.getContextPath();
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }
}
