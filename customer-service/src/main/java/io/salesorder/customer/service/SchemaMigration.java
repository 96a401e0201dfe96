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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salesorder.problem.DatastorePreparation;

/**
 * Brings the schema to the latest migration, then has Hibernate validate the entities against it. Flyway's lock on
 * the database makes replicas that start together wait for each other: the first migrates, the others find nothing
 * to do. Nothing is ever dropped. It runs at start when MySQL answers, and otherwise in the background until it
 * does ({@link DatastorePreparation}): the service runs, not ready, while MySQL is not there yet, instead of exiting.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final Flyway flyway;
    private final SessionFactory sessionFactory;
    private final DatastorePreparation preparation = new DatastorePreparation("The customer schema", this::migrateAndValidate);

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
        preparation.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        preparation.stop();
    }

    private void migrateAndValidate() {
        MigrateResult result = migrate();
        LOG.infof("Schema at version %s (%d migration(s) applied now)", result.targetSchemaVersion == null
                ? flyway.info().current().getVersion() : result.targetSchemaVersion, result.migrationsExecuted);
        sessionFactory.getSchemaManager().validateMappedObjects();
    }

    /** Whether the schema is migrated and the entities validated against it. */
    public boolean isDone() {
        return preparation.isDone();
    }

    /** Applies the pending migrations, if any. */
    public MigrateResult migrate() {
        return flyway.migrate();
    }
}
