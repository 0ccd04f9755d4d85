package dev.sessionshop.benchmark;

/**
 * What the shoppers do. Every request of both mixes carries the shopper's session cookie and uses the
 * session; only {@link #SHOP}'s cart changes change what it holds.
 */
public enum Mix {

    /** Product pages, the cart page and the cart's JSON: reads only. */
    BROWSE("browse", 0),

    /** 70 % of {@link #BROWSE}'s reads, 30 % cart changes (mostly additions, some removals). */
    SHOP("shop", 30);

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
