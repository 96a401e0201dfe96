package io.salesorder.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.MariaDbResource;

/**
 * Runs after the other tests of this module, in an application started anew against the same database: the
 * start migrates nothing, loads no demo customer twice and drops nothing.
 */
@QuarkusTest
@TestProfile(RestartTest.SecondStart.class)
class RestartTest {

    public static class SecondStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Any override makes a profile of its own, so Quarkus starts the application again on the same database.
            return Map.of("quarkus.log.category.\"org.flywaydb\".level", "DEBUG");
        }
    }

    @Test
    void a_second_start_changes_nothing() throws SQLException {
        var db = MariaDbResource.database();
        assertThat(SchemaMigrationTest.query(db, "SELECT COUNT(*) FROM flyway_schema_history")).containsExactly("2");
        assertThat(SchemaMigrationTest.query(db,
                "SELECT COUNT(*) FROM customer WHERE email IN ('john.smith@example.com','jane.doe@example.com',"
                        + "'peter.parker@example.com','mary.jones@example.com','william.brown@example.com')"))
                .containsExactly("5");
        assertThat(SchemaMigrationTest.query(db, "SELECT COUNT(*) > 5 FROM customer"))
                .as("customers created by earlier tests survived the restart")
                .containsExactly("1");
    }
}
