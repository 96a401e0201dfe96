package io.salesorder.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The cluster's edge on one loopback port: each original path prefix ({@code /userservice}, ...) routed to its
 * service with the prefix stripped, as the platform's routes do ({@code /customerservice/customer/list} reaches
 * customer-service as {@code /customer/list}). Like Gateway API's {@code PathPrefix}, a prefix matches whole path
 * segments and case-sensitively. The client's address goes on as {@code X-Forwarded-For}.
 */
final class LocalEdge {

    /** Headers that belong to one connection, not to the request (RFC 9110 §7.6.1), and those the client sets. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

    private final Map<String, Integer> routes;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** @param routes the port of each prefix's service, by prefix ({@code /userservice}) */
    LocalEdge(int port, Map<String, Integer> routes) throws IOException {
        this.routes = new LinkedHashMap<>(routes);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "local-edge");
            thread.setDaemon(true);
            return thread;
        }));
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The service port and path a request path reaches, or null when no prefix matches. */
    static Map.Entry<Integer, String> route(Map<String, Integer> routes, String path) {
        for (Map.Entry<String, Integer> route : routes.entrySet()) {
            String prefix = route.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                String rest = path.substring(prefix.length());
                return Map.entry(route.getValue(), rest.isEmpty() ? "/" : rest);
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map.Entry<Integer, String> target = route(routes, uri.getRawPath());
            if (target == null) {
                answer(exchange, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No service is routed at "
                        + uri.getRawPath().replace("\"", "") + "; the prefixes are " + routes.keySet() + "\"}");
                return;
            }
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + target.getKey() + target.getValue() + query))
                    .timeout(Duration.ofSeconds(30));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            request.header("X-Forwarded-Host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
            request.header("X-Forwarded-Proto", "http");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                answer(exchange, 502, "{\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"The service behind "
                        + routes.entrySet().stream().filter(r -> r.getValue().equals(target.getKey())).findFirst()
                                .map(Map.Entry::getKey).orElse("") + " does not answer\"}");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] payload = response.body();
            boolean empty = payload.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : payload.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(payload);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String problem) throws IOException {
        byte[] payload = problem.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        }
    }
}
