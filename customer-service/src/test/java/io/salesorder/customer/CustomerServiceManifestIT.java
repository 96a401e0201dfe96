package io.salesorder.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salesorder.testsupport.GeneratedManifests;
import io.salesorder.testsupport.ServiceWorkloadAssertions;

/** What the build generated for customer-service in target/kubernetes. */
class CustomerServiceManifestIT {

    private final GeneratedManifests manifests = GeneratedManifests.ofThisModule();
    private final Deployment deployment = manifests.get(Deployment.class, "customer-service");
    private final Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    @Test
    void it_follows_the_conventions_of_every_service() {
        ServiceWorkloadAssertions.assertFollowsConventions(manifests, "customer-service", "customers", 8081);
    }

    @Test
    void it_runs_three_replicas_and_never_takes_one_away_before_its_replacement_is_ready() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        // As integers: the API server accepts a string only as a percentage.
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
    }

    @Test
    void it_reads_its_config_map_and_secret_and_nothing_else() {
        assertThat(container.getEnvFrom())
                .extracting(from -> from.getConfigMapRef() != null ? "ConfigMap/" + from.getConfigMapRef().getName()
                        : "Secret/" + from.getSecretRef().getName())
                .containsExactlyInAnyOrder("ConfigMap/customer-service-config", "Secret/customer-service-credentials");
        assertThat(container.getEnv()).isNullOrEmpty();
    }
}
