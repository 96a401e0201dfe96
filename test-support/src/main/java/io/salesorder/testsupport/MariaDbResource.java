package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the default datasource at a fresh database of the JVM's shared MariaDB server. The database survives
 * application restarts between test profiles (it is created once per JVM), which is what restart-safety tests
 * need.
 */
public class MariaDbResource implements QuarkusTestResourceLifecycleManager {

    private static MariaDbServer.Database database;

    /** The database the application under test uses, for tests that inspect it directly. */
    public static synchronized MariaDbServer.Database database() {
        if (database == null) {
            database = MariaDbServer.shared().createDatabase("test");
        }
        return database;
    }

    @Override
    public Map<String, String> start() {
        MariaDbServer.Database db = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // The server stops with the JVM, so that a restarted application finds its data again.
    }
}
