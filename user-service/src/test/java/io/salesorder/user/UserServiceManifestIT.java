package io.salesorder.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.salesorder.testsupport.GeneratedManifests;

/** What the build generated for user-service in target/kubernetes. */
class UserServiceManifestIT {

    private final GeneratedManifests manifests = GeneratedManifests.ofThisModule();
    private final Deployment deployment = manifests.get(Deployment.class, "user-service");
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container container = pod.getContainers().get(0);

    @Test
    void it_is_one_deployment_and_one_service_in_the_sales_order_namespace_and_nothing_else() {
        assertThat(manifests.summary()).containsExactlyInAnyOrder("Service/user-service", "Deployment/user-service");
        assertThat(manifests.all()).allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("sales-order"));
        assertThat(manifests.find(Ingress.class, "user-service")).isEmpty();
    }

    @Test
    void it_runs_exactly_one_pod_because_its_users_live_in_memory() {
        Integer replicas = deployment.getSpec().getReplicas();
        assertThat(replicas == null ? 1 : replicas).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void selectors_are_stable_and_labels_follow_the_convention() {
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(selector).containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/part-of");
        assertThat(manifests.get(Service.class, "user-service").getSpec().getSelector()).isEqualTo(selector);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "user-service")
                .containsEntry("app.kubernetes.io/part-of", "sales-order-system")
                .containsEntry("app.kubernetes.io/component", "identity");
    }

    @Test
    void settings_come_from_its_config_map_and_credentials_from_its_secret() {
        assertThat(container.getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo("user-service-config"));
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .containsExactlyInAnyOrder("USER_SERVICE_BOOTSTRAP_ADMIN_USERNAME", "USER_SERVICE_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(container.getEnv()).allSatisfy(env -> {
            assertThat(env.getValue()).isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("user-service-credentials");
        });
    }

    @Test
    void the_signing_key_is_a_read_only_file_from_the_secret() {
        var volume = pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("user-service-credentials");
        assertThat(volume.getSecret().getItems()).extracting("key")
                .containsExactlyInAnyOrder("private-key.pem", "public-key.pem");
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(volume.getName());
            assertThat(mount.getMountPath()).isEqualTo("/var/run/secrets/user-service");
            assertThat(mount.getReadOnly()).isTrue();
        });
    }

    @Test
    void it_has_three_distinct_probes_on_the_health_endpoints() {
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    }

    @Test
    void it_has_requests_and_limits_for_cpu_memory_and_ephemeral_storage() {
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory", "ephemeral-storage");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory", "ephemeral-storage");
    }

    @Test
    void it_runs_hardened() {
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isGreaterThanOrEqualTo(10000);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void the_image_is_pinned_to_the_project_version() {
        assertThat(container.getImage()).endsWith("sales-order/user-service:2.1.0");
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    }
}
