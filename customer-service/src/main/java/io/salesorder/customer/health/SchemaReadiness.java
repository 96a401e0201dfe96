package io.salesorder.customer.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.salesorder.customer.service.SchemaMigration;

/** Not ready until the schema is migrated and validated: MySQL may come up after the service. */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    private final SchemaMigration migration;

    SchemaReadiness(SchemaMigration migration) {
        this.migration = migration;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("customer schema").status(migration.isDone()).build();
    }
}
