package io.salesorder.platform.pods;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container of a pod run by podman exactly as its {@link ContainerLaunch} says: the pod's uid/gid and groups,
 * a read-only root with only the manifest's volumes writable, no capability, no privilege escalation, the memory
 * and CPU limits, the resolved environment. The host's network stands in for the pod's, and {@code hosts} maps the
 * cluster DNS names the container uses. runc, since crun fails on some cgroup layouts.
 */
public final class PodmanContainer implements AutoCloseable {

    private final String name;

    private PodmanContainer(String name) {
        this.name = name;
    }

    /** The arguments of {@code podman run} for a launch. */
    public static List<String> runArguments(ContainerLaunch launch, String name, Map<String, String> hosts) {
        List<String> argv = new ArrayList<>(List.of("podman", "run", "--detach", "--name", name, "--runtime", "runc",
                "--network", "host", "--tls-verify=false", "--pull", "always",
                "--user", launch.uid() + ":" + launch.gid(),
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                // Within this machine's hard limits (podman's defaults exceed them here).
                "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768"));
        launch.groups().forEach(g -> argv.addAll(List.of("--group-add", String.valueOf(g))));
        if (launch.readOnlyRoot()) {
            // Only the manifest's volumes are writable: no tmpfs of podman's own on /tmp or /run.
            argv.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (launch.limits().memoryBytes() > 0) {
            argv.addAll(List.of("--memory", launch.limits().memoryBytes() + "b", "--memory-swap", launch.limits().memoryBytes() + "b"));
        }
        if (launch.limits().cpus() > 0) {
            argv.addAll(List.of("--cpus", String.format(Locale.ROOT, "%.3f", launch.limits().cpus())));
        }
        for (ContainerLaunch.Mount mount : launch.mounts()) {
            argv.addAll(List.of("--volume", mount.source() + ":" + mount.target() + (mount.readOnly() ? ":ro" : "")));
        }
        hosts.forEach((host, address) -> argv.addAll(List.of("--add-host", host + ":" + address)));
        launch.env().forEach((key, value) -> argv.addAll(List.of("--env", key + "=" + value)));
        if (!launch.command().isEmpty()) {
            argv.addAll(List.of("--entrypoint", launch.command().get(0)));
        }
        argv.add(launch.image());
        if (launch.command().size() > 1) {
            argv.addAll(launch.command().subList(1, launch.command().size()));
        }
        return argv;
    }

    /** Pulls an image ahead of a start, so that a start's time is the container's, not the transfer's. */
    public static void pull(String image) {
        run(List.of("podman", "pull", "--quiet", "--tls-verify=false", image));
    }

    public static PodmanContainer start(ContainerLaunch launch, String name, Map<String, String> hosts) {
        run(List.of("podman", "rm", "--force", "--ignore", name));
        run(runArguments(launch, name, hosts));
        return new PodmanContainer(name);
    }

    public String logs() {
        return run(List.of("podman", "logs", "--tail", "60", name));
    }

    public boolean isRunning() {
        return run(List.of("podman", "inspect", "--format", "{{.State.Running}}", name)).strip().equals("true");
    }

    @Override
    public void close() {
        run(List.of("podman", "rm", "--force", "--ignore", "--time", "5", name));
    }

    private static String run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv.subList(0, Math.min(4, argv.size()))) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("podman is not available (apt-get install podman runc): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
