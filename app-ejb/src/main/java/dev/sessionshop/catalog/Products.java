package dev.sessionshop.catalog;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable, ordered set of products with lookup by id; parsed from the catalog's JSON. */
final class Products {

    private final Map<String, Product> byId = new LinkedHashMap<>();

    Products(List<Product> products) {
        for (Product product : products) {
            if (byId.putIfAbsent(product.id(), product) != null) {
                throw new IllegalArgumentException("Duplicate product id in catalog: " + product.id());
            }
        }
    }

    static Products read(InputStream json) {
        try (JsonReader reader = Json.createReader(json)) {
            return new Products(reader.readArray().getValuesAs(JsonValue::asJsonObject).stream()
                    .map(Products::product)
                    .toList());
        }
    }

    private static Product product(JsonObject o) {
        return new Product(
                o.getString("id"),
                o.getString("name"),
                o.getString("description", ""),
                Money.of(o.getString("price"), o.getString("currency")),
                o.getInt("hue", 0),
                o.getString("shape", "bag"));
    }

    List<Product> all() {
        return List.copyOf(byId.values());
    }

    Optional<Product> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }
}
