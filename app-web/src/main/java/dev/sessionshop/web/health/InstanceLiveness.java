package dev.sessionshop.web.health;

import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the application answers at all; names the instance so a probe's log says which one. */
@Liveness
@ApplicationScoped
public class InstanceLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shop")
                .up()
                .withData("instance", InstanceIdentity.current().name())
                .build();
    }
}
