package io.salesorder.order;

import org.junit.jupiter.api.Test;

import io.salesorder.testsupport.GeneratedManifests;
import io.salesorder.testsupport.ServiceWorkloadAssertions;

/** What the build generated for order-service in target/kubernetes. */
class OrderServiceManifestIT {

    private final GeneratedManifests manifests = GeneratedManifests.ofThisModule();

    @Test
    void it_follows_the_conventions_of_every_service() {
        ServiceWorkloadAssertions.assertFollowsConventions(manifests, "order-service", "orders", 8082);
    }

    @Test
    void it_runs_three_spread_replicas_that_roll_safely_and_read_only_their_own_config_and_secret() {
        ServiceWorkloadAssertions.assertScaledServiceConventions(manifests, "order-service");
    }
}
