package io.salesorder.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves the test key set at {@code /.well-known/jwks.json} on a loopback port, as user-service does in the
 * cluster, so that a verifier can be tested on the production path (a JWKS URL) rather than a key file.
 */
public final class JwksServer implements AutoCloseable {

    public static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger requests;

    private JwksServer(HttpServer server, AtomicInteger requests) {
        this.server = server;
        this.requests = requests;
    }

    public static JwksServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = TestTokens.jwks().getBytes(StandardCharsets.UTF_8);
            AtomicInteger requests = new AtomicInteger();
            server.createContext(PATH, exchange -> {
                requests.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new JwksServer(server, requests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** How many times the key set was fetched. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
