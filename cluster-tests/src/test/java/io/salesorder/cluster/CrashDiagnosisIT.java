package io.salesorder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A container that keeps crashing ends the deploy's wait at once, with the cluster's own account of it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashDiagnosisIT {

    private Cluster cluster;
    private Path copy;

    @BeforeAll
    void start() throws Exception {
        copy = WorkingCopy.fresh("crash");
        // The nodes report every order-service container as crash-looping (exit code 1, five restarts).
        cluster = Cluster.start("crash", Path.of(getClass().getResource("/crash-loop-stage.yaml").toURI()));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_crash_looping_container_fails_the_deploy_naming_pod_container_reason_and_exit_code_without_waiting_out_the_timeout() {
        UserCommand.Result result = UserCommand.fromReadme("mvn package -DskipTests -Dquarkus.kubernetes.deploy=true", copy, cluster)
                .failed();
        assertThat(result.lines()).contains("The deploy cannot converge: Deployment/order-service cannot start.")
                .noneMatch(line -> line.startsWith("The deploy did not converge within"))
                .anyMatch(line -> line.matches("\\s*pod order-service-[a-z0-9]+-[a-z0-9]+: Running"))
                .anyMatch(line -> line.matches("\\s*container order-service: waiting: CrashLoopBackOff \\(back-off 2m40s "
                        + "restarting failed container=order-service\\); 5 restarts; last exit: Error, code 1"));
        // The wait ends at once: before its first progress line, printed after 15 s of waiting.
        List<String> wait = result.lines().subList(result.lines().indexOf("Waiting up to 600 s for 9 resources to converge"),
                result.lines().indexOf("The deploy cannot converge: Deployment/order-service cannot start."));
        assertThat(wait).isNotEmpty().noneMatch(line -> line.startsWith("waiting   "));
    }
}
