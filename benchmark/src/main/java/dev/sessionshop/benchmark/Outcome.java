package dev.sessionshop.benchmark;

/**
 * One request as the shopper saw it: when it started and ended ({@link System#nanoTime()}), the HTTP
 * status (0 when no answer came), whether it was a cart change, and otherwise why it failed.
 */
record Outcome(long startNanos, long endNanos, int status, boolean change, String failure) {

    long latencyNanos() {
        return endNanos - startNanos;
    }

    /** A 2xx answer: what the shopper asked for happened. */
    boolean ok() {
        return status >= 200 && status < 300;
    }

    /**
     * Whether the change may or may not have happened: no answer, or a 5xx (the instance may have died
     * after saving and before answering). A 4xx is a definite "no": the shop refused and changed nothing.
     */
    boolean ambiguous() {
        return status == 0 || status >= 500;
    }

    /**
     * The shop answered, even if with a refusal (a 4xx, e.g. a change to a cart line the session no
     * longer has): unlike a 5xx or no answer at all, that is a shop serving its clients.
     */
    boolean served() {
        return status > 0 && status < 500;
    }
}
