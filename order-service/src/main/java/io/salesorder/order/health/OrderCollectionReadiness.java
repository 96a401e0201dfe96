package io.salesorder.order.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.salesorder.order.service.OrderCollectionSetup;

/** Not ready until the orders collection has its index: MongoDB may come up after the service. */
@Readiness
@ApplicationScoped
public class OrderCollectionReadiness implements HealthCheck {

    private final OrderCollectionSetup setup;

    OrderCollectionReadiness(OrderCollectionSetup setup) {
        this.setup = setup;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("orders collection").status(setup.isPrepared()).build();
    }
}
