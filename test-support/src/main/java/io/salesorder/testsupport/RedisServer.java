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
        return start(UUID.randomUUID().toString(), null);
    }

    /** A server that requires {@code password}, such as a rendered Secret's. */
    public static RedisServer start(String password) {
        return start(password, null);
    }

    /** Starts a second server, with the same password, that replicates this one. */
    public RedisServer startReplica() {
        return start(password, port);
    }

    private static RedisServer start(String password, Integer masterPort) {
        int port = FreePort.pick();
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
                    .settingIf(masterPort != null, "replicaof 127.0.0.1 " + masterPort)
                    .build();
            server.start();
            return new RedisServer(server, port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis could not start on port " + port, e);
        }
    }

    /** Starts a Sentinel that monitors this server under {@link #MASTER_NAME}. */
    public int startSentinel() {
        return startSentinel(5000);
    }

    /** Starts a Sentinel that monitors this server and declares it down after {@code downAfterMillis}. */
    public synchronized int startSentinel(int downAfterMillis) {
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
                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis,
                    "sentinel failover-timeout " + MASTER_NAME + " " + Math.max(10000, downAfterMillis * 4),
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

    /** A master, a replica of it and a Sentinel watching them that fails over after one second. */
    public record ReplicatedGroup(RedisServer master, RedisServer replica, int sentinelPort) {
    }

    /** The replicated group of this JVM, started on first use (whatever the class loader) and stopped on exit. */
    public static ReplicatedGroup replicatedGroup() {
        String[] group = JvmShared.getOrCreate("redis-replicated", () -> {
            RedisServer master = start();
            RedisServer replica = master.startReplica();
            int sentinel = master.startSentinel(1000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                replica.stop();
                master.stop();
            }, "redis-group-stop"));
            return master.port + " " + replica.port + " " + sentinel + " " + master.password;
        }).split(" ");
        return new ReplicatedGroup(running(Integer.parseInt(group[0]), group[3]), running(Integer.parseInt(group[1]), group[3]),
                Integer.parseInt(group[2]));
    }

    /** Kills this server the way a lost pod goes: no save, no goodbye. */
    public void crash() {
        try {
            Resp.command(port, password, "SHUTDOWN", "NOSAVE");
        } catch (UncheckedIOException e) {
            // The server closes the connection instead of answering: that is the point.
        }
    }

    /** The Quarkus configuration of a client that knows only the Sentinel on {@code sentinelPort}, as in production. */
    public static java.util.Map<String, String> sentinelClientConfig(int sentinelPort, String password) {
        return java.util.Map.of(
                "quarkus.redis.client-type", "sentinel",
                "quarkus.redis.hosts", "redis://127.0.0.1:" + sentinelPort,
                "quarkus.redis.master-name", MASTER_NAME,
                "quarkus.redis.role", "master",
                "quarkus.redis.password", password);
    }

    /** Sends one command to this server over RESP and returns the reply as text. */
    public String command(String... command) {
        return Resp.command(port, password, command);
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }


    public void stop() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
