package io.salesorder.customer.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Brings the schema to the latest migration at start, then has Hibernate validate the entities against it.
 * Flyway's lock on the database makes replicas that start together wait for each other: the first migrates,
 * the others find nothing to do. Nothing is ever dropped.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final Flyway flyway;
    private final SessionFactory sessionFactory;

    public SchemaMigration(AgroalDataSource dataSource, SessionFactory sessionFactory,
            @ConfigProperty(name = "customer-service.schema.locations") List<String> locations) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                .load();
        this.sessionFactory = sessionFactory;
    }

    void onStart(@Observes StartupEvent event) {
        MigrateResult result = migrate();
        LOG.infof("Schema at version %s (%d migration(s) applied now)", result.targetSchemaVersion == null
                ? flyway.info().current().getVersion() : result.targetSchemaVersion, result.migrationsExecuted);
        sessionFactory.getSchemaManager().validateMappedObjects();
    }

    /** Applies the pending migrations, if any. */
    public MigrateResult migrate() {
        return flyway.migrate();
    }
}
