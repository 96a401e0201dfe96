package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.salesorder.platform.bundle.EdgeRoutes;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/**
 * The public contract of the edge, proven on what was built: every path of every service's OpenAPI document (written
 * by the service's build), sent to the edge with the service's original prefix, reaches that service at exactly that
 * path, through every edge the environment's bundle holds (the Gateway API route, the Ingress, or both).
 */
class EdgeRoutesIT {

    /** The original system's public prefixes: clients written for it call these. */
    private static final Map<String, String> PREFIXES = Map.of("user-service", "/userservice",
            "customer-service", "/customerservice", "order-service", "/orderservice", "product-service", "/productservice");

    @SuppressWarnings("unchecked")
    private static List<String> openApiPaths(String service) {
        Path document = Path.of("..", service, "target", "openapi", "openapi.yaml");
        assertThat(document).as("the OpenAPI document the build of " + service + " writes").exists();
        Map<String, Object> paths = (Map<String, Object>) Yaml.read(document).get(0).get("paths");
        return new ArrayList<>(paths.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "staging", "prod" })
    void every_path_of_every_service_is_reached_through_every_edge_with_its_prefix_stripped(String environment) {
        Path file = Path.of("target/kubernetes", environment, "sales-order.yml");
        List<Resource> bundle = Yaml.read(file).stream().map(d -> new Resource(d, file.toString())).toList();
        EdgeRoutes routes = new EdgeRoutes(bundle);
        assertThat(routes.edges()).contains("HTTPRoute/sales-order");
        StringBuilder table = new StringBuilder(environment + ": public path -> service path\n");
        int checked = 0;
        for (String edge : routes.edges()) {
            for (Map.Entry<String, String> service : new java.util.TreeMap<>(PREFIXES).entrySet()) {
                List<String> paths = openApiPaths(service.getKey());
                assertThat(paths).as(service.getKey()).isNotEmpty();
                for (String template : paths) {
                    // A path parameter is sent as a value, as a client would.
                    String path = template.replaceAll("\\{[^}]+}", "1");
                    String publicPath = service.getValue() + path;
                    assertThat(routes.reach(edge, publicPath)).as(edge + " " + publicPath)
                            .contains(new EdgeRoutes.Reached(edge, service.getKey(), path));
                    table.append("  ").append(edge).append("  ").append(publicPath).append(" -> ")
                            .append(service.getKey()).append(" ").append(path).append("\n");
                    checked++;
                }
                // The bare prefix reaches the service's root, as the original's did.
                assertThat(routes.reach(edge, service.getValue())).as(edge + " " + service.getValue())
                        .contains(new EdgeRoutes.Reached(edge, service.getKey(), "/"));
            }
        }
        System.out.print(table);
        assertThat(checked).isGreaterThanOrEqualTo(routes.edges().size() * PREFIXES.size());
    }
}
