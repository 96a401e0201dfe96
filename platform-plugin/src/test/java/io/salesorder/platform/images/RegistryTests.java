package io.salesorder.platform.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The registry calls against a loopback server that answers as the OCI distribution API does: manifests by tag,
 * 404 for an unknown tag, a bearer challenge when a token is required, a PUT that adds a tag.
 */
class RegistryTests {

    private static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = "sha256:" + HexFormat.of().formatHex(ImageInputs.sha256().digest(MANIFEST));

    private HttpServer server;
    private final Map<String, byte[]> tags = new ConcurrentHashMap<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean tokenRequired;
    private volatile String statedDigest = DIGEST;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            seen.add("token " + exchange.getRequestURI().getQuery());
            respond(exchange, 200, "{\"token\":\"t0ken\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        });
        server.createContext("/v2/", this::manifests);
        server.start();
        tags.put("shop/customer-service/manifests/inputs-1", MANIFEST);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void manifests(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/v2/".length());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(exchange.getRequestMethod() + " " + path + " " + authorization);
        if (tokenRequired && !"Bearer t0ken".equals(authorization)) {
            String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
            respond(exchange, 401, new byte[0], Map.of("WWW-Authenticate",
                    "Bearer realm=\"" + realm + "\",service=\"registry\",scope=\"repository:shop/customer-service:pull\""));
            return;
        }
        if ("PUT".equals(exchange.getRequestMethod())) {
            assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo(MEDIA_TYPE);
            tags.put(path, exchange.getRequestBody().readAllBytes());
            respond(exchange, 201, new byte[0], Map.of());
            return;
        }
        byte[] body = tags.get(path);
        if (body == null) {
            respond(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        respond(exchange, 200, body, Map.of("Content-Type", MEDIA_TYPE, "Docker-Content-Digest", statedDigest));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private Registry registry() {
        return new Registry("127.0.0.1:" + server.getAddress().getPort(), true, Optional.empty(), Optional.empty());
    }

    @Test
    void a_tag_the_registry_holds_is_its_manifest_and_digest_and_an_unknown_one_is_empty() throws Exception {
        Registry.Manifest manifest = registry().manifest("shop/customer-service", "inputs-1").orElseThrow();
        assertThat(manifest.digest()).isEqualTo(DIGEST);
        assertThat(manifest.mediaType()).isEqualTo(MEDIA_TYPE);
        assertThat(manifest.body()).isEqualTo(MANIFEST);
        assertThat(registry().manifest("shop/customer-service", "inputs-2")).isEmpty();
    }

    @Test
    void tagging_puts_the_same_bytes_under_the_new_tag() throws Exception {
        Registry registry = registry();
        registry.tag("shop/customer-service", registry.manifest("shop/customer-service", "inputs-1").orElseThrow(), "2.1.0");
        assertThat(tags.get("shop/customer-service/manifests/2.1.0")).isEqualTo(MANIFEST);
        assertThat(registry.manifest("shop/customer-service", "2.1.0").orElseThrow().digest()).isEqualTo(DIGEST);
    }

    @Test
    void a_bearer_challenge_is_answered_with_the_token_it_names() throws Exception {
        tokenRequired = true;
        assertThat(registry().manifest("shop/customer-service", "inputs-1")).isPresent();
        assertThat(seen).contains("token service=registry&scope=repository:shop/customer-service:pull",
                "GET shop/customer-service/manifests/inputs-1 Bearer t0ken");
    }

    @Test
    void a_manifest_whose_bytes_do_not_match_its_stated_digest_is_refused() {
        statedDigest = "sha256:" + "0".repeat(64);
        assertThatThrownBy(() -> registry().manifest("shop/customer-service", "inputs-1"))
                .isInstanceOf(Registry.RegistryException.class).hasMessageContaining("hash to " + DIGEST);
    }

    @Test
    void a_registry_that_cannot_be_reached_is_a_registry_exception_naming_it() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Registry registry = new Registry("127.0.0.1:" + port, true, Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> registry.manifest("shop/customer-service", "inputs-1"))
                .isInstanceOf(Registry.RegistryException.class).hasMessageContaining("could not reach 127.0.0.1:" + port);
    }
}
