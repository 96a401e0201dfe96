package io.salesorder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The life of the dev environment on one cluster, as a user lives it: a dry run on an empty cluster, prod admitted by
 * the API server's dry run, the main command (which builds, tests and deploys), the same again, a one-line change, an
 * edge moved and data renamed, and a promotion to prod that the API server refuses in part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevDeployIT {

    private Cluster cluster;
    private Path copy;

    @BeforeAll
    void start() {
        copy = WorkingCopy.fresh("dev");
        cluster = Cluster.start("dev");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void the_dry_run_against_an_empty_cluster_plans_every_resource_as_create_and_creates_nothing() {
        UserCommand.Result result = UserCommand.fromReadme("mvn package -DskipTests -DdryRun -Denv=staging", copy, cluster)
                .succeeded();
        int resources = SystemState.bundle(copy, "staging").size();
        assertThat(result.lines()).contains("Plan: " + resources + " to create, 0 to change, 0 unchanged, 0 kept, 0 to prune, 0 spared.",
                "Dry run: nothing was changed.");
        assertThat(result.lines()).filteredOn(line -> line.startsWith("create    ")).hasSize(resources);
        assertThat(cluster.client().namespaces().withName("sales-order").get()).as("the namespace").isNull();
    }

    @Test
    @Order(2)
    void prod_is_admitted_by_the_api_servers_dry_run_external_secrets_and_gateway_api_objects_included() {
        // An API server refuses even a dry run in a missing namespace: with the namespace there, every object is sent.
        cluster.kubectl("create", "namespace", "sales-order");
        UserCommand.Result result = UserCommand.run("mvn package -DskipTests -DdryRun -Denv=prod", copy, cluster).succeeded();
        List<String> bundle = SystemState.bundle(copy, "prod");
        assertThat(bundle).anyMatch(id -> id.startsWith("ExternalSecret/")).anyMatch(id -> id.startsWith("HTTPRoute/"))
                .anyMatch(id -> id.startsWith("Gateway/")).anyMatch(id -> id.startsWith("SecretStore/"));
        // The namespace kubectl made has none of the bundle's labels: the one change.
        assertThat(result.lines()).noneMatch(line -> line.startsWith("refused")).contains("change    Namespace/sales-order",
                "Plan: " + (bundle.size() - 1) + " to create, 1 to change, 0 unchanged, 0 kept, 0 to prune, 0 spared.");
        assertThat(cluster.client().apps().deployments().inNamespace("sales-order").list().getItems()).isEmpty();
    }

    @Test
    @Order(3)
    void the_main_command_builds_tests_and_deploys_dev_and_the_controllers_roll_everything_out() {
        UserCommand.Result result = UserCommand.fromReadme("mvn package -Dquarkus.kubernetes.deploy=true", copy, cluster)
                .succeeded();
        assertThat(result.lines()).as("the modules' tests ran").anyMatch(line -> line.matches("Tests run: [1-9]\\d*, Failures: 0, Errors: 0.*"));
        List<String> bundle = SystemState.bundle(copy, "dev");
        assertThat(result.lines()).anyMatch(line -> line.startsWith("Deploying the whole system (dev, " + bundle.size() + " resources)"))
                .anyMatch(line -> line.matches("Converged: (\\d+) of \\1 ready\\."));
        SystemState.assertRolledOut(cluster.client());
        // The autoscalers own the replica counts of the Deployments they scale: the deploy never sets one.
        for (var hpa : cluster.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace("sales-order").list().getItems()) {
            var deployment = cluster.client().apps().deployments().inNamespace("sales-order")
                    .withName(hpa.getSpec().getScaleTargetRef().getName()).get();
            assertThat(deployment.getSpec().getReplicas()).as(hpa.getMetadata().getName()).isEqualTo(hpa.getSpec().getMinReplicas());
            assertThat(deployment.getMetadata().getManagedFields()).filteredOn(f -> "sales-order-platform".equals(f.getManager()))
                    .singleElement().satisfies(f -> assertThat(cluster.client().getKubernetesSerialization()
                            .asJson(f.getFieldsV1())).doesNotContain("f:replicas"));
        }

        String labels = cluster.kubectl("get", "configmap", "sales-order-applyset", "-n", "sales-order", "--show-labels");
        assertThat(labels).contains("applyset.kubernetes.io/id=applyset-");
        Map<String, String> members = SystemState.members(cluster);
        assertThat(members.keySet()).as("what kubectl lists as the set's members is exactly what the deploy recorded")
                .containsExactlyInAnyOrderElementsOf(bundle.stream().filter(id -> !id.startsWith("Namespace/")).toList());
    }

    @Test
    @Order(4)
    void the_same_deploy_again_changes_nothing_and_no_generation_moves() {
        Map<String, String> before = SystemState.members(cluster);
        UserCommand.Result result = UserCommand.fromReadme("mvn package -DskipTests -Dquarkus.kubernetes.deploy=true", copy, cluster)
                .succeeded();
        assertThat(result.lines()).filteredOn(line -> line.startsWith("Plan: "))
                .singleElement().asString().matches("Plan: 0 to create, 0 to change, \\d+ unchanged, \\d+ kept, 0 to prune, 0 spared\\.");
        assertThat(generations(SystemState.members(cluster))).isEqualTo(generations(before));
    }

    @Test
    @Order(5)
    void a_one_line_change_in_one_service_is_planned_as_that_change_and_rolls_out_that_deployment_alone() {
        Map<String, String> before = generations(SystemState.members(cluster));
        WorkingCopy.append(copy, "customer-service/src/main/resources/application.properties",
                "quarkus.kubernetes.env.vars.feature-x=on\n");
        UserCommand.Result result = UserCommand.fromReadme("mvn package -DskipTests -Dquarkus.kubernetes.deploy=true", copy, cluster)
                .succeeded();
        List<String> lines = result.lines();
        int change = lines.indexOf("change    Deployment/customer-service");
        assertThat(change).as("the plan changes customer-service's Deployment:\n" + result.tail()).isNotNegative();
        assertThat(lines.get(change + 1)).startsWith(
                "            + spec.template.spec.containers[customer-service].env[FEATURE_X]: name: FEATURE_X value: ");
        assertThat(lines.get(change + 2)).doesNotStartWith("            ");
        assertThat(lines).filteredOn(line -> line.startsWith("change ")).containsExactly("change    Deployment/customer-service");

        Map<String, String> after = generations(SystemState.members(cluster));
        Map<String, String> moved = new TreeMap<>(after);
        moved.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())) || !before.containsKey(e.getKey()));
        assertThat(moved.keySet()).containsExactly("Deployment/customer-service");
        SystemState.assertRolledOut(cluster.client());
        assertThat(cluster.client().apps().deployments().inNamespace("sales-order").withName("customer-service").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anyMatch(env -> env.getName().equals("FEATURE_X") && env.getValue().equals("on"));
    }

    @Test
    @Order(6)
    void what_left_the_bundle_is_pruned_and_a_generated_secret_and_a_claim_that_left_it_are_spared() {
        // Both edges at once, and a new setting for the init Job, whose pod template the API server will not change.
        WorkingCopy.edit(copy, "platform/src/main/platform/overlays/dev/platform-settings.yaml", "kind: gateway", "kind: both");
        WorkingCopy.append(copy, "platform/src/main/resources/application.properties", "quarkus.kubernetes.env.vars.init-note=both-edges\n");
        String uid = cluster.client().batch().v1().jobs().inNamespace("sales-order").withName("mongodb-replica-set-init").get()
                .getMetadata().getUid();
        UserCommand.Result both = UserCommand.fromReadme("mvn package -DskipTests -Dquarkus.kubernetes.deploy=true", copy, cluster)
                .succeeded();
        assertThat(both.lines()).contains("create    Ingress/sales-order");
        int job = both.lines().indexOf("change    Job/mongodb-replica-set-init");
        assertThat(job).as(both.tail()).isNotNegative();
        assertThat(both.lines().get(job + 1)).startsWith("            replaced: Job.batch \"mongodb-replica-set-init\" is invalid: ")
                .contains("field is immutable");
        assertThat(both.lines()).anyMatch(line -> line.startsWith("replacing Job/mongodb-replica-set-init") && line.contains("field is immutable"));
        assertThat(cluster.client().network().v1().ingresses().inNamespace("sales-order").withName("sales-order").get()).isNotNull();
        assertThat(cluster.client().batch().v1().jobs().inNamespace("sales-order").withName("mongodb-replica-set-init").get()
                .getMetadata().getUid()).as("the Job was replaced").isNotEqualTo(uid);
        SystemState.assertRolledOut(cluster.client());

        // A release that moves off the Ingress and renames the keyfile Secret and MySQL's claim.
        WorkingCopy.edit(copy, "platform/src/main/platform/overlays/dev/platform-settings.yaml", "kind: both", "kind: gateway");
        WorkingCopy.edit(copy, "platform/src/main/platform/secrets.yml", "  mongodb-keyfile:\n    owner", "  mongodb-keyfile-v2:\n    owner");
        WorkingCopy.edit(copy, "platform/src/main/platform/datastores/31-mongodb.yml", "secretName: mongodb-keyfile", "secretName: mongodb-keyfile-v2");
        WorkingCopy.edit(copy, "platform/src/main/platform/datastores/30-mysql.yml", "mysql-data", "mysql-data-v2");
        WorkingCopy.edit(copy, "platform/src/main/platform/overlays/dev/kustomization.yaml", "mysql-data", "mysql-data-v2");
        UserCommand.Result result = UserCommand.fromReadme("mvn package -DskipTests -Dquarkus.kubernetes.deploy=true", copy, cluster)
                .succeeded();
        assertThat(result.lines()).contains("prune     Ingress/sales-order (no longer in the bundle)", "pruned    Ingress/sales-order",
                "spare     PersistentVolumeClaim/mysql-data (no longer in the bundle; it holds data or credentials: -DpruneData deletes it)",
                "spare     Secret/mongodb-keyfile (no longer in the bundle; it holds data or credentials: -DpruneData deletes it)");
        var client = cluster.client();
        assertThat(client.network().v1().ingresses().inNamespace("sales-order").withName("sales-order").get()).isNull();
        assertThat(client.persistentVolumeClaims().inNamespace("sales-order").withName("mysql-data").get()).isNotNull();
        assertThat(client.secrets().inNamespace("sales-order").withName("mongodb-keyfile").get()).isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace("sales-order").withName("mysql-data-v2").get().getStatus().getPhase())
                .isEqualTo("Bound");
        SystemState.assertRolledOut(client);
    }

    @Test
    @Order(7)
    void promoting_dev_to_prod_lists_every_resource_the_api_server_refuses_and_changes_nothing() {
        Map<String, String> before = generations(SystemState.members(cluster));
        UserCommand.Result result = UserCommand.run("mvn package -DskipTests -DdryRun -Denv=prod", copy, cluster).failed();
        List<String> refused = result.lines().stream().filter(line -> line.startsWith("refused   ")).toList();
        // Each datastore's volume grows from dev's size to prod's: MySQL's claim cannot grow on this storage class, and
        // a StatefulSet's claim templates cannot change at all.
        assertThat(refused).as(result.tail()).containsExactly("refused   PersistentVolumeClaim/mysql-data-v2",
                "refused   StatefulSet/mongodb", "refused   StatefulSet/redis");
        assertThat(result.lines()).anyMatch(line -> line.matches("Plan: .*, 3 refused by the API server\\."))
                .anyMatch(line -> line.contains("The API server refused 3 of " + SystemState.bundle(copy, "prod").size()
                        + " resources in the dry run, so nothing was changed:"))
                .anyMatch(line -> line.startsWith("  StatefulSet/mongodb: HTTP 422: ") && line.endsWith("field is immutable"));
        assertThat(generations(SystemState.members(cluster))).isEqualTo(before);
    }

    /** Each member's generation (kinds without one are left out: their resource version moves on status updates). */
    private static Map<String, String> generations(Map<String, String> members) {
        Map<String, String> generations = new TreeMap<>(members);
        generations.values().removeIf(v -> v.startsWith("rv "));
        return generations;
    }
}
