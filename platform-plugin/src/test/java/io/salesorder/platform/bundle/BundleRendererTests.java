package io.salesorder.platform.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.salesorder.platform.kustomize.Kubectl;

/** One render, step by step, on a small platform: one service of three documents, one overlay. */
class BundleRendererTests {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** What a module generates: its ServiceAccount, Deployment and Service. */
    private static final String MODULE = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: shop, labels: {app.kubernetes.io/name: shop, app.kubernetes.io/version: "1.0"}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, labels: {app.kubernetes.io/version: "1.0", app.kubernetes.io/name: shop}}
            spec:
              replicas: 3
              selector: {matchLabels: {app.kubernetes.io/name: shop}}
              template:
                metadata: {labels: {app.kubernetes.io/name: shop}}
                spec:
                  containers: [{name: shop, image: "localhost:5000/sales-order/shop:1.0", ports: [{containerPort: 8080, name: http}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: shop, labels: {app.kubernetes.io/name: shop}}
            spec:
              selector: {app.kubernetes.io/name: shop}
              ports: [{name: http, port: 80, targetPort: 8080}]
            """;

    @TempDir
    Path dir;
    private Path sources;

    @BeforeEach
    void layOut() throws IOException {
        sources = dir.resolve("platform");
        write("base/kustomization.yaml", """
                resources: [00-namespace.yml, 40-scaling.yml]
                namespace: shop
                labels: [{pairs: {app.kubernetes.io/part-of: shop-system}, includeTemplates: true}]
                """);
        write("base/00-namespace.yml", "{apiVersion: v1, kind: Namespace, metadata: {name: shop, labels: {app.kubernetes.io/name: shop}}}");
        write("base/40-scaling.yml", """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: shop, labels: {app.kubernetes.io/name: shop}}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}, minReplicas: 2, maxReplicas: 5}
                """);
        write("edge/51-gateway.yml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: shop, labels: {app.kubernetes.io/name: shop}}
                spec:
                  gatewayClassName: set-by-the-environment
                  listeners: [{name: http, protocol: HTTP, port: 80, hostname: x, allowedRoutes: {namespaces: {from: Same}}}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, labels: {app.kubernetes.io/name: shop}}
                spec:
                  parentRefs: [{name: shop}]
                  hostnames: [x]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /shopservice}}]
                      backendRefs: [{name: shop, port: 80}]
                """);
        write("overlays/t/kustomization.yaml", """
                resources: [../../base, platform-settings.yaml]
                images: [{name: sales-order/shop, newName: registry.example/sales-order/shop}]
                patches:
                  - target: {kind: HorizontalPodAutoscaler}
                    patch: |
                      - {op: replace, path: /spec/maxReplicas, value: 4}
                """);
        write("overlays/t/platform-settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: platform-settings, annotations: {config.kubernetes.io/local-config: "true"}}
                data:
                  edge: "host: shop.example"
                  secrets: "store: generated"
                """);
        write("secrets.yml", """
                values:
                  shop-password: {generate: password}
                secrets:
                  shop-credentials:
                    owner: shop
                    data:
                      PASSWORD: {value: shop-password}
                """);
        Files.writeString(dir.resolve("shop.yml"), MODULE);
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(sources.resolve(path).getParent());
        Files.writeString(sources.resolve(path), content);
    }

    private BundleRenderer renderer(Map<String, String> digests) {
        return new BundleRenderer(new BundleRenderer.Inputs(sources, Optional.empty(), Map.of("shop", dir.resolve("shop.yml")),
                "2.0", digests));
    }

    private static Resource find(Bundle bundle, String id) {
        return bundle.resources().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + bundle.resources()));
    }

    @Test
    void a_render_loads_kustomizes_adds_the_edge_and_secrets_and_orders_for_apply() {
        Bundle bundle = renderer(Map.of()).render("t", Map.of(), true);

        assertThat(bundle.resources()).extracting(Resource::id).startsWith("Namespace/shop").contains("Secret/shop-credentials",
                "Gateway/shop", "HTTPRoute/shop", "NetworkPolicy/edge-to-shop", "NetworkPolicy/shop-gateway-data-plane")
                .doesNotContain("ConfigMap/platform-settings");
        Resource deployment = find(bundle, "Deployment/shop");
        // load: the module's image by repository; kustomize: the overlay's registry.
        assertThat(deployment.containers().get(0).get("image")).isEqualTo("registry.example/sales-order/shop:1.0");
        // The autoscaler owns the replica count.
        assertThat(Resource.map(deployment.document(), "spec")).doesNotContainKey("replicas");
        assertThat(Resource.map(find(bundle, "HorizontalPodAutoscaler/shop").document(), "spec")).containsEntry("maxReplicas", 4);
        // Namespace and labels reach what the modules and the build's own steps add; a version already named stays.
        for (String id : List.of("Deployment/shop", "Secret/shop-credentials", "NetworkPolicy/edge-to-shop", "Gateway/shop")) {
            Resource resource = find(bundle, id);
            assertThat(resource.namespace()).as(id).isEqualTo("shop");
            assertThat(resource.labels()).as(id).containsEntry(Resource.PART_OF_LABEL, "shop-system")
                    .containsEntry(Resource.VERSION_LABEL, "2.0");
        }
        assertThat(Yaml.write(find(bundle, "Gateway/shop").document())).contains("hostname: shop.example", "gatewayClassName: nginx");
    }

    @Test
    void an_image_this_build_pushed_is_pinned_with_its_tag() {
        Bundle bundle = renderer(Map.of("registry.example/sales-order/shop", DIGEST)).render("t", Map.of(), true);
        assertThat(find(bundle, "Deployment/shop").containers().get(0).get("image"))
                .isEqualTo("registry.example/sales-order/shop:1.0@" + DIGEST);
    }

    @Test
    void the_tree_it_lays_out_is_what_kubectl_kustomize_builds_to_the_same_resources() throws Exception {
        BundleRenderer.Rendering rendering = renderer(Map.of("registry.example/sales-order/shop", DIGEST))
                .rendering("t", Map.of(), true);
        Path overlay = rendering.writeTree(sources, dir.resolve("tree"));
        assertThat(overlay).isEqualTo(dir.resolve("tree/overlays/t"));
        assertThat(Files.readString(dir.resolve("tree/base/kustomization.yaml")))
                .contains("generated/shop.yml", "app.kubernetes.io/version: \"2.0\"", "/spec/replicas");
        assertThat(dir.resolve("tree/base/generated")).isDirectoryNotContaining(p -> Files.isRegularFile(p)
                && contains(p, "kind: Secret"));
        assertThat(Kubectl.kustomize(overlay)).isEqualTo(Kubectl.byId(rendering.bundle().resources().stream()
                .map(Resource::document).toList()));
    }

    @Test
    void an_unknown_environment_names_those_there_are() {
        assertThatThrownBy(() -> renderer(Map.of()).render("prod", Map.of(), true)).isInstanceOf(BundleException.class)
                .hasMessage("No environment prod: the platform defines [t]");
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
