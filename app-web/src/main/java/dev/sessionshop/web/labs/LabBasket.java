package dev.sessionshop.web.labs;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Lab 1's deliberately MUTABLE stand-in for a cart. The shop's own {@code Cart} is immutable, so it cannot
 * be changed in place; this one can, which is the mistake the lab shows: a session attribute changed
 * without {@code setAttribute} is, for a replicating or external store, not changed at all.
 */
public final class LabBasket implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The session attribute lab 1 keeps it in. */
    public static final String ATTRIBUTE = "lab.basket";

    /**
     * The most items a basket holds. Lab 1 adds three; without a cap, each POST made the session (a Redis
     * hash, a grid entry) a little bigger, for as long as anyone cared to send them.
     */
    public static final int MAX_ITEMS = 20;

    private final ArrayList<String> items = new ArrayList<>();

    /**
     * Adds in place: the object in the session changes, the session is not told.
     *
     * @throws LabBasketFullException when the basket already holds {@link #MAX_ITEMS}; it is then unchanged
     */
    public void add(String productId) {
        if (items.size() >= MAX_ITEMS) {
            throw new LabBasketFullException();
        }
        items.add(productId);
    }

    public List<String> items() {
        return List.copyOf(items);
    }
}
