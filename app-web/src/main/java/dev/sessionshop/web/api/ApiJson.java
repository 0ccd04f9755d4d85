package dev.sessionshop.web.api;

import dev.sessionshop.cart.CartLine;
import dev.sessionshop.cart.CartView;
import dev.sessionshop.catalog.Money;
import dev.sessionshop.catalog.Product;
import dev.sessionshop.web.json.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** The API's JSON shapes, in one place. Money is a decimal string: JSON numbers are floating point. */
final class ApiJson {

    private ApiJson() {
    }

    static JsonObject product(Product product) {
        return JsonFactory.object()
                .add("id", product.id())
                .add("name", product.name())
                .add("description", product.description())
                .add("price", amount(product.price()))
                .add("currency", product.price().currency().getCurrencyCode())
                .add("picture", "/images/products/" + product.id() + ".svg")
                .build();
    }

    static JsonArrayBuilder products(List<Product> products) {
        JsonArrayBuilder array = JsonFactory.array();
        products.forEach(product -> array.add(product(product)));
        return array;
    }

    static JsonObject cart(CartView cart) {
        JsonArrayBuilder lines = JsonFactory.array();
        for (CartLine line : cart.lines()) {
            lines.add(JsonFactory.object()
                    .add("productId", line.product().id())
                    .add("name", line.product().name())
                    .add("quantity", line.quantity())
                    .add("unitPrice", amount(line.product().price()))
                    .add("lineTotal", amount(line.lineTotal())));
        }
        return JsonFactory.object()
                .add("lines", lines)
                .add("itemCount", cart.itemCount())
                .add("subtotal", amount(cart.subtotal()))
                .add("currency", cart.subtotal().currency().getCurrencyCode())
                .build();
    }

    static JsonObjectBuilder nullable(JsonObjectBuilder builder, String name, String value) {
        return value == null ? builder.addNull(name) : builder.add(name, value);
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }
}
