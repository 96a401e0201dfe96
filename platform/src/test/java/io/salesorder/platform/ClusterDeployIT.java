package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.BundleRenderer;
import io.salesorder.platform.bundle.Checkout;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.deploy.ApiServerDouble;
import io.salesorder.platform.deploy.ClusterDeployer;
import io.salesorder.platform.deploy.SystemDeploy;

/**
 * The deploy path of {@code mvn package -Dquarkus.kubernetes.deploy=true} (SystemDeploy, as the plugin's deploy
 * goal runs it) against a Kubernetes mock API server in CRUD mode on loopback: the whole system, then one service
 * alone, then the whole system again. The mock has no controllers and no validation; what it proves is what
 * reaches the API and that nothing is deleted or recreated.
 */
class ClusterDeployIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "2.1.0";

    private ApiServerDouble server;
    private KubernetesClient client;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new ApiServerDouble();
        client = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void the_whole_system_then_one_service_then_the_whole_system_again_deletes_and_recreates_nothing() {
        ClusterDeployer.Outcome first = SystemDeploy.run(ROOT, SystemDeploy.Scope.everything(), "dev", VERSION, client, log::add);
        Bundle expected = new BundleRenderer(Checkout.inputs(ROOT, Checkout.system(ROOT).services(), true, VERSION))
                .render("dev", Map.of(), true);
        assertThat(first).isEqualTo(new ClusterDeployer.Outcome(expected.resources().size() - 8, 0, 8, 0, 0));

        Map<String, String> uidsAfterFirst = uids();
        List<String> ids = new ArrayList<>(expected.resources().stream().map(Resource::id).toList());
        ids.add("ConfigMap/sales-order-applyset");
        assertThat(uidsAfterFirst.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertEveryResourceHasTheBundlesContent(expected);
        Map<String, Map<String, String>> secretsAfterFirst = secretData();
        assertThat(secretsAfterFirst.get("customer-service-credentials").get("DB_PASSWORD"))
                .isEqualTo(secretsAfterFirst.get("mysql-credentials").get("MYSQL_PASSWORD"));
        assertThat(secretsAfterFirst.get("product-service-credentials").get("REDIS_PASSWORD"))
                .isEqualTo(secretsAfterFirst.get("redis-credentials").get("REDIS_PASSWORD"));

        log.clear();
        ClusterDeployer.Outcome single = SystemDeploy.run(ROOT, SystemDeploy.Scope.only(List.of("customer-service")), "dev",
                VERSION, client, log::add);
        assertThat(single).isEqualTo(new ClusterDeployer.Outcome(0, 7, 0, 1, 0));
        assertThat(log).filteredOn(line -> !line.startsWith("Deploying")).containsExactlyInAnyOrder(
                "unchanged ConfigMap/customer-service-config",
                "keep      Secret/customer-service-credentials (generated values exist; never overwritten)",
                "unchanged NetworkPolicy/customer-service",
                "unchanged NetworkPolicy/edge-to-customer-service",
                "unchanged Service/customer-service",
                "unchanged Deployment/customer-service",
                "unchanged HorizontalPodAutoscaler/customer-service",
                "unchanged PodDisruptionBudget/customer-service",
                "Plan: 0 to create, 0 to change, 7 unchanged, 1 kept, 0 to prune, 0 spared.");

        ClusterDeployer.Outcome again = SystemDeploy.run(ROOT, SystemDeploy.Scope.everything(), "dev", VERSION, client, log::add);
        assertThat(again).isEqualTo(new ClusterDeployer.Outcome(0, expected.resources().size() - 8, 0, 8, 0));

        assertThat(uids()).as("nothing deleted, recreated or added").isEqualTo(uidsAfterFirst);
        assertThat(secretData()).as("generated credentials are never replaced").isEqualTo(secretsAfterFirst);
        assertEveryResourceHasTheBundlesContent(expected);
    }

    @Test
    void what_an_earlier_bundle_held_and_this_one_does_not_is_pruned_and_its_data_is_kept() {
        Bundle dev = new BundleRenderer(Checkout.inputs(ROOT, Checkout.system(ROOT).services(), true, VERSION)).render("dev", Map.of(), true);
        // An earlier release with both edges, and one more claim: what a move off the Ingress leaves behind.
        Bundle staging = new BundleRenderer(Checkout.inputs(ROOT, Checkout.system(ROOT).services(), true, VERSION)).render("staging", Map.of(), true);
        List<Resource> earlier = new ArrayList<>(dev.resources());
        staging.resources().stream().filter(r -> r.kind().equals("Ingress")).forEach(earlier::add);
        Resource claim = dev.resources().stream().filter(r -> r.id().equals("PersistentVolumeClaim/mysql-data")).findFirst().orElseThrow();
        Map<String, Object> oldClaim = io.salesorder.platform.bundle.Yaml.copy(claim.document());
        ((Map<String, Object>) oldClaim.get("metadata")).put("name", "mysql-data-old");
        earlier.add(new Resource(oldClaim, "test"));
        new ClusterDeployer(client, log::add).deploy(new Bundle("dev", earlier));
        assertThat(client.network().v1().ingresses().inNamespace("sales-order").withName("sales-order").get()).isNotNull();

        log.clear();
        ClusterDeployer.Outcome outcome = SystemDeploy.run(ROOT, SystemDeploy.Scope.everything(), "dev", VERSION, client, log::add);
        assertThat(outcome.pruned()).isEqualTo(1);
        assertThat(log).contains("prune     Ingress/sales-order (no longer in the bundle)", "pruned    Ingress/sales-order",
                "spare     PersistentVolumeClaim/mysql-data-old (no longer in the bundle; it holds data or credentials: "
                        + "-DpruneData deletes it)");
        assertThat(client.network().v1().ingresses().inNamespace("sales-order").withName("sales-order").get()).isNull();
        assertThat(client.persistentVolumeClaims().inNamespace("sales-order").withName("mysql-data-old").get()).isNotNull();
        ConfigMap parent = client.configMaps().inNamespace("sales-order").withName("sales-order-applyset").get();
        assertThat(parent.getMetadata().getAnnotations().get("applyset.kubernetes.io/contains-group-kinds"))
                .contains("Gateway.gateway.networking.k8s.io", "HTTPRoute.gateway.networking.k8s.io", "PersistentVolumeClaim")
                .doesNotContain("Ingress");
    }

    @Test
    void one_service_cannot_be_deployed_before_the_system_exists() {
        assertThatThrownBy(() -> SystemDeploy.run(ROOT, SystemDeploy.Scope.only(List.of("order-service")), "dev", VERSION,
                client, log::add))
                .hasMessageContaining("Namespace sales-order does not exist: deploy the whole system once");
        assertThat(client.apps().deployments().inNamespace("sales-order").list().getItems()).isEmpty();
    }

    @Test
    void autoscaled_deployments_reach_the_cluster_without_a_replica_count() {
        SystemDeploy.run(ROOT, SystemDeploy.Scope.everything(), "dev", VERSION, client, log::add);
        for (String service : List.of("customer-service", "order-service", "product-service")) {
            Deployment deployment = client.apps().deployments().inNamespace("sales-order").withName(service).get();
            assertThat(deployment.getSpec().getReplicas()).as(service).isNull();
        }
        Deployment users = client.apps().deployments().inNamespace("sales-order").withName("user-service").get();
        assertThat(users.getSpec().getReplicas()).isIn(null, 1);
    }

    private void assertEveryResourceHasTheBundlesContent(Bundle expected) {
        StatefulSet mongodb = client.apps().statefulSets().inNamespace("sales-order").withName("mongodb").get();
        assertThat(mongodb.getSpec().getReplicas()).isEqualTo(3);
        assertThat(mongodb.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(t -> assertThat(t.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("1Gi"));
        // dev's edge is Gateway API only.
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace("sales-order").withName("sales-order").get();
        assertThat(route.getSpec().getHostnames()).containsExactly("sales-order.127.0.0.1.nip.io");
        assertThat(route.getSpec().getRules()).hasSize(4);
        Gateway gateway = client.resources(Gateway.class).inNamespace("sales-order").withName("sales-order").get();
        assertThat(gateway.getSpec().getGatewayClassName()).isEqualTo("nginx");
        assertThat(client.network().v1().ingresses().inNamespace("sales-order").list().getItems()).isEmpty();
        ConfigMap config = client.configMaps().inNamespace("sales-order").withName("customer-service-config").get();
        assertThat(config.getData()).containsKeys("DB_URL", "JWT_PUBLIC_KEY_LOCATION");
        Deployment customers = client.apps().deployments().inNamespace("sales-order").withName("customer-service").get();
        assertThat(customers.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("localhost:5000/sales-order/customer-service:2.1.0");
        for (Resource resource : expected.resources()) {
            HasMetadata live = get(resource);
            assertThat(live).as(resource.id()).isNotNull();
            assertThat(live.getMetadata().getLabels()).as(resource.id())
                    .containsEntry("app.kubernetes.io/part-of", "sales-order-system");
        }
    }

    private HasMetadata get(Resource resource) {
        HasMetadata typed = client.getKubernetesSerialization().unmarshal(io.salesorder.platform.bundle.Yaml.write(resource.document()));
        return client.resource(typed).get();
    }

    /** Every object of the namespace (and the namespace itself) with its uid, by Kind/name. */
    private Map<String, String> uids() {
        Map<String, String> uids = new TreeMap<>();
        List<HasMetadata> all = new ArrayList<>();
        all.add(client.namespaces().withName("sales-order").get());
        all.addAll(client.configMaps().inNamespace("sales-order").list().getItems());
        all.addAll(client.secrets().inNamespace("sales-order").list().getItems());
        all.addAll(client.services().inNamespace("sales-order").list().getItems());
        all.addAll(client.persistentVolumeClaims().inNamespace("sales-order").list().getItems());
        all.addAll(client.apps().deployments().inNamespace("sales-order").list().getItems());
        all.addAll(client.apps().statefulSets().inNamespace("sales-order").list().getItems());
        all.addAll(client.apps().replicaSets().inNamespace("sales-order").list().getItems());
        all.addAll(client.batch().v1().jobs().inNamespace("sales-order").list().getItems());
        all.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("sales-order").list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace("sales-order").list().getItems());
        all.addAll(client.network().v1().networkPolicies().inNamespace("sales-order").list().getItems());
        all.addAll(client.network().v1().ingresses().inNamespace("sales-order").list().getItems());
        all.addAll(client.resources(Gateway.class).inNamespace("sales-order").list().getItems());
        all.addAll(client.resources(HTTPRoute.class).inNamespace("sales-order").list().getItems());
        for (HasMetadata resource : all) {
            uids.put(resource.getKind() + "/" + resource.getMetadata().getName(), resource.getMetadata().getUid());
        }
        return uids;
    }

    private Map<String, Map<String, String>> secretData() {
        Map<String, Map<String, String>> data = new TreeMap<>();
        for (Secret secret : client.secrets().inNamespace("sales-order").list().getItems()) {
            Map<String, String> values = new TreeMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> values.put(k, new String(java.util.Base64.getDecoder().decode(v))));
            }
            if (secret.getStringData() != null) {
                values.putAll(secret.getStringData());
            }
            data.put(secret.getMetadata().getName(), values);
        }
        return data;
    }
}
