package dev.sessionshop.cart;

import dev.sessionshop.catalog.Money;
import dev.sessionshop.catalog.Product;

/** One priced line of a cart, for display. */
public record CartLine(Product product, int quantity, Money lineTotal) {
}
