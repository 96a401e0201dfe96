package io.salesorder.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salesorder.testsupport.GeneratedManifests;
import io.salesorder.testsupport.ServiceWorkloadAssertions;

/** What the build generated for user-service in target/kubernetes. */
class UserServiceManifestIT {

    private final GeneratedManifests manifests = GeneratedManifests.ofThisModule();
    private final Deployment deployment = manifests.get(Deployment.class, "user-service");
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container container = pod.getContainers().get(0);

    @Test
    void it_follows_the_conventions_of_every_service() {
        ServiceWorkloadAssertions.assertFollowsConventions(manifests, "user-service", "identity", 8080);
    }

    @Test
    void it_runs_exactly_one_pod_because_its_users_live_in_memory() {
        Integer replicas = deployment.getSpec().getReplicas();
        assertThat(replicas == null ? 1 : replicas).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void settings_come_from_its_config_map_and_credentials_from_its_secret() {
        assertThat(container.getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo("user-service-config"));
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .containsExactlyInAnyOrder("KUBERNETES_NAMESPACE", "USER_SERVICE_BOOTSTRAP_ADMIN_USERNAME",
                        "USER_SERVICE_BOOTSTRAP_ADMIN_PASSWORD", "JAVA_TOOL_OPTIONS");
        assertThat(container.getEnv()).filteredOn(env -> env.getName().startsWith("USER_SERVICE_")).allSatisfy(env -> {
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
}
