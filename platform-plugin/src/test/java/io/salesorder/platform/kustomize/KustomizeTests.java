package io.salesorder.platform.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/** The build's kustomize: each field's meaning on a small input, its refusals, and agreement with kubectl's. */
class KustomizeTests {

    /** Three documents: a Namespace, a Deployment with two containers, a custom resource with a list. */
    private static final String RESOURCES = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
              labels: {app.kubernetes.io/name: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app.kubernetes.io/name: shop}}
              template:
                metadata: {labels: {app.kubernetes.io/name: shop}}
                spec:
                  containers:
                    - name: shop
                      image: registry.example/sales-order/shop:1.0
                      env: [{name: A, value: "1"}, {name: B, value: "2"}]
                      ports: [{containerPort: 8080, name: http}]
                      args: [--a, --b]
                    - name: sidecar
                      image: busybox:1.36
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: shop}
            spec:
              gatewayClassName: nginx
              listeners:
                - {name: http, port: 80, protocol: HTTP}
                - {name: admin, port: 81, protocol: HTTP}
            """;

    private static final String OVERLAY = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [../base]
            namespace: shop
            labels:
              - pairs: {app.kubernetes.io/part-of: shop-system}
                includeTemplates: true
            images:
              - name: registry.example/sales-order/shop
                newName: mirror.example/sales-order/shop
                newTag: "2.0"
              - name: busybox
                digest: sha256:1111111111111111111111111111111111111111111111111111111111111111
            patches:
              - patch: |
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: shop}
                  spec:
                    template:
                      spec:
                        containers:
                          - name: init
                            image: busybox:1.36
                          - name: shop
                            env: [{name: C, value: "3"}, {name: A, value: "0"}, {name: B, $patch: delete}]
                            ports: [{containerPort: 9000, name: management}]
                            args: [--c]
              - target: {kind: Gateway}
                patch: |
                  - {op: add, path: /spec/listeners/-, value: {name: https, port: 443, protocol: HTTPS}}
                  - {op: replace, path: /spec/gatewayClassName, value: internal}
              - target: {group: apps, labelSelector: "app.kubernetes.io/name in (shop, other), !absent"}
                patch: |
                  - {op: remove, path: /spec/replicas}
              - patch: |
                  apiVersion: gateway.networking.k8s.io/v1
                  kind: Gateway
                  metadata: {name: shop}
                  spec:
                    listeners:
                      - {name: only, port: 8443, protocol: HTTPS}
                    addresses: null
            """;

    @TempDir
    Path dir;

    private Path layOut(String overlay) throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/resources.yml"), RESOURCES);
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources: [resources.yml]\n");
        Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(dir.resolve("overlay/kustomization.yaml"), overlay);
        return dir.resolve("overlay");
    }

    private Map<String, Map<String, Object>> build(String overlay) throws IOException {
        return Kubectl.byId(new Kustomize(Map.of(), true).build(layOut(overlay)).resources().stream().map(Resource::document).toList());
    }


    @Test
    void strategic_merge_keys_built_in_lists_as_kubernetes_does_and_replaces_custom_resources_lists() throws IOException {
        Map<String, Map<String, Object>> built = build(OVERLAY);
        String deployment = Yaml.write(built.get("Deployment/shop"));
        // The patch's items first, in its order, then those it did not name; B deleted; args replaced.
        assertThat(deployment).containsSubsequence("name: init", "name: shop", "name: C", "name: A", "value: \"0\"",
                "containerPort: 9000", "containerPort: 8080", "name: sidecar");
        assertThat(deployment).doesNotContain("name: B", "--a").contains("- --c").doesNotContain("replicas");
        // A custom resource's list is replaced whole (kustomize knows no merge key for it), after the JSON patch.
        assertThat(Yaml.write(built.get("Gateway/shop"))).contains("name: only", "gatewayClassName: internal")
                .doesNotContain("name: http", "name: https", "addresses");
    }

    @Test
    void namespace_labels_and_images_go_where_kustomize_puts_them() throws IOException {
        Map<String, Map<String, Object>> built = build(OVERLAY);
        assertThat(built.get("Namespace/shop").get("metadata")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("namespace").extractingByKey("labels").asString().contains("part-of=shop-system");
        String deployment = Yaml.write(built.get("Deployment/shop"));
        assertThat(deployment).contains("namespace: shop", "image: mirror.example/sales-order/shop:2.0",
                "image: busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111");
        // Labels go on the pod template, never on the selector (immutable once deployed).
        assertThat(deployment).containsSubsequence("template:", "app.kubernetes.io/part-of: shop-system");
        assertThat(deployment).containsSubsequence("selector:", "matchLabels:", "app.kubernetes.io/name: shop", "template:");
        assertThat(deployment.substring(deployment.indexOf("selector:"), deployment.indexOf("template:")))
                .doesNotContain("part-of");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "newTag: '3' | mirror.example/shop:3",
            "digest: sha256:2222222222222222222222222222222222222222222222222222222222222222 | mirror.example/shop@sha256:2222222222222222222222222222222222222222222222222222222222222222",
            "{newTag: '3', digest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222'} | mirror.example/shop:3@sha256:2222222222222222222222222222222222222222222222222222222222222222",
            "newName: other.example/shop | other.example/shop:1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000"})
    void an_image_entry_rewrites_name_tag_and_digest_as_kustomize_does(String entry, String expected) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("name", "mirror.example/shop"));
        fields.putAll(yamlMap(entry.startsWith("{") ? entry : "{" + entry + "}"));
        Kustomization.Image image = new Kustomization.Image("mirror.example/shop",
                java.util.Optional.ofNullable((String) fields.get("newName")),
                java.util.Optional.ofNullable((String) fields.get("newTag")),
                java.util.Optional.ofNullable((String) fields.get("digest")));
        Map<String, Object> pod = yamlMap("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
                + "[{name: c, image: 'mirror.example/shop:1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000'}]}}");
        ImageTransformer.apply(image, List.of(new Resource(pod, "")));
        assertThat(Yaml.write(pod)).contains("image: " + expected + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "commonLabels: {a: b} | commonLabels is not a field the build reads",
            "labels: [{pairs: {a: b}, includeSelectors: true}] | labels.includeSelectors: true is refused",
            "labels: [{pairs: {a: b}, fields: []}] | labels.fields is not a field the build reads",
            "images: [{name: x, newImage: y}] | images.newImage is not a field the build reads",
            "patches: [{patch: '[{\"op\": \"remove\", \"path\": \"/spec\"}]'}] | a JSON 6902 patch needs a target",
            "patches: [{patch: '{spec: {}}'}] | a strategic-merge patch without target needs kind and metadata.name",
            "patches: [{path: p.yaml, patch: '{}'}] | a patch needs either path or patch",
            "patches: [{path: ../outside.yaml}] | is not a file inside",
            "patches: [{target: {kind: Deployment, names: x}, patch: '[]'}] | target.names is not a selector field",
            "patches: [{target: {kind: Deployment}, patch: '[{\"op\": \"bump\", \"path\": \"/spec\"}]'}] | op must be one of",
            "patches: [{target: {kind: Deployment}, patch: '[{\"op\": \"add\", \"path\": \"/spec/x\"}]'}] | add /spec/x needs a value",
            "patches: [{target: {labelSelector: 'a in b'}, patch: '[{\"op\": \"remove\", \"path\": \"/spec\"}]'}] | a requirement a label selector cannot hold",
            "patches: [{target: {kind: Deployment}, patch: '[{op: remove, path: /spec}]'}] | a patch that starts with [ is read as JSON",
            "kind: Component | must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization"})
    void a_field_outside_the_subset_is_refused_by_name(String field, String message) throws IOException {
        Path overlay = layOut("resources: [../base]\n" + field + "\n");
        assertThatThrownBy(() -> new Kustomize(Map.of(), true).build(overlay)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith(overlay.resolve("kustomization.yaml").toString()).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "patches: [{patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: absent}}'}] | patches ConfigMap/absent, which no resource is",
            "patches: [{target: {kind: Gateway}, patch: '[{\"op\": \"remove\", \"path\": \"/spec/nothing\"}]'}] | remove /spec/nothing cannot apply to Gateway/shop: no field nothing",
            "patches: [{target: {kind: Gateway}, patch: '[{\"op\": \"test\", \"path\": \"/spec/gatewayClassName\", \"value\": \"other\"}]'}] | test /spec/gatewayClassName cannot apply to Gateway/shop: the value differs",
            "patches: [{target: {kind: Gateway}, patch: '[{\"op\": \"add\", \"path\": \"/spec/listeners/7\", \"value\": {}}]'}] | index 7 is beyond the list's 2 items",
            "resources: [../base, missing.yml] | resources lists missing.yml, which is neither a file nor a directory",
            "resources: [../base, ../base] | is defined twice"})
    void what_cannot_apply_fails_naming_the_patch_and_the_resource(String field, String message) throws IOException {
        Path overlay = layOut((field.startsWith("resources") ? "" : "resources: [../base]\n") + field + "\n");
        assertThatThrownBy(() -> new Kustomize(Map.of(), true).build(overlay)).isInstanceOf(BundleException.class)
                .hasMessageContaining(message);
    }

    @Test
    void a_partial_build_skips_a_patch_of_what_it_does_not_hold() throws IOException {
        Path overlay = layOut("resources: [../base]\npatches: [{patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: absent}, data: {a: b}}'}]\n");
        assertThat(new Kustomize(Map.of(), false).build(overlay).resources()).hasSize(3);
    }

    @Test
    void local_config_is_kept_apart_and_injections_join_their_kustomization() throws IOException {
        Path overlay = layOut("resources: [../base, settings.yml]\n");
        Files.writeString(overlay.resolve("settings.yml"), "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, "
                + "annotations: {config.kubernetes.io/local-config: 'true'}}, data: {a: b}}");
        Resource generated = new Resource(yamlMap("{apiVersion: v1, kind: ConfigMap, metadata: {name: generated}}"), "the build");
        Kustomize kustomize = new Kustomize(Map.of(dir.resolve("base"), new Kustomize.Injection(List.of(generated),
                List.of(new Kustomization.LabelSet(Map.of("version", "9"), false)), List.of(), List.of())), true);
        Kustomize.Result result = kustomize.build(overlay);
        assertThat(result.localConfig()).extracting(Resource::id).containsExactly("ConfigMap/settings");
        assertThat(result.resources()).extracting(Resource::id).contains("ConfigMap/generated").doesNotContain("ConfigMap/settings");
        assertThat(result.resources()).allSatisfy(r -> assertThat(r.labels()).containsEntry("version", "9"));
    }

    /** The same overlay built by kubectl's kustomize, where it is installed, gives the same resources. */
    @Test
    void kubectl_kustomize_builds_the_same() throws Exception {
        Map<String, Map<String, Object>> ours = build(OVERLAY);
        assertThat(Kubectl.kustomize(dir.resolve("overlay"))).hasSize(3).isEqualTo(ours);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlMap(String yaml) {
        try {
            return (Map<String, Object>) Yaml.mapper().readValue(yaml, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
