package io.salesorder.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salesorder.testsupport.GeneratedManifests;
import io.salesorder.testsupport.ServiceWorkloadAssertions;

/** What the build generated for product-service in target/kubernetes. */
class ProductServiceManifestIT {

    private final GeneratedManifests manifests = GeneratedManifests.ofThisModule();
    private final Deployment deployment = manifests.get(Deployment.class, "product-service");
    private final Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    @Test
    void it_follows_the_conventions_of_every_service() {
        ServiceWorkloadAssertions.assertFollowsConventions(manifests, "product-service", "products", 8083);
    }

    @Test
    void it_runs_three_replicas_with_a_safe_rolling_update() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    }

    @Test
    void it_reads_its_config_map_and_secret_and_nothing_else() {
        assertThat(container.getEnvFrom())
                .extracting(from -> from.getConfigMapRef() != null ? "ConfigMap/" + from.getConfigMapRef().getName()
                        : "Secret/" + from.getSecretRef().getName())
                .containsExactlyInAnyOrder("ConfigMap/product-service-config", "Secret/product-service-credentials");
        assertThat(container.getEnv()).isNullOrEmpty();
    }
}
