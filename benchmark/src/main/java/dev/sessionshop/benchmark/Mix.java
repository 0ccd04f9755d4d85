package dev.sessionshop.benchmark;

/**
 * What the shoppers do. Every request of every mix carries the shopper's session cookie and reads the
 * session; {@link #BROWSE}'s and {@link #SHOP}'s also count it (the session panel's request count), so only
 * {@link #READ_ONLY} leaves the session as it was.
 */
public enum Mix {

    /** Product pages, the cart page and the cart's JSON: the cart unchanged, the request counted. */
    BROWSE("browse", 0),

    /** 70 % of {@link #BROWSE}'s reads, 30 % cart changes (mostly additions, some removals). */
    SHOP("shop", 30),

    /**
     * {@code GET /api/labs/peek} only: reads the session and its cart and writes nothing, not even the
     * request count. What a strategy costs a request that has nothing to save.
     */
    READ_ONLY("read-only", 0);

    private final String label;
    private final int changePercent;

    Mix(String label, int changePercent) {
        this.label = label;
        this.changePercent = changePercent;
    }

    public String label() {
        return label;
    }

    /** Out of 100 requests, how many change the cart. */
    public int changePercent() {
        return changePercent;
    }
}
