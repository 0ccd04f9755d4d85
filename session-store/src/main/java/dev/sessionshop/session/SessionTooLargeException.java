package dev.sessionshop.session;

/**
 * The session no longer fits in the store (memcached keeps at most 1 MiB per item by default, {@code -I}).
 * Nothing was written: the store still holds the session as it was before this request. It reaches the
 * application like any exception of the request (a 500 unless the application maps it, say to a page
 * that asks to empty the cart); the filter does not swallow it, since retrying cannot help.
 */
public final class SessionTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long itemBytes;

    public SessionTooLargeException(String message, long itemBytes) {
        super(message);
        this.itemBytes = itemBytes;
    }

    /** How large the item would have been. */
    public long itemBytes() {
        return itemBytes;
    }
}
