package io.salesorder.platform.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edge section of an environment, what the build renders from it, and where each edge sends a request. */
class EdgeTests {

    /** A Service, the Ingress and the Gateway API pair as the platform's base holds them, for one service. */
    private static final String BASE = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: shop-config}
            data: {A: b}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: shop, labels: {app.kubernetes.io/name: shop}}
            spec:
              selector: {app.kubernetes.io/name: shop}
              ports: [{name: http, port: 80, targetPort: 8081}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: edge
              annotations:
                nginx.ingress.kubernetes.io/use-regex: "true"
                nginx.ingress.kubernetes.io/rewrite-target: /$2
            spec:
              ingressClassName: set-by-the-environment
              rules:
                - host: set-by-the-environment
                  http:
                    paths:
                      - path: /shopservice(/|$)(.*)
                        pathType: ImplementationSpecific
                        backend: {service: {name: shop, port: {name: http}}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              gatewayClassName: set-by-the-environment
              listeners:
                - {name: http, protocol: HTTP, port: 80, hostname: set-by-the-environment}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: edge}
            spec:
              parentRefs: [{name: edge}]
              hostnames: [set-by-the-environment]
              rules:
                - matches: [{path: {type: PathPrefix, value: /shopservice}}]
                  filters:
                    - type: URLRewrite
                      urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}
                  backendRefs: [{name: shop, port: 80}]
            """;

    private static List<Resource> render(String edgeYaml) throws IOException {
        List<Resource> base = new ArrayList<>();
        Yaml.read(new StringReader(BASE)).forEach(d -> base.add(new Resource(d, "base")));
        return EdgeResources.apply(base, edge(edgeYaml));
    }

    @SuppressWarnings("unchecked")
    private static Edge edge(String yaml) throws IOException {
        return Edge.parse("overlays/test/platform-settings.yaml", Yaml.read(new StringReader(yaml)).get(0));
    }

    private static Optional<Resource> find(List<Resource> resources, String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private static String yaml(List<Resource> resources, String id) {
        return Yaml.write(find(resources, id).orElseThrow().document());
    }

    @Test
    void the_gateway_is_the_default_edge_and_its_data_plane_alone_reaches_the_service() throws IOException {
        List<Resource> rendered = render("host: shop.example");
        assertThat(rendered).extracting(Resource::id).doesNotContain("Ingress/edge")
                .contains("Gateway/edge", "HTTPRoute/edge", "NetworkPolicy/edge-to-shop", "NetworkPolicy/edge-gateway-data-plane");
        assertThat(yaml(rendered, "Gateway/edge")).contains("gatewayClassName: nginx", "hostname: shop.example")
                .doesNotContain("HTTPS");
        assertThat(yaml(rendered, "HTTPRoute/edge")).contains("sectionName: http", "- shop.example");
        assertThat(yaml(rendered, "NetworkPolicy/edge-to-shop"))
                .contains("gateway.networking.k8s.io/gateway-name: edge", "port: 8081", "app.kubernetes.io/name: shop")
                .doesNotContain("namespaceSelector");
        assertThat(yaml(rendered, "NetworkPolicy/edge-gateway-data-plane"))
                .contains("port: 80", "kubernetes.io/metadata.name: nginx-gateway", "port: 8081");
    }

    @Test
    void tls_adds_an_https_listener_with_the_certificate_and_redirects_http_to_it() throws IOException {
        List<Resource> rendered = render("{host: shop.example, tlsSecret: shop-tls}");
        assertThat(yaml(rendered, "Gateway/edge")).contains("name: https", "protocol: HTTPS", "port: 443",
                "mode: Terminate", "name: shop-tls");
        assertThat(yaml(rendered, "HTTPRoute/edge")).contains("sectionName: https");
        assertThat(yaml(rendered, "HTTPRoute/edge-http-redirect")).contains("sectionName: http", "scheme: https",
                "statusCode: 301");
        assertThat(yaml(rendered, "NetworkPolicy/edge-gateway-data-plane")).contains("port: 443");
    }

    @Test
    void a_shared_gateway_is_attached_to_across_namespaces_and_admitted_by_its_namespace() throws IOException {
        List<Resource> rendered = render("{host: shop.example, sharedGateway: gateway-system/public}");
        assertThat(rendered).extracting(Resource::id).doesNotContain("Gateway/edge", "NetworkPolicy/edge-gateway-data-plane");
        assertThat(yaml(rendered, "HTTPRoute/edge")).contains("namespace: gateway-system", "name: public",
                "group: gateway.networking.k8s.io").doesNotContain("sectionName");
        assertThat(yaml(rendered, "NetworkPolicy/edge-to-shop")).contains("kubernetes.io/metadata.name: gateway-system")
                .doesNotContain("gateway-name");
    }

    @Test
    void both_edges_during_a_migration_admit_both_controllers() throws IOException {
        List<Resource> rendered = render("{kind: both, host: shop.example, tlsSecret: shop-tls, ingressClassName: internal}");
        assertThat(yaml(rendered, "Ingress/edge")).contains("ingressClassName: internal", "host: shop.example",
                "secretName: shop-tls");
        assertThat(yaml(rendered, "NetworkPolicy/edge-to-shop")).contains("kubernetes.io/metadata.name: ingress-nginx",
                "gateway.networking.k8s.io/gateway-name: edge");
    }

    @Test
    void the_ingress_alone_leaves_no_gateway_api_resource() throws IOException {
        List<Resource> rendered = render("{kind: ingress, host: shop.example, ingressControllerNamespace: edge-system}");
        assertThat(rendered).extracting(Resource::id)
                .containsExactly("ConfigMap/shop-config", "Service/shop", "Ingress/edge", "NetworkPolicy/edge-to-shop");
        assertThat(yaml(rendered, "ConfigMap/shop-config")).as("other resources are left as they are")
                .isEqualTo("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n  A: b\n");
        assertThat(yaml(rendered, "NetworkPolicy/edge-to-shop")).contains("kubernetes.io/metadata.name: edge-system");
    }

    @Test
    void f5s_nginx_ingress_controller_gets_prefix_paths_and_its_own_rewrite_annotation() throws IOException {
        List<Resource> rendered = render("{kind: ingress, host: shop.example, ingressController: nginx-ingress}");
        String ingress = yaml(rendered, "Ingress/edge");
        assertThat(ingress).contains("nginx.org/rewrites: serviceName=shop rewrite=/", "path: /shopservice/",
                "pathType: Prefix").doesNotContain("nginx.ingress.kubernetes.io", "(.*)");
        assertThat(yaml(rendered, "NetworkPolicy/edge-to-shop")).contains("kubernetes.io/metadata.name: nginx-ingress");
        EdgeRoutes routes = new EdgeRoutes(rendered);
        assertThat(routes.reach("Ingress/edge", "/shopservice/items/7?x=1"))
                .contains(new EdgeRoutes.Reached("Ingress/edge", "shop", "/items/7?x=1"));
        assertThat(routes.reach("Ingress/edge", "/shopservice/")).map(EdgeRoutes.Reached::path).contains("/");
        assertThat(routes.reach("Ingress/edge", "/shopservice")).isEmpty();
        assertThat(routes.redirect("Ingress/edge", "/shopservice")).contains("/shopservice/");
        assertThat(routes.reach("Ingress/edge", "/shopservicex/items")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{host: a.example, ingressController: traefik} | edge.ingressController must be ingress-nginx or nginx-ingress",
            "{kind: gateways, host: a.example} | edge.kind must be gateway, ingress or both, not gateways",
            "{host: a.example, tls: x} | edge.tls is not a setting",
            "{kind: gateway} | edge.host must be the DNS name",
            "{host: a.example, sharedGateway: public} | edge.sharedGateway must be <namespace>/<name>, not public",
            "{host: a.example, sharedGateway: a/b, tlsSecret: t} | edge.tlsSecret has no use with edge.sharedGateway",
            "{host: a.example, gatewayClassName: NGINX} | edge.gatewayClassName must be a Kubernetes name"})
    void a_wrong_edge_section_is_refused_naming_the_field(String yaml, String message) {
        assertThatThrownBy(() -> edge(yaml)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith("overlays/test/platform-settings.yaml: ").hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{} | the overlay needs one local-config ConfigMap platform-settings (data.edge and data.secrets), and has 0",
            "{name: platform-settings, data: {secrets: 'store: generated'}} | platform-settings needs data.edge (with at least host)",
            "{name: platform-settings, data: {edge: 'host: a.example', ingress: x}} | data.ingress is not a setting; platform-settings holds edge and secrets",
            "{name: platform-settings, data: {edge: '[a, b]'}} | data.edge must be a YAML map of settings",
            "{name: platform-settings, data: {edge: 'host: a.example', secrets: 'store: gcp'}} | secrets.store must be generated, vault or aws-ssm, not gcp"})
    void wrong_settings_are_refused_naming_the_field(String configMap, String message) throws IOException {
        Map<String, Object> document = Yaml.read(new StringReader("{apiVersion: v1, kind: ConfigMap, metadata: "
                + (configMap.equals("{}") ? "{name: other}}" : "{name: platform-settings}, data: "
                        + configMap.substring(configMap.indexOf("data:") + 5, configMap.length() - 1) + "}"))).get(0);
        List<Resource> local = List.of(new Resource(document, "overlays/t/platform-settings.yaml"));
        assertThatThrownBy(() -> Environment.fromSettings("t", "overlays/t/kustomization.yaml", local))
                .isInstanceOf(BundleException.class).hasMessageContaining(message);
    }

    @Test
    void settings_give_the_edge_and_the_store() throws IOException {
        Map<String, Object> document = Yaml.read(new StringReader("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: platform-settings}
                data:
                  edge: |
                    kind: both
                    host: a.example
                  secrets: |
                    store: vault
                    role: r
                """)).get(0);
        Environment environment = Environment.fromSettings("t", "o", List.of(new Resource(document, "s")));
        assertThat(environment.edge().has(Edge.Kind.INGRESS)).isTrue();
        assertThat(environment.secrets().store()).isEqualTo(Environment.Store.VAULT);
        assertThat(environment.secrets().prefix()).isEqualTo("sales-order/t");
        assertThat(environment.secrets().setting("role")).isEqualTo("r");
    }

    @ParameterizedTest(name = "{0} reaches {1}")
    @CsvSource({
            "/shopservice/items/7, /items/7",
            "/shopservice/items?page=2, /items?page=2",
            "/shopservice/, /",
            "/shopservice, /"})
    void both_edges_strip_the_prefix_alike(String publicPath, String servicePath) throws IOException {
        EdgeRoutes routes = new EdgeRoutes(render("{kind: both, host: shop.example}"));
        assertThat(routes.edges()).containsExactly("Ingress/edge", "HTTPRoute/edge");
        for (String edge : routes.edges()) {
            assertThat(routes.reach(edge, publicPath)).as(edge)
                    .contains(new EdgeRoutes.Reached(edge, "shop", servicePath));
        }
    }

    @Test
    void a_prefix_matches_whole_segments_only_and_the_edges_differ_on_case() throws IOException {
        EdgeRoutes routes = new EdgeRoutes(render("{kind: both, host: shop.example}"));
        assertThat(routes.reach("HTTPRoute/edge", "/shopservicex/items")).isEmpty();
        assertThat(routes.reach("Ingress/edge", "/shopservicex/items")).isEmpty();
        // ingress-nginx's regex locations ignore case; Gateway API's path matching does not.
        assertThat(routes.reach("Ingress/edge", "/ShopService/items")).map(EdgeRoutes.Reached::path).contains("/items");
        assertThat(routes.reach("HTTPRoute/edge", "/ShopService/items")).isEmpty();
    }

    @ParameterizedTest(name = "{1} with {2}: {0} becomes {3}")
    @CsvSource({
            "/foo/bar, /foo, /, /bar",
            "/foo, /foo, /, /",
            "/foo/bar, /foo, /v2, /v2/bar",
            "/foo/bar, /foo, /v2/, /v2/bar",
            "/foo/bar, /, /api, /api/foo/bar"})
    void replace_prefix_match_follows_the_gateway_api_examples(String request, String prefix, String replacement,
            String expected) {
        assertThat(EdgeRoutes.replacePrefix(request, prefix, replacement)).isEqualTo(expected);
    }
}
