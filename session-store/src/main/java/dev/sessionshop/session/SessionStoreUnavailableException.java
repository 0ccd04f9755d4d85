package dev.sessionshop.session;

/**
 * The session store could not be reached in time (down, refusing connections, timing out, or refusing
 * writes). Backends throw it; the filter turns it into the {@link StoreUnavailableHandler}'s answer, a 503 by default.
 */
public final class SessionStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
