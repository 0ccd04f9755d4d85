package dev.sessionshop.cart;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Product ids and quantities, in the order they were first added. Immutable: every change returns a new
 * cart, which the web module stores back into the session. That makes a forgotten write-back impossible
 * to hide: a change that is not stored is simply not there, on any instance.
 */
public final class Cart implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Cart EMPTY = new Cart(new LinkedHashMap<>());

    // LinkedHashMap (not Map.copyOf) keeps insertion order and is on every deserialization allow-list.
    private final LinkedHashMap<String, Integer> quantities;

    private Cart(LinkedHashMap<String, Integer> quantities) {
        this.quantities = quantities;
    }

    public static Cart empty() {
        return EMPTY;
    }

    public Map<String, Integer> quantities() {
        return Collections.unmodifiableMap(quantities);
    }

    public boolean contains(String productId) {
        return quantities.containsKey(productId);
    }

    public int quantityOf(String productId) {
        return quantities.getOrDefault(productId, 0);
    }

    public boolean isEmpty() {
        return quantities.isEmpty();
    }

    Cart withQuantity(String productId, int quantity) {
        LinkedHashMap<String, Integer> copy = new LinkedHashMap<>(quantities);
        copy.put(productId, quantity);
        return new Cart(copy);
    }

    Cart without(String productId) {
        LinkedHashMap<String, Integer> copy = new LinkedHashMap<>(quantities);
        copy.remove(productId);
        return new Cart(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cart other && quantities.equals(other.quantities);
    }

    @Override
    public int hashCode() {
        return quantities.hashCode();
    }

    @Override
    public String toString() {
        return "Cart" + quantities;
    }
}
