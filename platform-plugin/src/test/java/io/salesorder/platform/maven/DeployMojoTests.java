package io.salesorder.platform.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeployMojoTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "600s, 600", "10m, 600", "1h, 3600", "PT10M, 600", " 90s , 90" })
    void a_wait_timeout_is_read_with_a_unit_or_as_iso_8601(String text, long seconds) throws MojoFailureException {
        assertThat(DeployMojo.duration(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "10", "ten minutes", "10min", "" })
    void a_wait_timeout_that_is_not_a_duration_is_refused_naming_the_setting(String text) {
        assertThatThrownBy(() -> DeployMojo.duration(text)).isInstanceOf(MojoFailureException.class)
                .hasMessage("waitTimeout must be a duration such as 600s, 10m or PT10M, not " + text);
    }

    @org.junit.jupiter.api.Test
    void without_a_kube_context_or_an_api_server_the_deploy_says_how_to_name_one() {
        assertThat(DeployMojo.noCluster(null)).startsWith("No cluster to deploy to: KUBECONFIG is not set")
                .contains("kubectl config use-context NAME").contains("-Dquarkus.kubernetes-client.api-server-url=https://HOST:PORT");
        assertThat(DeployMojo.noCluster("/tmp/empty")).contains("KUBECONFIG (/tmp/empty) names no current context");
    }
}
