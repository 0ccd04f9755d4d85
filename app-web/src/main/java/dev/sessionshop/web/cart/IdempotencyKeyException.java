package dev.sessionshop.web.cart;

/**
 * An {@code Idempotency-Key} the shop cannot honour: malformed (400), or already used for another change
 * in this session (422). Nothing was changed.
 */
public final class IdempotencyKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    IdempotencyKeyException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
