package dev.sessionshop.catalog;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One article of the catalog. {@code hue} and {@code shape} describe the picture the web module draws
 * as SVG, so the shop ships its own images and never loads one from elsewhere.
 */
public record Product(String id, String name, String description, Money price, int hue, String shape)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
    }
}
