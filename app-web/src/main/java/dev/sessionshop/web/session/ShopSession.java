package dev.sessionshop.web.session;

import dev.sessionshop.session.CountedSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The one place that creates the session and keeps its bookkeeping attributes. Every value is written
 * with {@code setAttribute}: Payara's {@code modified-session} scope and the Redis store replicate only
 * what is set again.
 */
public final class ShopSession {

    static final String REQUEST_COUNT = "shop.requestCount";
    static final String CSRF_TOKEN = "shop.csrfToken";
    /** The signed-in shopper's display name (a String); absent when nobody signed in. */
    public static final String DISPLAY_NAME = "shop.displayName";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShopSession() {
    }

    /** The session if the client has one; never creates one. */
    public static HttpSession existing(HttpServletRequest request) {
        return request.getSession(false);
    }

    /** The client's session, created (and counted as this request's) if there is none yet. */
    public static HttpSession getOrCreate(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            session = request.getSession(true);
            if (!storeCounts(session)) {
                session.setAttribute(REQUEST_COUNT, 1);
            }
        }
        return session;
    }

    /**
     * Counts this request as one of the session's. Where the session store counts in its read (Redis), it
     * has already: a page view then writes nothing. Elsewhere an attribute counts, set again every request.
     */
    static void countRequest(HttpSession session) {
        if (!storeCounts(session)) {
            session.setAttribute(REQUEST_COUNT, requestCount(session) + 1);
        }
    }

    public static int requestCount(HttpSession session) {
        OptionalLong counted = storeCount(session);
        if (counted.isPresent()) {
            return (int) Math.min(Integer.MAX_VALUE, counted.getAsLong());
        }
        return session.getAttribute(REQUEST_COUNT) instanceof Integer count ? count : 0;
    }

    private static boolean storeCounts(HttpSession session) {
        return storeCount(session).isPresent();
    }

    /** The store's own count of the session's requests; empty where the store does not count. */
    private static OptionalLong storeCount(HttpSession session) {
        return session instanceof CountedSession counted ? counted.requestCount() : OptionalLong.empty();
    }

    /**
     * Signs the shopper in under a display name that the caller has validated. The session gets a new id
     * first ({@code changeSessionId}: the cart and everything else stay, the old id names nothing any
     * more), so an id planted in the shopper's browser before sign-in (session fixation) is worthless.
     *
     * @return the new session id
     */
    public static String signIn(HttpServletRequest request, String displayName) {
        HttpSession session = getOrCreate(request);
        // Clustering: Payara forgets the old id only on this instance; tell the others (RevokedSessionIds).
        RevokedSessionIds.revoke(session.getId(), session.getMaxInactiveInterval());
        HttpSession signedIn;
        try {
            request.changeSessionId();
            signedIn = request.getSession(false);
        } catch (IllegalStateException endedMeanwhile) {
            // The external store: another request signed this session out while this one signed in. It is
            // not brought back under a new id; the sign-in goes on in a fresh session.
            signedIn = getOrCreate(request);
        }
        signedIn.setAttribute(DISPLAY_NAME, displayName);
        return signedIn.getId();
    }

    /** Ends the session, display name and cart with it; a no-op without a session. */
    public static void signOut(HttpServletRequest request) {
        HttpSession session = existing(request);
        if (session != null) {
            session.invalidate();
        }
    }

    /** The signed-in display name, or null. */
    public static String displayName(HttpSession session) {
        return session != null && session.getAttribute(DISPLAY_NAME) instanceof String name ? name : null;
    }

    /** The per-session token that every HTML form changing the cart must carry. */
    public static String csrfToken(HttpSession session) {
        if (session.getAttribute(CSRF_TOKEN) instanceof String token) {
            return token;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(CSRF_TOKEN, token);
        return token;
    }

    /** Whether a submitted token matches the session's, compared in constant time. */
    public static boolean csrfTokenMatches(HttpSession session, String submitted) {
        if (session == null || submitted == null || !(session.getAttribute(CSRF_TOKEN) instanceof String token)) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
