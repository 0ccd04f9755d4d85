package dev.sessionshop.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 32 random bytes (256 bits) from {@link SecureRandom}, base64url without padding, so
 * always 43 characters of {@code [A-Za-z0-9_-]}. An id is the only secret protecting a session,
 * hence far more than the 128 bits OWASP asks for; the fixed shape lets a forged or damaged cookie
 * be thrown away before it costs a call to the store.
 */
public final class SessionIds {

    static final int LENGTH = 43;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** True when {@code id} has exactly the shape {@link #newId()} produces. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A short, non-secret tag for logs: the full id would let anyone reading the log take the session over. */
    public static String forLog(String id) {
        return id == null ? "-" : id.substring(0, Math.min(6, id.length())) + "…";
    }
}
