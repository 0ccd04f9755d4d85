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

    private final ArrayList<String> items = new ArrayList<>();

    /** Adds in place: the object in the session changes, the session is not told. */
    public void add(String productId) {
        items.add(productId);
    }

    public List<String> items() {
        return List.copyOf(items);
    }
}
