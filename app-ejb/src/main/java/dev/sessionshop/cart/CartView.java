package dev.sessionshop.cart;

import dev.sessionshop.catalog.Money;
import java.util.List;

/** A cart with prices: its lines, how many items, and the subtotal. */
public record CartView(List<CartLine> lines, int itemCount, Money subtotal) {

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
