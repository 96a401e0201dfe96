package io.salesorder.platform.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.salesorder.platform.bundle.Yaml;

class ContainerLaunchTests {

    private static final String POD = """
            securityContext: {runAsUser: 10001, runAsGroup: 10001, fsGroup: 20002}
            containers:
              - name: server
                image: example:1.0
                command: ["sh", "/scripts/run.sh"]
                args: ["--verbose"]
                envFrom:
                  - configMapRef: {name: settings}
                  - secretRef: {name: credentials}
                env:
                  - {name: LEVEL, value: debug}
                  - name: PASSWORD
                    valueFrom: {secretKeyRef: {name: credentials, key: password}}
                  - name: MODE
                    valueFrom: {configMapKeyRef: {name: settings, key: mode}}
                  - name: MEMORY_MIB
                    valueFrom: {resourceFieldRef: {containerName: server, resource: limits.memory, divisor: 1Mi}}
                resources: {limits: {memory: 1536Mi}}
                securityContext: {runAsUser: 10005, readOnlyRootFilesystem: true}
                volumeMounts:
                  - {name: data, mountPath: /data}
                  - {name: data, mountPath: /var/lib/db, subPath: db}
                  - {name: scripts, mountPath: /scripts, readOnly: true}
            """;

    private static final ContainerLaunch.PodContext CONTEXT = new ContainerLaunch.PodContext() {
        public Map<String, String> configMap(String name) {
            return Map.of("mode", "replica", "LEVEL", "info");
        }

        public Map<String, String> secret(String name) {
            return Map.of("password", "s3 cr\"et");
        }

        public Path volume(String name) {
            return Path.of("/volumes", name);
        }

        public Map<String, String> imageEnv(String image) {
            return Map.of("PATH", "/usr/bin");
        }
    };

    private static PodSpec pod(String yaml) throws Exception {
        return Yaml.mapper().readValue(yaml, PodSpec.class);
    }

    @Test
    void a_container_runs_its_command_with_every_reference_resolved_and_the_manifests_mounts_and_user() throws Exception {
        ContainerLaunch launch = ContainerLaunch.of(pod(POD), "server", CONTEXT);
        assertThat(launch.command()).containsExactly("sh", "/scripts/run.sh", "--verbose");
        assertThat(launch.env()).containsEntry("PATH", "/usr/bin").containsEntry("PASSWORD", "s3 cr\"et")
                .containsEntry("MODE", "replica").containsEntry("MEMORY_MIB", "1536")
                .as("env wins over envFrom").containsEntry("LEVEL", "debug");
        assertThat(launch.mounts()).containsExactly(
                new ContainerLaunch.Mount(Path.of("/volumes/data"), "/data", false),
                new ContainerLaunch.Mount(Path.of("/volumes/data/db"), "/var/lib/db", false),
                new ContainerLaunch.Mount(Path.of("/volumes/scripts"), "/scripts", true));
        assertThat(launch.uid()).as("the container's user over the pod's").isEqualTo(10005);
        assertThat(launch.gid()).isEqualTo(10001);
        assertThat(launch.groups()).containsExactly(20002L);
        assertThat(launch.readOnlyRoot()).isTrue();
        assertThat(launch.limits()).isEqualTo(new ContainerLaunch.Limits(1536L * 1024 * 1024, 0));
    }

    @Test
    void a_missing_secret_key_or_an_unset_resource_is_named() throws Exception {
        String missingKey = POD.replace("key: password", "key: token");
        assertThatThrownBy(() -> ContainerLaunch.of(pod(missingKey), "server", CONTEXT))
                .hasMessage("Secret credentials has no key token");
        String noLimit = POD.replace("resources: {limits: {memory: 1536Mi}}", "resources: {limits: {cpu: 1}}");
        assertThatThrownBy(() -> ContainerLaunch.of(pod(noLimit), "server", CONTEXT))
                .hasMessage("container server reads limits.memory, which it does not set");
    }

    @Test
    void a_container_without_a_command_runs_its_images_entrypoint() throws Exception {
        String noCommand = POD.replace("    command: [\"sh\", \"/scripts/run.sh\"]\n    args: [\"--verbose\"]\n", "");
        assertThat(noCommand).isNotEqualTo(POD);
        assertThat(ContainerLaunch.of(pod(noCommand), "server", CONTEXT).command()).isEmpty();
    }

    @Test
    void podman_runs_a_launch_with_the_pods_user_read_only_root_limits_mounts_and_environment() throws Exception {
        ContainerLaunch launch = ContainerLaunch.of(pod(POD), "server", CONTEXT);
        String argv = String.join(" ", PodmanContainer.runArguments(launch, "pod-server", java.util.Map.of("db.cluster.local", "127.0.20.1")));
        assertThat(argv).contains("--user 10005:10001", "--group-add 20002", "--read-only --read-only-tmpfs=false",
                "--cap-drop ALL", "--security-opt no-new-privileges", "--memory 1610612736b",
                "--volume /volumes/data/db:/var/lib/db ", "--volume /volumes/scripts:/scripts:ro",
                "--add-host db.cluster.local:127.0.20.1", "--env MODE=replica", "--env PASSWORD=s3 cr\"et")
                .endsWith("--entrypoint sh example:1.0 /scripts/run.sh --verbose");
        String noCommand = POD.replace("    command: [\"sh\", \"/scripts/run.sh\"]\n    args: [\"--verbose\"]\n", "");
        assertThat(PodmanContainer.runArguments(ContainerLaunch.of(pod(noCommand), "server", CONTEXT), "pod-server", java.util.Map.of()))
                .doesNotContain("--entrypoint").last().isEqualTo("example:1.0");
    }
}
