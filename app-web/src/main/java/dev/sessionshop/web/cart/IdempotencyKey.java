package dev.sessionshop.web.cart;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} a client may send with a cart change that is not idempotent by itself
 * (adding to the cart): the same key twice means the same change, applied once. It is what lets nginx
 * send such a request again to another instance when the first one died before answering (see
 * {@code nginx/shop-proxy.conf}): if the dead instance had stored the change, the second one finds the key
 * in the session and answers with the cart as it is; if not, it applies the change.
 *
 * @param value       what the client sent: 1 to 64 letters, digits, {@code -} and {@code _} (a UUID fits)
 * @param fingerprint the change the key stands for; the same key with another change is refused
 */
public record IdempotencyKey(String value, String fingerprint) {

    /** The request header (IETF draft "The Idempotency-Key HTTP Header Field"). */
    public static final String HEADER = "Idempotency-Key";
    /** Set to {@code true} on the answer to a change that had been applied before under the same key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_LENGTH = 64;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    /**
     * @param header      the header's value, null when the client sent none
     * @param fingerprint what identifies the change (say product and quantity)
     * @return null without a header
     * @throws IdempotencyKeyException (400) when the header is not a well-formed key
     */
    public static IdempotencyKey parse(String header, String fingerprint) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!WELL_FORMED.matcher(value).matches()) {
            throw new IdempotencyKeyException(400, "The " + HEADER + " header must be 1 to " + MAX_LENGTH
                    + " letters, digits, '-' or '_' (a UUID will do).");
        }
        return new IdempotencyKey(value, fingerprint);
    }
}
