package io.salesorder.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeployDecisionTests {

    private static final List<String> SERVICES = List.of("user-service", "customer-service", "order-service", "product-service");
    private static final List<String> SUPPORT = List.of("problem-details", "test-support", "sales-order-maven-plugin",
            "service-conventions");

    private static List<String> reactor(String... modules) {
        return java.util.stream.Stream.concat(SUPPORT.stream(), java.util.Arrays.stream(modules)).toList();
    }

    private static DeployDecision decide(List<String> reactor) {
        return DeployDecision.of(reactor, "platform", SERVICES).orElseThrow();
    }

    @Test
    void a_whole_build_ending_with_the_local_module_is_deployed_whole_by_the_platform_module() {
        DeployDecision decision = decide(reactor("user-service", "customer-service", "order-service", "product-service",
                "platform", "local"));
        assertThat(decision.runner()).isEqualTo("platform");
        assertThat(decision.scope()).isEqualTo(SystemDeploy.Scope.everything());
    }

    @Test
    void a_module_added_after_the_platform_changes_nothing() {
        DeployDecision decision = decide(reactor("user-service", "customer-service", "order-service", "product-service",
                "platform", "local", "docs", "load-tests"));
        assertThat(decision.runner()).isEqualTo("platform");
        assertThat(decision.scope().wholeSystem()).isTrue();
    }

    @Test
    void one_service_built_with_its_dependencies_deploys_that_service_alone_from_its_own_module() {
        DeployDecision decision = decide(reactor("customer-service"));
        assertThat(decision.runner()).isEqualTo("customer-service");
        assertThat(decision.scope()).isEqualTo(SystemDeploy.Scope.only(List.of("customer-service")));
    }

    @Test
    void two_services_are_deployed_together_by_the_one_built_last() {
        DeployDecision decision = decide(reactor("order-service", "user-service"));
        assertThat(decision.runner()).isEqualTo("user-service");
        assertThat(decision.scope().services()).containsExactly("order-service", "user-service");
    }

    @Test
    void the_platform_module_alone_deploys_the_whole_system() {
        DeployDecision decision = decide(List.of("platform"));
        assertThat(decision.runner()).isEqualTo("platform");
        assertThat(decision.scope().wholeSystem()).isTrue();
    }

    @Test
    void a_build_with_neither_the_platform_nor_a_service_has_nothing_to_deploy_and_says_what_to_run() {
        assertThat(DeployDecision.of(List.of("local"), "platform", SERVICES)).isEmpty();
        assertThat(DeployDecision.nothingToDeploy(List.of("local"), SERVICES))
                .contains("holds neither the platform module nor a service (it holds local)")
                .contains("mvn package -Dquarkus.kubernetes.deploy=true")
                .contains("-pl <service> -am, one of: user-service, customer-service, order-service, product-service");
    }
}
