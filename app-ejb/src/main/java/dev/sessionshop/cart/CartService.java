package dev.sessionshop.cart;

import dev.sessionshop.catalog.Money;
import dev.sessionshop.catalog.Product;
import dev.sessionshop.catalog.ProductCatalog;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The cart's rules. Stateless on purpose: the cart itself lives in the HTTP session, wherever the
 * session strategy keeps it; this service only computes the next cart from the current one.
 */
@Stateless
public class CartService {

    static final Currency SHOP_CURRENCY = Currency.getInstance("EUR");

    @EJB
    private ProductCatalog catalog;

    public CartService() {
        // for the container
    }

    CartService(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    /** Adds {@code quantity} of a product; a product already in the cart gets its quantity increased. */
    public Cart add(Cart cart, String productId, int quantity) {
        Product product = product(productId);
        Quantity.check(quantity);
        int total = cart.quantityOf(productId) + quantity;
        if (total > Quantity.MAX) {
            throw InvalidQuantityException.lineTooLarge(product.name(), total);
        }
        return cart.withQuantity(productId, total);
    }

    /** Sets the quantity of a line that is already in the cart. */
    public Cart changeQuantity(Cart cart, String productId, int quantity) {
        Product product = product(productId);
        Quantity.check(quantity);
        requireLine(cart, product);
        return cart.withQuantity(productId, quantity);
    }

    public Cart remove(Cart cart, String productId) {
        Product product = product(productId);
        requireLine(cart, product);
        return cart.without(productId);
    }

    public Cart empty() {
        return Cart.empty();
    }

    /** Prices a cart. Lines whose product left the catalog are not shown (and cost nothing). */
    public CartView view(Cart cart) {
        List<CartLine> lines = new ArrayList<>();
        Money subtotal = Money.zero(SHOP_CURRENCY);
        int itemCount = 0;
        for (Map.Entry<String, Integer> entry : cart.quantities().entrySet()) {
            Product product = catalog.find(entry.getKey()).orElse(null);
            if (product == null) {
                continue;
            }
            Money lineTotal = product.price().times(entry.getValue());
            lines.add(new CartLine(product, entry.getValue(), lineTotal));
            subtotal = subtotal.plus(lineTotal);
            itemCount += entry.getValue();
        }
        return new CartView(List.copyOf(lines), itemCount, subtotal);
    }

    private Product product(String productId) {
        return catalog.find(productId).orElseThrow(() -> new UnknownProductException(productId));
    }

    private static void requireLine(Cart cart, Product product) {
        if (!cart.contains(product.id())) {
            throw new LineNotInCartException(product.name());
        }
    }
}
