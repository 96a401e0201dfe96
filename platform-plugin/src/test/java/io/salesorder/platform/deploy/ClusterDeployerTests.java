package io.salesorder.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/**
 * The deploy against an API server double that speaks server-side apply and dry run, with controllers' status
 * scripted by the tests. The deploy's commands run against a real control plane in {@code cluster-tests}; what stays
 * here is what that cluster cannot show or what its runs do not reach: container logs, image pull and Secret key
 * errors (its nodes run no container), an API server without server-side apply or without a kind, the ApplySet id's
 * exact value, objects that no deploy applied, a one-service deploy pruning its own leftovers, and {@code -DpruneData}.
 */
class ClusterDeployerTests {

    private static final String NS = Bundle.NAMESPACE;

    /** A small system: one service (shop) with its config, generated credentials, a volume and a one-off Job. */
    private static final String SYSTEM = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: sales-order, labels: {app.kubernetes.io/name: sales-order}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: shop-config, namespace: sales-order, labels: {app.kubernetes.io/name: shop, app.kubernetes.io/version: 2.1.0}}
            data: {LOG_LEVEL: INFO}
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: shop-credentials
              namespace: sales-order
              labels: {app.kubernetes.io/name: shop}
              annotations: {sales-order.io/generated: "true"}
            stringData: {DB_PASSWORD: s3cret}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: shop-data, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: shop-init, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
            spec:
              template:
                metadata: {labels: {app.kubernetes.io/name: shop-init}}
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: init, image: "shop-init:1"}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
            spec:
              replicas: 2
              selector: {matchLabels: {app.kubernetes.io/name: shop}}
              template:
                metadata: {labels: {app.kubernetes.io/name: shop}}
                spec:
                  containers: [{name: shop, image: "shop:1"}]
            """;

    private ApiServerDouble api;
    private KubernetesClient client;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        api = new ApiServerDouble();
        client = api.client();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static Bundle bundle(String yaml) {
        try {
            List<Resource> resources = new ArrayList<>();
            Yaml.read(new StringReader(yaml)).forEach(d -> resources.add(new Resource(d, "test")));
            return new Bundle("dev", resources);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ClusterDeployer deployer() {
        return new ClusterDeployer(client, log::add);
    }

    private static ClusterDeployer.Options dryRun() {
        return new ClusterDeployer.Options(true, false, Optional.empty(), Duration.ofMillis(50));
    }

    private static ClusterDeployer.Options waiting(Duration timeout) {
        return new ClusterDeployer.Options(false, false, Optional.of(timeout), Duration.ofMillis(50));
    }

    @Test
    void the_applyset_parent_carries_the_standard_id_tooling_and_group_kinds_and_every_member_its_label() {
        deployer().deploy(bundle(SYSTEM));
        ConfigMap parent = client.configMaps().inNamespace(NS).withName("sales-order-applyset").get();
        // applyset-<base64url(sha256("sales-order-applyset.sales-order.ConfigMap."))>-v1, as KEP-3659 and kubectl define it
        assertThat(parent.getMetadata().getLabels())
                .containsEntry("applyset.kubernetes.io/id", "applyset-kMoJGQCmgs0gcgnMwrSii_xUTBkjdd3ErH21MH8norM-v1");
        assertThat(parent.getMetadata().getAnnotations())
                .containsEntry("applyset.kubernetes.io/contains-group-kinds", "ConfigMap,Deployment.apps,Job.batch,PersistentVolumeClaim,Secret")
                .containsEntry("applyset.kubernetes.io/tooling", "sales-order-platform/v2.1.0");
        assertThat(client.apps().deployments().inNamespace(NS).withName("shop").get().getMetadata().getLabels())
                .containsEntry("applyset.kubernetes.io/part-of", "applyset-kMoJGQCmgs0gcgnMwrSii_xUTBkjdd3ErH21MH8norM-v1");
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels()).doesNotContainKey("applyset.kubernetes.io/part-of");
    }

    @Test
    void what_left_the_bundle_is_pruned_but_its_volume_and_credentials_only_when_told() {
        String extra = """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: old-config, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
                data: {A: b}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: old-data, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: old-credentials
                  namespace: sales-order
                  labels: {app.kubernetes.io/name: shop}
                  annotations: {sales-order.io/generated: "true"}
                stringData: {K: v}
                """;
        deployer().deploy(bundle(SYSTEM + extra));
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("not-ours").withNamespace(NS).endMetadata().build()).create();
        log.clear();

        ClusterDeployer.Outcome outcome = deployer().deploy(bundle(SYSTEM));
        assertThat(log).contains("prune     ConfigMap/old-config (no longer in the bundle)", "pruned    ConfigMap/old-config",
                "spare     PersistentVolumeClaim/old-data (no longer in the bundle; it holds data or credentials: -DpruneData deletes it)",
                "spare     Secret/old-credentials (no longer in the bundle; it holds data or credentials: -DpruneData deletes it)");
        assertThat(outcome.pruned()).isEqualTo(1);
        assertThat(client.configMaps().inNamespace(NS).withName("old-config").get()).isNull();
        assertThat(client.configMaps().inNamespace(NS).withName("not-ours").get()).as("not a member").isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("old-data").get()).isNotNull();
        assertThat(client.secrets().inNamespace(NS).withName("old-credentials").get()).isNotNull();

        deployer().deploy(bundle(SYSTEM), Optional.empty(), new ClusterDeployer.Options(false, true, Optional.empty(), Duration.ZERO));
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("old-data").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("old-credentials").get()).isNull();
    }

    @Test
    void a_one_service_deploy_prunes_only_that_services_members() {
        String other = """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: till-config, namespace: sales-order, labels: {app.kubernetes.io/name: till}}
                data: {A: b}
                """;
        String shopExtra = """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: shop-extra, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
                """;
        deployer().deploy(bundle(SYSTEM + other + shopExtra));
        log.clear();
        Bundle shop = bundle(SYSTEM + other).ownedBy(Set.of("shop"));
        deployer().deploy(shop, Optional.of(Set.of("shop")), new ClusterDeployer.Options(false, false, Optional.empty(), Duration.ZERO));
        assertThat(log).contains("pruned    ConfigMap/shop-extra").noneMatch(line -> line.contains("till-config"));
        assertThat(client.configMaps().inNamespace(NS).withName("shop-extra").get()).isNull();
        assertThat(client.configMaps().inNamespace(NS).withName("till-config").get()).isNotNull();
    }

    // The last log lines need a kubelet: the fake nodes of the real control plane (cluster-tests' CrashDiagnosisIT) have
    // none, so this part of the diagnosis is shown here, on a scripted pod.
    @Test
    void a_crash_looping_container_ends_the_deploy_at_once_with_its_reason_events_and_last_log_lines() {
        scriptPod("shop-7d9f-abcde", "waiting", "CrashLoopBackOff", "back-off 40s restarting failed container=shop");
        api.scriptLog("shop-7d9f-abcde", "Starting shop\nERROR Could not connect to db:3306: Connection refused\n");
        scriptEvent("shop-7d9f-abcde", "Warning", "BackOff", "Back-off restarting failed container shop");
        assertThatThrownBy(() -> deployer().deploy(bundle(SYSTEM), Optional.empty(), waiting(Duration.ofSeconds(60))))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("The deploy cannot converge: Deployment/shop cannot start.")
                .hasMessageContaining("Deployment/shop: 0/2 ready")
                .hasMessageContaining("pod shop-7d9f-abcde: Running")
                .hasMessageContaining("container shop: waiting: CrashLoopBackOff (back-off 40s restarting failed container=shop); "
                        + "5 restarts; last exit: Error, code 1")
                .hasMessageContaining("| ERROR Could not connect to db:3306: Connection refused")
                .hasMessageContaining("event Warning BackOff: Back-off restarting failed container shop");
    }

    @Test
    void a_container_that_crashed_fewer_than_five_times_is_waited_for_as_it_may_still_start() {
        scriptPod("shop-7d9f-klmno", "waiting", "CrashLoopBackOff", "back-off 40s restarting failed container=shop", 4);
        assertThatThrownBy(() -> deployer().deploy(bundle(SYSTEM), Optional.empty(), waiting(Duration.ofSeconds(1))))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("The deploy did not converge within 1 s")
                .hasMessageContaining("CrashLoopBackOff (back-off 40s restarting failed container=shop); 4 restarts");
    }

    @Test
    void a_missing_secret_key_ends_the_deploy_at_once_naming_the_key_and_the_pod() {
        scriptPod("shop-7d9f-fghij", "waiting", "CreateContainerConfigError",
                "couldn't find key DB_PASSWORD in Secret sales-order/shop-credentials");
        long start = System.nanoTime();
        assertThatThrownBy(() -> deployer().deploy(bundle(SYSTEM), Optional.empty(), waiting(Duration.ofSeconds(60))))
                .hasMessageContaining("cannot converge: Deployment/shop cannot start")
                .hasMessageContaining("pod shop-7d9f-fghij")
                .hasMessageContaining("CreateContainerConfigError (couldn't find key DB_PASSWORD in Secret sales-order/shop-credentials)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void an_image_that_cannot_be_pulled_ends_the_deploy_at_once_with_the_pull_error_and_its_event() {
        scriptPod("shop-7d9f-klmno", "waiting", "ImagePullBackOff", "Back-off pulling image \"shop:1\"");
        scriptEvent("shop-7d9f-klmno", "Warning", "Failed",
                "Failed to pull image \"shop:1\": rpc error: code = NotFound desc = manifest unknown");
        assertThatThrownBy(() -> deployer().deploy(bundle(SYSTEM), Optional.empty(), waiting(Duration.ofSeconds(60))))
                .hasMessageContaining("Deployment/shop cannot start")
                .hasMessageContaining("container shop: waiting: ImagePullBackOff (Back-off pulling image \"shop:1\")")
                .hasMessageContaining("event Warning Failed: Failed to pull image \"shop:1\": rpc error: code = NotFound");
    }

    @Test
    void an_api_server_without_server_side_apply_is_refused_with_the_version_it_needs() {
        var crud = new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
                new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
        crud.init(java.net.InetAddress.getLoopbackAddress(), 0);
        try {
            KubernetesClient old = crud.createClient(new io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory());
            old.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(NS)
                    .endMetadata().build()).create();
            old.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                    .withName("shop-config").withNamespace(NS).endMetadata().build()).create();
            assertThatThrownBy(() -> new ClusterDeployer(old, log::add).deploy(bundle(SYSTEM)))
                    .isInstanceOf(BundleException.class).hasMessageContaining("server-side apply")
                    .hasMessageContaining("HTTP 415").hasMessageContaining("Kubernetes 1.22 or later");
        } finally {
            crud.destroy();
        }
    }

    @Test
    void a_kind_the_cluster_does_not_serve_is_refused_naming_what_to_install() {
        deployer().deploy(bundle(SYSTEM));
        String route = """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop, namespace: sales-order, labels: {app.kubernetes.io/name: shop}}
                spec: {parentRefs: [{name: shop}]}
                """;
        api.refuseKind("httproutes");
        assertThatThrownBy(() -> deployer().deploy(bundle(SYSTEM + route), Optional.empty(), dryRun()))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith("The API server refused 1 of 7 resources in the dry run, so nothing was changed:")
                .hasMessageContaining("HTTPRoute/shop: The API server does not know gateway.networking.k8s.io/v1 HTTPRoute")
                .hasMessageContaining("Gateway API's CRDs");
    }

    // Scripted controllers: what the ReplicaSet controller, the kubelet and the event recorder would write.

    private void scriptPod(String name, String state, String reason, String message) {
        scriptPod(name, state, reason, message, 5);
    }

    private void scriptPod(String name, String state, String reason, String message, int restarts) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(NS)
                .endMetadata().build()).serverSideApply();
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of("app.kubernetes.io/name", "shop")).endMetadata()
                .withNewSpec().addNewContainer().withName("shop").withImage("shop:1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("shop").withReady(false).withRestartCount(restarts)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState()
                .endContainerStatus().endStatus().build()).create();
    }

    private void scriptEvent(String pod, String type, String reason, String message) {
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName(pod + "." + reason)
                .withNamespace(NS).endMetadata().withType(type).withReason(reason).withMessage(message)
                .withLastTimestamp("2026-12-03T06:00:00Z")
                .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(NS).endInvolvedObject().build()).create();
    }

}
