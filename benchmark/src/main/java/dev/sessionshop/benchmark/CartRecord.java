package dev.sessionshop.benchmark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A shopper's own record of its cart, to check the server's against. A change without an answer, or
 * answered with a 5xx, may or may not have been applied (the instance may have died after saving and
 * before answering), so the record keeps, per product, the least and the most the cart may hold; a change
 * the shop refused (4xx) changed nothing and is not recorded at all; the server's cart is kept when every
 * quantity lies in between.
 */
final class CartRecord {

    private final Map<String, int[]> bounds = new HashMap<>();

    /** A successful addition of {@code quantity}. */
    void added(String productId, int quantity) {
        int[] b = bounds.computeIfAbsent(productId, id -> new int[2]);
        b[0] += quantity;
        b[1] += quantity;
    }

    /** An addition whose answer never came or was a 5xx: it may have happened. */
    void maybeAdded(String productId, int quantity) {
        bounds.computeIfAbsent(productId, id -> new int[2])[1] += quantity;
    }

    /** A successful removal of the whole line. */
    void removed(String productId) {
        bounds.remove(productId);
    }

    /** A removal whose answer never came or was a 5xx: the line may be gone. */
    void maybeRemoved(String productId) {
        int[] b = bounds.get(productId);
        if (b != null) {
            b[0] = 0;
        }
    }

    /** The most the cart may hold of this product. */
    int atMost(String productId) {
        int[] b = bounds.get(productId);
        return b == null ? 0 : b[1];
    }

    /** The quantity the cart holds of this product when the record is sure of it, else -1. */
    int exactly(String productId) {
        int[] b = bounds.get(productId);
        if (b == null) {
            return 0;
        }
        return b[0] == b[1] ? b[0] : -1;
    }

    /** Products the cart surely holds (at least one). */
    Set<String> surelyHeld() {
        Set<String> held = new HashSet<>();
        bounds.forEach((id, b) -> {
            if (b[0] > 0) {
                held.add(id);
            }
        });
        return held;
    }

    /** Whether the server's cart (product → quantity) is one this record allows. */
    boolean allows(Map<String, Integer> cart) {
        Set<String> products = new HashSet<>(bounds.keySet());
        products.addAll(cart.keySet());
        for (String id : products) {
            int quantity = cart.getOrDefault(id, 0);
            int[] b = bounds.getOrDefault(id, new int[2]);
            if (quantity < b[0] || quantity > b[1]) {
                return false;
            }
        }
        return true;
    }

    /** The record as "id=min..max" pairs, for a report line or an assertion message. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        bounds.forEach((id, b) -> text.append(text.length() > 1 ? ", " : "").append(id).append('=')
                .append(b[0] == b[1] ? String.valueOf(b[0]) : b[0] + ".." + b[1]));
        return text.append('}').toString();
    }
}
