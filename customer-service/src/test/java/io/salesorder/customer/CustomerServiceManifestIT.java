package io.salesorder.customer;

import org.junit.jupiter.api.Test;

import io.salesorder.testsupport.GeneratedManifests;
import io.salesorder.testsupport.ServiceWorkloadAssertions;

/** What the build generated for customer-service in target/kubernetes. */
class CustomerServiceManifestIT {

    private final GeneratedManifests manifests = GeneratedManifests.ofThisModule();

    @Test
    void it_follows_the_conventions_of_every_service() {
        ServiceWorkloadAssertions.assertFollowsConventions(manifests, "customer-service", "customers", 8081);
    }

    @Test
    void it_runs_three_spread_replicas_that_roll_safely_and_read_only_their_own_config_and_secret() {
        ServiceWorkloadAssertions.assertScaledServiceConventions(manifests, "customer-service");
    }
}
