package dev.sessionshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductCatalogTest {

    @Test
    void shippedCatalogHasAtLeastTwelveProductsWithUniqueIds() {
        List<Product> products = ProductCatalog.loadedFromResource().all();

        assertTrue(products.size() >= 12, "products: " + products.size());
        assertEquals(products.size(), new HashSet<>(products.stream().map(Product::id).toList()).size());
    }

    @Test
    void findsAProductByIdAndNothingForAnUnknownOne() {
        ProductCatalog catalog = ProductCatalog.loadedFromResource();

        assertEquals("Espresso Beans", catalog.find("espresso-beans").orElseThrow().name());
        assertEquals(Money.of("14.50", "EUR"), catalog.find("espresso-beans").orElseThrow().price());
        assertTrue(catalog.find("no-such-product").isEmpty());
        assertTrue(catalog.find(null).isEmpty());
    }

    @Test
    void refusesACatalogWithDuplicateIds() {
        String json = """
                [{"id": "a", "name": "A", "price": "1.00", "currency": "EUR"},
                 {"id": "a", "name": "A again", "price": "2.00", "currency": "EUR"}]
                """;

        assertThrows(IllegalArgumentException.class,
                () -> Products.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }
}
