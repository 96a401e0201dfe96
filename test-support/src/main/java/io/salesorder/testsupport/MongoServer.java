package io.salesorder.testsupport;

import java.net.InetSocketAddress;
import java.util.List;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB wire-compatible server (in memory) on a free loopback port that announces itself as the primary
 * of replica set {@value #REPLICA_SET}, so that services connect with the same {@code replicaSet=} connection
 * string as in production. It has no transactions and no {@code $text}.
 */
public final class MongoServer {

    public static final String REPLICA_SET = "rs0";

    private final de.bwaldvogel.mongo.MongoServer server;
    private final ReplicaSetBackend backend;
    private final int port;
    private final String announced;

    private MongoServer(de.bwaldvogel.mongo.MongoServer server, ReplicaSetBackend backend, int port, String announced) {
        this.server = server;
        this.backend = backend;
        this.port = port;
        this.announced = announced;
    }

    /** A handle on a server another class loader of this JVM started and announces as {@code hostAndPort}. */
    static MongoServer reachableAt(String hostAndPort) {
        return new MongoServer(null, null, Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1)),
                hostAndPort);
    }

    public static MongoServer start() {
        ReplicaSetBackend backend = new ReplicaSetBackend();
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(backend);
        int port = FreePort.pick();
        server.bind(new InetSocketAddress("127.0.0.1", port));
        backend.member = "127.0.0.1:" + port;
        return new MongoServer(server, backend, port, null);
    }

    /**
     * Runs a server on its own until the process ends, after printing its replica-set connection string on one
     * line: the stand-in {@code benchmarks/orders.sh} starts, where no mongod can be had.
     */
    public static void main(String[] args) throws InterruptedException {
        MongoServer server = start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mongo-stand-in-stop"));
        System.out.println(server.replicaSetUrl());
        Thread.currentThread().join();
    }

    public int port() {
        return port;
    }

    /**
     * Makes the server announce {@code hostAndPort} as the set's only member, so that clients that discover
     * the set keep going through that address (an {@link OutageProxy}'s, say) instead of this server's own.
     */
    public void announceAs(String hostAndPort) {
        backend.member = hostAndPort;
    }

    /** A connection string naming the replica set, as the services use in production. */
    public String replicaSetUrl() {
        return "mongodb://" + (backend == null ? announced : backend.member) + "/?replicaSet=" + REPLICA_SET;
    }

    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    /** Answers the handshake as the single, writable member of the replica set. */
    private static final class ReplicaSetBackend extends MemoryBackend {

        private volatile String member;

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document reply = super.handleCommand(channel, database, command, query);
            if (isHandshake(command) && member != null) {
                reply.put("setName", REPLICA_SET);
                reply.put("setVersion", 1);
                reply.put("hosts", List.of(member));
                reply.put("primary", member);
                reply.put("me", member);
                reply.put("isWritablePrimary", Boolean.TRUE);
                reply.put("secondary", Boolean.FALSE);
            }
            return reply;
        }

        private static boolean isHandshake(String command) {
            return command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("isMaster");
        }
    }
}
