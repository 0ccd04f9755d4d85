package dev.sessionshop.web.health;

import dev.sessionshop.catalog.ProductCatalog;
import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the catalog is loaded: before that, every page would be empty. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

    @EJB
    private ProductCatalog catalog;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalog")
                .status(catalog.isLoaded())
                .withData("products", catalog.all().size())
                .withData("instance", InstanceIdentity.current().name())
                .build();
    }
}
