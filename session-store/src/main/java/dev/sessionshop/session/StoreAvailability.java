package dev.sessionshop.session;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a backend's store answers, for its log: one WARNING when an outage starts, one INFO when it is
 * over, every failed call at FINE, never a stack trace at WARNING. Also makes the exception the filter
 * turns into the 503.
 */
public final class StoreAvailability {

    private final String store;
    private final Logger log;
    private volatile boolean available = true;

    /** @param store how the log names the store ("Redis", "Memcached") */
    public StoreAvailability(String store, Logger log) {
        this.store = store;
        this.log = log;
    }

    /** A call succeeded. */
    public void markAvailable() {
        if (!available) {
            available = true;
            log.log(Level.INFO, "{0} session store available again", store);
        }
    }

    /** A call failed: logs it, and gives the exception to throw. */
    public SessionStoreUnavailableException unavailable(String operation, RuntimeException cause) {
        if (available) {
            available = false;
            log.log(Level.WARNING, "{0} session store unavailable ({1}): {2}", new Object[]{store, operation, cause.getMessage()});
        }
        log.log(Level.FINE, store + " " + operation + " failed", cause);
        return new SessionStoreUnavailableException(store + " " + operation + " failed: " + cause.getMessage(), cause);
    }
}
