package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the MongoDB client at the wire-compatible server of this test JVM, through replica-set discovery. */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    private static MongoServer server;

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized MongoServer server() {
        if (server == null) {
            server = MongoServer.start();
            MongoServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "mongo-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mongodb.connection-string", server().replicaSetUrl());
    }

    @Override
    public void stop() {
        // The server stops with the JVM, so that a restarted application finds its data again.
    }
}
