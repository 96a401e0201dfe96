package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the MongoDB client at the wire-compatible server of this test JVM, through replica-set discovery. */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    private static MongoServer server;
    private static OutageProxy proxy;

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized MongoServer server() {
        if (server == null) {
            String announced = JvmShared.getOrCreate("mongodb", () -> {
                MongoServer started = MongoServer.start();
                OutageProxy relay = OutageProxy.to("127.0.0.1", started.port());
                started.announceAs(relay.hostAndPort());
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "mongo-stop"));
                server = started;
                proxy = relay;
                return relay.hostAndPort();
            });
            if (server == null) {
                // Started by another class loader of this JVM: reach it through its relay, which only that
                // loader can cut.
                server = MongoServer.reachableAt(announced);
            }
        }
        return server;
    }

    /** The relay the application reaches the server through; cut it to simulate an outage. */
    public static synchronized OutageProxy proxy() {
        server();
        if (proxy == null) {
            throw new IllegalStateException("The MongoDB relay belongs to the first application of this JVM");
        }
        return proxy;
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
