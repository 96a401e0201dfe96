package io.salesorder.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.customer.service.SchemaMigration;
import io.salesorder.testsupport.MariaDbResource;
import io.salesorder.testsupport.MariaDbServer;

@QuarkusTest
class SchemaMigrationTest {

    @Inject
    SchemaMigration schema;

    @Test
    void the_schema_was_built_from_empty_by_the_migrations() throws SQLException {
        MariaDbServer.Database db = MariaDbResource.database();
        assertThat(query(db, "SELECT version, description, success FROM flyway_schema_history WHERE version IS NOT NULL"))
                .containsExactly("1|create customer|1");
        assertThat(query(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE description = 'demo customers'"))
                .containsExactly("1");
    }

    @Test
    void migrating_again_changes_nothing() throws SQLException {
        MariaDbServer.Database db = MariaDbResource.database();
        List<String> before = query(db, "SELECT id, email FROM customer ORDER BY id");

        MigrateResult again = schema.migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(query(db, "SELECT id, email FROM customer ORDER BY id")).isEqualTo(before);
    }

    @Test
    void three_replicas_migrating_one_empty_database_at_once_build_it_exactly_once() throws Exception {
        MariaDbServer.Database fresh = MariaDbServer.shared().createDatabase("race");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<MigrateResult>> replicas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replicas.add(() -> Flyway.configure()
                        .dataSource(fresh.jdbcUrl(), fresh.user(), fresh.password())
                        .locations("classpath:db/migration", "classpath:db/demo")
                        .load().migrate());
            }
            int executed = 0;
            for (Future<MigrateResult> result : pool.invokeAll(replicas)) {
                executed += result.get().migrationsExecuted;
            }
            assertThat(executed).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(query(fresh, "SELECT COUNT(*) FROM customer")).containsExactly("5");
        assertThat(query(fresh, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")).containsExactly("2");
    }

    static List<String> query(MariaDbServer.Database db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? "|" : "").append(result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
