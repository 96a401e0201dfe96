package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;
import io.salesorder.platform.rules.BundleChecker;

/** The bundles that mvn package rendered into target/kubernetes, one per environment, as a reviewer reads them. */
class EnvironmentBundlesIT {

    private static List<Resource> bundle(String environment) {
        Path file = Path.of("target/kubernetes", environment, "sales-order.yml");
        assertThat(file).exists();
        return Yaml.read(file).stream().map(d -> new Resource(d, file.toString())).toList();
    }

    private static Resource find(List<Resource> bundle, String kind, String name) {
        return bundle.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Resource resource, String... path) {
        Object current = resource.document();
        for (String key : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "staging", "prod" })
    void every_environment_is_rendered_with_a_summary_and_breaks_no_rule(String environment) throws Exception {
        List<Resource> bundle = bundle(environment);
        assertThat(BundleChecker.standard(io.salesorder.platform.bundle.Checkout.system(Path.of("..").toAbsolutePath().normalize())).check(bundle)).isEmpty();
        assertThat(Files.readString(Path.of("target/kubernetes", environment, "summary.md")))
                .contains("| apps/v1 Deployment | 4 |").contains("## Images").contains("## Hosts");
        assertThat(bundle).allSatisfy(r -> {
            assertThat(r.labels()).containsEntry("app.kubernetes.io/part-of", "sales-order-system").containsKey("app.kubernetes.io/name");
            if (!r.kind().equals("Namespace")) {
                assertThat(r.namespace()).isEqualTo("sales-order");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "staging", "prod" })
    void resources_come_in_apply_order(String environment) {
        List<String> kinds = bundle(environment).stream().map(Resource::kind).toList();
        assertThat(kinds.get(0)).isEqualTo("Namespace");
        assertThat(kinds.get(kinds.size() - 1)).isIn("Ingress", "Gateway", "HTTPRoute");
        assertThat(kinds.subList(kinds.indexOf("Deployment"), kinds.size())).containsSubsequence("Deployment", "HTTPRoute");
        assertThat(kinds.indexOf("StatefulSet")).isLessThan(kinds.indexOf("Deployment"));
        assertThat(kinds.lastIndexOf("ConfigMap")).isLessThan(kinds.indexOf("StatefulSet"));
        assertThat(kinds.lastIndexOf("Job")).isLessThan(kinds.indexOf("Deployment"));
    }

    /** The platform's base patches every service's Deployment: the pods' hardening, and the replicated ones' rollout. */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "staging", "prod" })
    void every_service_runs_hardened_and_the_replicated_ones_roll_and_spread(String environment) {
        List<Resource> deployments = bundle(environment).stream().filter(r -> r.kind().equals("Deployment")).toList();
        assertThat(deployments).extracting(Resource::name)
                .containsExactlyInAnyOrder("user-service", "customer-service", "order-service", "product-service");
        for (Resource deployment : deployments) {
            String pod = Yaml.write(at(deployment, "spec", "template", "spec"));
            assertThat(pod).as(deployment.id()).contains("automountServiceAccountToken: false", "runAsNonRoot: true",
                    "runAsUser: 10001", "runAsGroup: 10001", "fsGroup: 10001", "type: RuntimeDefault",
                    "allowPrivilegeEscalation: false", "readOnlyRootFilesystem: true", "- ALL",
                    "ephemeral-storage: 64Mi", "ephemeral-storage: 256Mi").doesNotContain("KUBERNETES_NAMESPACE");
            if (deployment.name().equals("user-service")) {
                assertThat(at(deployment, "spec", "strategy", "type")).isEqualTo("Recreate");
                assertThat(pod).doesNotContain("topologySpreadConstraints");
                continue;
            }
            assertThat(at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
            assertThat(at(deployment, "spec", "strategy", "rollingUpdate", "maxSurge")).isEqualTo(1);
            assertThat(at(deployment, "spec", "template", "spec", "topologySpreadConstraints", "0", "matchLabelKeys"))
                    .isEqualTo(List.of("app.kubernetes.io/name"));
            assertThat(at(deployment, "spec", "template", "metadata", "labels")).asString().contains("app.kubernetes.io/name=" + deployment.name());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "dev,     2, 2,  1Gi,  localhost:5000,               sales-order.127.0.0.1.nip.io, ,                        false",
            "staging, 2, 4, 10Gi, registry.sales-order.example, staging.sales-order.example,  sales-order-staging-tls, true",
            "prod,    3, 10, 50Gi, registry.sales-order.example, sales-order.example,          sales-order-tls,         false" })
    void environments_differ_where_they_should(String environment, int min, int max, String storage, String registry,
            String host, String tls, boolean ingressToo) {
        List<Resource> bundle = bundle(environment);
        Resource hpa = find(bundle, "HorizontalPodAutoscaler", "order-service");
        assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(min);
        assertThat(at(hpa, "spec", "maxReplicas")).isEqualTo(max);
        assertThat(at(find(bundle, "PersistentVolumeClaim", "mysql-data"), "spec", "resources", "requests", "storage")).isEqualTo(storage);
        assertThat(at(find(bundle, "Deployment", "order-service"), "spec", "template", "spec", "containers", "0", "image"))
                // Pinned to a digest where this build pushed the image (mvn verify -Pimages), a tag otherwise.
                .asString().matches(java.util.regex.Pattern.quote(registry + "/sales-order/order-service:2.1.0") + "(@sha256:[0-9a-f]{64})?");
        Resource gateway = find(bundle, "Gateway", "sales-order");
        assertThat(at(gateway, "spec", "gatewayClassName")).isEqualTo("nginx");
        assertThat(at(find(bundle, "HTTPRoute", "sales-order"), "spec", "hostnames", "0")).isEqualTo(host);
        assertThat(at(gateway, "spec", "listeners", "0", "hostname")).isEqualTo(host);
        if (tls == null) {
            assertThat((List<?>) at(gateway, "spec", "listeners")).hasSize(1);
            assertThat(bundle).noneMatch(r -> r.name().equals("sales-order-http-redirect"));
        } else {
            assertThat(at(gateway, "spec", "listeners", "1", "tls", "certificateRefs", "0", "name")).isEqualTo(tls);
            assertThat(at(find(bundle, "HTTPRoute", "sales-order-http-redirect"), "spec", "parentRefs", "0", "sectionName"))
                    .isEqualTo("http");
        }
        if (!ingressToo) {
            assertThat(bundle).noneMatch(r -> r.kind().equals("Ingress"));
            return;
        }
        Resource ingress = find(bundle, "Ingress", "sales-order");
        assertThat(at(ingress, "spec", "rules", "0", "host")).isEqualTo(host);
        assertThat(at(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
        if (tls == null) {
            assertThat(at(ingress, "spec", "tls")).isNull();
        } else {
            assertThat(at(ingress, "spec", "tls", "0", "secretName")).isEqualTo(tls);
        }
    }

    @Test
    void dev_generates_its_secrets_and_shares_each_value_between_its_holders() {
        List<Resource> dev = bundle("dev");
        assertThat(dev).noneMatch(r -> r.kind().equals("ExternalSecret"));
        Object mysql = at(find(dev, "Secret", "mysql-credentials"), "stringData", "MYSQL_PASSWORD");
        assertThat(mysql.toString()).hasSize(32);
        assertThat(at(find(dev, "Secret", "customer-service-credentials"), "stringData", "DB_PASSWORD")).isEqualTo(mysql);
        assertThat(at(find(dev, "Secret", "user-service-credentials"), "stringData", "private-key.pem").toString())
                .startsWith("-----BEGIN " + "PRIVATE KEY-----");
    }

    @ParameterizedTest
    @CsvSource({ "staging, vault", "prod, aws" })
    void staging_and_prod_read_every_secret_from_their_store(String environment, String provider) {
        List<Resource> bundle = bundle(environment);
        assertThat(bundle).noneMatch(r -> r.kind().equals("Secret"));
        assertThat(bundle).filteredOn(r -> r.kind().equals("ExternalSecret")).hasSize(8)
                .allSatisfy(r -> assertThat(r.apiVersion()).isEqualTo("external-secrets.io/v1"));
        Resource store = find(bundle, "SecretStore", "sales-order-secrets");
        assertThat(((Map<?, ?>) at(store, "spec", "provider")).keySet().toString()).isEqualTo("[" + provider + "]");
        Resource customers = find(bundle, "ExternalSecret", "customer-service-credentials");
        assertThat(at(customers, "spec", "target", "template", "data", "DB_USERNAME")).isEqualTo("customer_service");
        assertThat(at(customers, "spec", "data", "0", "remoteRef", "key").toString()).contains("sales-order/" + environment + "/mysql-app-password");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "staging", "prod" })
    void autoscaled_services_carry_no_replica_count_and_user_service_runs_one_pod(String environment) {
        List<Resource> bundle = bundle(environment);
        for (String service : List.of("customer-service", "order-service", "product-service")) {
            assertThat(at(find(bundle, "Deployment", service), "spec", "replicas")).as(service).isNull();
        }
        Object users = at(find(bundle, "Deployment", "user-service"), "spec", "replicas");
        assertThat(users == null ? 1 : users).isEqualTo(1);
        assertThat(at(find(bundle, "StatefulSet", "mongodb"), "spec", "replicas")).isEqualTo(3);
        assertThat(at(find(bundle, "StatefulSet", "redis"), "spec", "replicas")).isEqualTo(3);
        assertThat(at(find(bundle, "StatefulSet", "mysql"), "spec", "replicas")).isEqualTo(1);
    }
}
