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
    private static OutageProxy proxy;

    /** The database the application under test uses, for tests that inspect it directly. */
    public static synchronized MariaDbServer.Database database() {
        if (database == null) {
            String[] db = JvmShared.getOrCreate("mariadb.database", () -> {
                MariaDbServer.Database created = MariaDbServer.shared().createDatabase("test");
                return created.name() + " " + created.user() + " " + created.password();
            }).split(" ");
            database = new MariaDbServer.Database(MariaDbServer.shared(), db[0], db[1], db[2]);
        }
        return database;
    }

    /** The relay the application reaches the database through; cut it to simulate an outage. */
    public static synchronized OutageProxy proxy() {
        if (proxy == null) {
            proxy = OutageProxy.to("127.0.0.1", MariaDbServer.shared().port());
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        MariaDbServer.Database db = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(proxy().port()),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // The server stops with the JVM, so that a restarted application finds its data again.
    }
}
