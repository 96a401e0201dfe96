package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the Redis client at a real, password-protected Redis server of this test JVM. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    private static RedisServer server;

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized RedisServer server() {
        if (server == null) {
            server = RedisServer.start();
            RedisServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "redis-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        RedisServer redis = server();
        return Map.of(
                "quarkus.redis.hosts", redis.url(),
                "quarkus.redis.password", redis.password());
    }

    @Override
    public void stop() {
        // The server stops with the JVM, so that a restarted application finds its data again.
    }
}
