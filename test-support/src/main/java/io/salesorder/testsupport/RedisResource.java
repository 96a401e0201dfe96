package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the Redis client at a real, password-protected Redis server of this test JVM. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    private static RedisServer server;
    private static OutageProxy proxy;

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized RedisServer server() {
        if (server == null) {
            String[] shared = JvmShared.getOrCreate("redis", () -> {
                RedisServer started = RedisServer.start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "redis-stop"));
                return started.port() + " " + started.password();
            }).split(" ");
            server = RedisServer.running(Integer.parseInt(shared[0]), shared[1]);
        }
        return server;
    }

    /** The relay the application reaches the server through; cut it to simulate an outage. */
    public static synchronized OutageProxy proxy() {
        if (proxy == null) {
            proxy = OutageProxy.to("127.0.0.1", server().port());
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        RedisServer redis = server();
        return Map.of(
                "quarkus.redis.hosts", "redis://" + proxy().hostAndPort(),
                "quarkus.redis.password", redis.password());
    }

    @Override
    public void stop() {
        // The server stops with the JVM, so that a restarted application finds its data again.
    }
}
