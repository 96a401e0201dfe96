package io.salesorder.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import redis.embedded.RedisSentinel;

/**
 * A real Redis server on a free loopback port with a password, and on request a Sentinel watching it, so that
 * tests use the same discovery and authentication path as production.
 */
public final class RedisServer {

    public static final String MASTER_NAME = "sales-order";

    private final redis.embedded.RedisServer server;
    private final int port;
    private final String password;
    private RedisSentinel sentinel;
    private int sentinelPort;

    private RedisServer(redis.embedded.RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    /** A handle on a server another class loader of this JVM started; it cannot stop it. */
    static RedisServer running(int port, String password) {
        return new RedisServer(null, port, password);
    }

    public static RedisServer start() {
        int port = FreePort.pick();
        String password = UUID.randomUUID().toString();
        try {
            Path dir = Files.createTempDirectory("redis-test");
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("requirepass " + password)
                    .setting("masterauth " + password)
                    .setting("dir " + dir)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new RedisServer(server, port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis could not start on port " + port, e);
        }
    }

    /** Starts a Sentinel that monitors this server under {@link #MASTER_NAME}. */
    public synchronized int startSentinel() {
        if (sentinel != null) {
            return sentinelPort;
        }
        sentinelPort = FreePort.pick();
        try {
            Path config = Files.createTempFile("sentinel", ".conf");
            Files.writeString(config, String.join("\n",
                    "bind 127.0.0.1",
                    "port " + sentinelPort,
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + port + " 1",
                    "sentinel auth-pass " + MASTER_NAME + " " + password,
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
                    "requirepass " + password,
                    ""));
            sentinel = RedisSentinel.newRedisSentinel().configFile(config.toString()).port(sentinelPort).build();
            sentinel.start();
            RedisSentinel started = sentinel;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (IOException e) {
                    // The JVM is exiting.
                }
            }, "redis-sentinel-stop"));
            return sentinelPort;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis Sentinel could not start", e);
        }
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
