package dev.sessionshop.catalog;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The catalog, loaded once per instance when the application starts. It is read-only afterwards, so
 * the three instances need no coordination: each reads the same resource.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class ProductCatalog {

    static final String RESOURCE = "/catalog/products.json";
    private static final Logger LOG = Logger.getLogger(ProductCatalog.class.getName());

    private Products products = new Products(List.of());

    @PostConstruct
    void load() {
        try (InputStream in = ProductCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Catalog resource missing: " + RESOURCE);
            }
            products = Products.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog " + RESOURCE, e);
        }
        LOG.info(() -> "Catalog loaded: " + products.all().size() + " products");
    }

    public List<Product> all() {
        return products.all();
    }

    public Optional<Product> find(String id) {
        return products.find(id);
    }

    public boolean isLoaded() {
        return !products.all().isEmpty();
    }

    /** Builds a loaded catalog without a container, for tests of the services that use it. */
    public static ProductCatalog loadedFromResource() {
        ProductCatalog catalog = new ProductCatalog();
        catalog.load();
        return catalog;
    }
}
