package io.salesorder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Staging and prod, whose credentials come from a store through ExternalSecrets, on a cluster that has the External
 * Secrets CRDs but no controller: every object is admitted and every workload rolls out, and the wait names the
 * ExternalSecrets no controller ever synced instead of waiting out its timeout. Each environment gets a cluster of its
 * own, as each gets its own in practice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalSecretsDeployIT {

    private Path copy;

    @BeforeAll
    void copy() {
        copy = WorkingCopy.fresh("external-secrets");
    }

    @Test
    @Order(1)
    void staging_is_deployed_whole_then_one_service_alone_touches_only_that_services_objects() {
        try (Cluster cluster = Cluster.start("staging")) {
            UserCommand.Result whole = UserCommand.fromReadme(
                    "mvn package -DskipTests -Dquarkus.kubernetes.deploy=true -Denv=staging", copy, cluster).failed();
            assertNamesEveryExternalSecret(whole, SystemState.bundle(copy, "staging"));
            SystemState.assertRolledOut(cluster.client());

            Map<String, String> before = SystemState.members(cluster);
            UserCommand.Result one = UserCommand.fromReadme(
                    "mvn package -DskipTests -pl customer-service -am -Dquarkus.kubernetes.deploy=true -Denv=staging", copy, cluster)
                    .failed();
            // Its ExternalSecret is in scope, and no controller syncs it.
            assertNamesEveryExternalSecret(one, List.of("ExternalSecret/customer-service-credentials"));
            assertThat(one.lines()).anyMatch(line -> line.startsWith("Deploying customer-service (staging, "));
            List<String> planned = one.lines().stream()
                    .filter(line -> line.matches("(create|change|unchanged|keep|prune|spare|refused) +\\S+/\\S+.*"))
                    .map(line -> line.split(" +")[1]).toList();
            assertThat(planned).isNotEmpty().allMatch(id -> id.contains("customer-service"), "names customer-service");
            Map<String, String> after = SystemState.members(cluster);
            Map<String, String> others = new TreeMap<>(before);
            others.keySet().removeIf(id -> id.contains("customer-service"));
            assertThat(after).containsAllEntriesOf(others);
            assertThat(after.keySet()).isEqualTo(before.keySet());
        }
    }

    @Test
    @Order(2)
    void prod_without_waiting_returns_once_applied_and_with_the_wait_names_the_external_secrets_never_synced() {
        try (Cluster cluster = Cluster.start("prod")) {
            UserCommand.Result early = UserCommand.run(
                    "mvn package -DskipTests -pl customer-service -am -Dquarkus.kubernetes.deploy=true -Denv=prod", copy, cluster)
                    .failed();
            assertThat(early.lines()).anyMatch(line -> line.contains("Namespace sales-order does not exist: deploy the whole "
                    + "system once (mvn package -Dquarkus.kubernetes.deploy=true from the root) before deploying one service"));
            assertThat(cluster.client().namespaces().withName("sales-order").get()).isNull();

            UserCommand.Result applied = UserCommand.run(
                    "mvn package -DskipTests -Dquarkus.kubernetes.deploy=true -Denv=prod -Dwait=false", copy, cluster).succeeded();
            assertThat(applied.lines()).noneMatch(line -> line.startsWith("Waiting up to"))
                    .anyMatch(line -> line.startsWith("Deployed: "));

            UserCommand.Result waited = UserCommand.run(
                    "mvn package -DskipTests -Dquarkus.kubernetes.deploy=true -Denv=prod", copy, cluster).failed();
            assertNamesEveryExternalSecret(waited, SystemState.bundle(copy, "prod"));
            SystemState.assertRolledOut(cluster.client());
        }
    }

    private static void assertNamesEveryExternalSecret(UserCommand.Result result, List<String> bundle) {
        Set<String> externalSecrets = new java.util.TreeSet<>(bundle.stream().filter(id -> id.startsWith("ExternalSecret/")).toList());
        assertThat(externalSecrets).isNotEmpty();
        assertThat(result.lines()).anyMatch(line -> line.contains("The deploy cannot converge: everything else is ready, but "
                + externalSecrets.size() + (externalSecrets.size() == 1 ? " ExternalSecret has" : " ExternalSecrets have")
                + " had no status for 30 s: no External Secrets controller"));
        for (String id : externalSecrets) {
            assertThat(result.lines()).contains(id + ": never synced: no status");
        }
        assertThat(result.lines()).noneMatch(line -> line.startsWith("The deploy did not converge within"));
    }
}
