package io.salesorder.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.SystemModel;
import io.salesorder.platform.bundle.Yaml;

/**
 * Every rule family against deliberately broken manifests: a small valid bundle passes, and each break of it is
 * reported by the rule that owns it, naming the resource, so that no check can pass silently.
 */
class BundleCheckerTests {

    private static final Map<String, Set<String>> SETTINGS = Map.of("customer-service", Set.of("DB_URL", "DB_PASSWORD"));

    static List<Resource> validBundle() {
        try (Reader reader = new InputStreamReader(BundleCheckerTests.class.getResourceAsStream("/valid-bundle.yml"),
                StandardCharsets.UTF_8)) {
            List<Resource> resources = new ArrayList<>();
            Yaml.read(reader).forEach(d -> resources.add(new Resource(d, "valid-bundle.yml")));
            return resources;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SystemModel system() {
        try {
            return SystemModel.read(java.nio.file.Path.of(BundleCheckerTests.class.getResource("/valid-system.yml").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Violation> check(List<Resource> resources) {
        return BundleChecker.standard(system(), SETTINGS).check(resources);
    }

    @Test
    void the_valid_bundle_breaks_no_rule() {
        assertThat(check(validBundle())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void each_break_is_reported_by_its_rule(String what, String rule, String resource, Consumer<List<Resource>> breakIt) {
        List<Resource> bundle = validBundle();
        breakIt.accept(bundle);
        List<Violation> violations = check(bundle);
        assertThat(violations).as(what).anySatisfy(v -> {
            assertThat(v.rule()).isEqualTo(rule);
            assertThat(v.resource()).isEqualTo(resource);
            assertThat(v.toString()).contains(" Fix: ");
        });
    }

    static Stream<Arguments> breaks() {
        String deployment = "Deployment/customer-service";
        String mysql = "StatefulSet/mysql";
        return Stream.of(
                // schema
                of("an unknown field", "schema.strict", deployment,
                        b -> container(b, "Deployment", "customer-service").put("imagePullPolicyy", "Always")),
                of("a retired API version", "schema.api-version", "Ingress/sales-order",
                        b -> doc(b, "Ingress", "sales-order").put("apiVersion", "extensions/v1beta1")),
                of("a retired Gateway API version", "schema.api-version", "HTTPRoute/sales-order",
                        b -> doc(b, "HTTPRoute", "sales-order").put("apiVersion", "gateway.networking.k8s.io/v1beta1")),
                of("an unknown field in a route", "schema.strict", "HTTPRoute/sales-order",
                        b -> routeBackend(b).put("prot", 80)),
                of("an unknown field in a Gateway", "schema.strict", "Gateway/sales-order",
                        b -> map(doc(b, "Gateway", "sales-order"), "spec").put("listener", List.of())),
                of("a pod count as a plain string", "schema.strict", deployment,
                        b -> map(doc(b, "Deployment", "customer-service"), "spec", "strategy", "rollingUpdate").put("maxUnavailable", "0")),
                of("a quantity that does not parse", "schema.strict", deployment,
                        b -> map(container(b, "Deployment", "customer-service"), "resources", "limits").put("memory", "lots")),
                of("a custom resource nobody knows", "schema.strict", "Widget/w",
                        b -> b.add(new Resource(new LinkedHashMap<>(Map.of("apiVersion", "example.com/v1", "kind", "Widget",
                                "metadata", new LinkedHashMap<>(Map.of("name", "w")))), "test"))),
                // references
                of("a Secret key that does not exist", "references.config", deployment,
                        b -> map(env(b, 0), "valueFrom", "secretKeyRef").put("key", "NO_SUCH_KEY")),
                of("a ConfigMap that does not exist", "references.config", deployment,
                        b -> map(envFrom(b, 0), "configMapRef").put("name", "nowhere-config")),
                of("a Service that selects no pods", "references.service", "Service/customer-service",
                        b -> map(doc(b, "Service", "customer-service"), "spec").put("selector", Map.of("app.kubernetes.io/name", "nobody"))),
                of("a Service port that no container declares", "references.service", "Service/mysql",
                        b -> ports(doc(b, "Service", "mysql")).get(0).put("targetPort", "postgres")),
                of("an Ingress backend that does not exist", "references.ingress", "Ingress/sales-order",
                        b -> backend(b).put("name", "shop-service")),
                of("a route to a Service that does not exist", "references.http-route", "HTTPRoute/sales-order",
                        b -> routeBackend(b).put("name", "customer-servic")),
                of("a route to the pod port instead of the Service port", "references.http-route", "HTTPRoute/sales-order",
                        b -> routeBackend(b).put("port", 8081)),
                of("a route to a Service with no port", "references.http-route", "HTTPRoute/sales-order",
                        b -> routeBackend(b).remove("port")),
                of("a route on a Gateway that does not exist", "references.http-route", "HTTPRoute/sales-order",
                        b -> parent(b).put("name", "edge")),
                of("a route on a listener the Gateway lacks", "references.http-route", "HTTPRoute/sales-order",
                        b -> parent(b).put("sectionName", "https")),
                of("a route for a host the listener does not serve", "references.http-route", "HTTPRoute/sales-order",
                        b -> map(doc(b, "HTTPRoute", "sales-order"), "spec").put("hostnames", List.of("other.example"))),
                of("a listener that admits only another kind of route", "references.http-route", "HTTPRoute/sales-order",
                        b -> map(listener(b), "allowedRoutes").put("kinds", List.of(Map.of("kind", "GRPCRoute")))),
                of("a route attached to a TCP listener", "references.http-route", "HTTPRoute/sales-order",
                        b -> listener(b).put("protocol", "TCP")),
                of("an Ingress port the Service lacks", "references.ingress", "Ingress/sales-order",
                        b -> backend(b).put("port", Map.of("name", "https"))),
                of("a StatefulSet whose Service is not headless", "references.statefulset", mysql,
                        b -> map(doc(b, "Service", "mysql"), "spec").remove("clusterIP")),
                of("an autoscaler of a missing Deployment", "references.scaling", "HorizontalPodAutoscaler/customer-service",
                        b -> map(doc(b, "HorizontalPodAutoscaler", "customer-service"), "spec", "scaleTargetRef").put("name", "gone")),
                of("a production setting nobody provides", "references.settings", deployment,
                        b -> map(doc(b, "ConfigMap", "customer-service-config"), "data").remove("DB_URL")),
                // policy
                of("no ephemeral-storage limit", "policy.resources", deployment,
                        b -> map(container(b, "Deployment", "customer-service"), "resources", "limits").remove("ephemeral-storage")),
                of("an image on latest", "policy.image-tag", mysql,
                        b -> container(b, "StatefulSet", "mysql").put("image", "mysql:latest")),
                of("an image without a tag", "policy.image-tag", mysql,
                        b -> container(b, "StatefulSet", "mysql").put("image", "registry.example:5000/mysql")),
                of("no startup probe", "policy.probes", deployment,
                        b -> container(b, "Deployment", "customer-service").remove("startupProbe")),
                of("readiness equal to liveness", "policy.probes", deployment,
                        b -> container(b, "Deployment", "customer-service").put("readinessProbe",
                                container(b, "Deployment", "customer-service").get("livenessProbe"))),
                of("a UID below 10000", "policy.non-root", deployment,
                        b -> map(podSpec(b, "Deployment", "customer-service"), "securityContext").put("runAsUser", 1000)),
                of("root allowed", "policy.non-root", deployment,
                        b -> map(podSpec(b, "Deployment", "customer-service"), "securityContext").remove("runAsNonRoot")),
                of("privilege escalation", "policy.container-security", deployment,
                        b -> map(container(b, "Deployment", "customer-service"), "securityContext").put("allowPrivilegeEscalation", true)),
                of("a writable root filesystem", "policy.container-security", deployment,
                        b -> map(container(b, "Deployment", "customer-service"), "securityContext").put("readOnlyRootFilesystem", false)),
                of("a read-only root without /tmp", "policy.container-security", deployment,
                        b -> container(b, "Deployment", "customer-service").remove("volumeMounts")),
                of("capabilities kept", "policy.container-security", deployment,
                        b -> map(container(b, "Deployment", "customer-service"), "securityContext").remove("capabilities")),
                of("no seccomp profile", "policy.container-security", deployment,
                        b -> map(podSpec(b, "Deployment", "customer-service"), "securityContext").remove("seccompProfile")),
                of("a mounted service account token", "policy.service-account-token", deployment,
                        b -> podSpec(b, "Deployment", "customer-service").remove("automountServiceAccountToken")),
                of("a password in plain sight", "policy.secret-literals", deployment,
                        b -> env(b, 0).putAll(Map.of("name", "DB_PASSWORD", "value", "hunter2hunter2"))),
                of("a credential in a ConfigMap", "policy.secret-literals", "ConfigMap/customer-service-config",
                        b -> map(doc(b, "ConfigMap", "customer-service-config"), "data").put("API_KEY", "abc")),
                // availability
                of("a replica count next to an autoscaler", "policy.autoscaling", deployment,
                        b -> map(doc(b, "Deployment", "customer-service"), "spec").put("replicas", 3)),
                of("an autoscaler that may go to one pod", "policy.autoscaling", "HorizontalPodAutoscaler/customer-service",
                        b -> map(doc(b, "HorizontalPodAutoscaler", "customer-service"), "spec").put("minReplicas", 1)),
                of("an autoscaled service without autoscaler", "policy.autoscaling", deployment,
                        b -> b.remove(resource(b, "HorizontalPodAutoscaler", "customer-service"))),
                of("replicas on one node", "policy.spread", mysql,
                        b -> podSpec(b, "StatefulSet", "mysql").remove("topologySpreadConstraints")),
                // The platform's singleton StatefulSet/mysql is exempt from budgets; the service is not.
                of("no disruption budget", "policy.disruption-budget", "Deployment/customer-service",
                        b -> b.remove(resource(b, "PodDisruptionBudget", "customer-service"))),
                of("a budget that blocks every drain", "policy.disruption-budget", "Deployment/customer-service",
                        b -> {
                            Map<String, Object> spec = map(doc(b, "PodDisruptionBudget", "customer-service"), "spec");
                            spec.remove("maxUnavailable");
                            spec.put("minAvailable", 2);
                        }),
                of("a datastore on no volume", "policy.persistent-storage", mysql,
                        b -> map(doc(b, "StatefulSet", "mysql"), "spec").remove("volumeClaimTemplates")),
                // network
                of("no default deny", "network.default-deny", "Namespace/sales-order",
                        b -> b.remove(resource(b, "NetworkPolicy", "default-deny"))),
                of("no DNS over TCP", "network.dns", "Namespace/sales-order",
                        b -> ((List<?>) ((Map<?, ?>) ((List<?>) map(doc(b, "NetworkPolicy", "allow-dns"), "spec").get("egress")).get(0))
                                .get("ports")).remove(1)),
                of("the ingress controller shut out", "network.ingress-controller", "Service/customer-service",
                        b -> map(doc(b, "NetworkPolicy", "customer-service"), "spec").remove("ingress")),
                of("the Gateway's data plane shut out", "network.ingress-controller", "Service/customer-service",
                        b -> from(b, "customer-service").remove(1)),
                of("the Gateway's data plane not let out", "network.ingress-controller", "Service/customer-service",
                        b -> map(doc(b, "NetworkPolicy", "sales-order-gateway-data-plane"), "spec").remove("egress")),
                of("a shared Gateway's namespace not admitted", "network.ingress-controller", "Service/customer-service",
                        b -> parent(b).put("namespace", "gateway-system")),
                of("a datastore system.yml does not know", "network.datastore-isolation", deployment,
                        b -> map(doc(b, "Deployment", "customer-service"), "metadata", "labels")
                                .put("app.kubernetes.io/component", "datastore")),
                of("a datastore open to another service", "network.datastore-isolation", "NetworkPolicy/mysql",
                        b -> from(b, "mysql").add(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "order-service"))))),
                of("a service reaching another's datastore", "network.datastore-isolation", "NetworkPolicy/customer-service",
                        b -> ((List<Map<String, Object>>) map(doc(b, "NetworkPolicy", "customer-service"), "spec").get("egress"))
                                .add(Map.of("to", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "redis"))))))));
    }

    @Test
    void a_single_pod_by_design_is_exempt_from_the_disruption_budget_and_says_why() {
        List<Resource> bundle = validBundle();
        Map<String, Object> users = deepCopy(doc(bundle, "Deployment", "customer-service"));
        map(users, "metadata").put("name", "user-service");
        Resource userService = new Resource(users, "test");
        bundle.add(userService);
        assertThat(check(bundle)).noneSatisfy(v -> assertThat(v.resource()).isEqualTo("Deployment/user-service"));
        assertThat(Exemption.of(system())).anySatisfy(e -> {
            assertThat(e.resource()).isEqualTo("Deployment/user-service");
            assertThat(e.reason()).contains("one pod by design");
        });
    }

    @Test
    void a_violation_names_resource_rule_problem_and_fix() {
        List<Resource> bundle = validBundle();
        container(bundle, "StatefulSet", "mysql").put("image", "mysql:latest");
        assertThat(check(bundle)).extracting(Violation::toString).contains(
                "StatefulSet/mysql breaks policy.image-tag: container mysql runs image mysql:latest without a pinned tag."
                        + " Fix: pin a version tag or a digest.");
    }

    // Helpers reaching into the plain YAML of the bundle.

    private static Arguments of(String what, String rule, String resource, Consumer<List<Resource>> breakIt) {
        return Arguments.of(what, rule, resource, breakIt);
    }

    static Resource resource(List<Resource> bundle, String kind, String name) {
        return bundle.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst().orElseThrow();
    }

    static Map<String, Object> doc(List<Resource> bundle, String kind, String name) {
        return resource(bundle, kind, name).document();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String... path) {
        Map<String, Object> current = root;
        for (String key : path) {
            current = (Map<String, Object>) current.computeIfAbsent(key, k -> new LinkedHashMap<>());
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(List<Resource> bundle, String kind, String name) {
        return map(doc(bundle, kind, name), "spec", "template", "spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(List<Resource> bundle, String kind, String name) {
        return ((List<Map<String, Object>>) podSpec(bundle, kind, name).get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(List<Resource> bundle, int index) {
        return ((List<Map<String, Object>>) container(bundle, "Deployment", "customer-service").get("env")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envFrom(List<Resource> bundle, int index) {
        return ((List<Map<String, Object>>) container(bundle, "Deployment", "customer-service").get("envFrom")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ports(Map<String, Object> service) {
        return (List<Map<String, Object>>) map(service, "spec").get("ports");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> backend(List<Resource> bundle) {
        Map<String, Object> rule = ((List<Map<String, Object>>) map(doc(bundle, "Ingress", "sales-order"), "spec").get("rules")).get(0);
        Map<String, Object> path = ((List<Map<String, Object>>) map(rule, "http").get("paths")).get(0);
        return map(path, "backend", "service");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> routeBackend(List<Resource> bundle) {
        Map<String, Object> rule = ((List<Map<String, Object>>) map(doc(bundle, "HTTPRoute", "sales-order"), "spec").get("rules")).get(0);
        return ((List<Map<String, Object>>) rule.get("backendRefs")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(List<Resource> bundle) {
        return ((List<Map<String, Object>>) map(doc(bundle, "HTTPRoute", "sales-order"), "spec").get("parentRefs")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listener(List<Resource> bundle) {
        return ((List<Map<String, Object>>) map(doc(bundle, "Gateway", "sales-order"), "spec").get("listeners")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> from(List<Resource> bundle, String policy) {
        Map<String, Object> rule = ((List<Map<String, Object>>) map(doc(bundle, "NetworkPolicy", policy), "spec").get("ingress")).get(0);
        List<Object> from = new ArrayList<>((List<Object>) rule.get("from"));
        rule.put("from", from);
        return from;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> document) {
        try {
            return Yaml.mapper().readValue(Yaml.write(document), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
