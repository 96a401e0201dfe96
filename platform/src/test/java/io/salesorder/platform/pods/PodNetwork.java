package io.salesorder.platform.pods;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A private network namespace shared by emulated pods, each pod with a loopback address of its own
 * (127.0.10.x), and the way into it: containers run in their own mount and UTS namespaces inside it, and
 * commands of the test (a client, a probe) run in it too. Needs root and util-linux's unshare and nsenter;
 * where the kernel refuses namespaces, creating it fails with a message that says so.
 */
public final class PodNetwork implements AutoCloseable {

    private final Process holder;
    private final Path work;
    private final Path enterScript;
    private final List<Process> started = new ArrayList<>();

    public PodNetwork(Path work) {
        this.work = work;
        try {
            Files.createDirectories(work);
            enterScript = work.resolve("enter-container.sh");
            try (var in = PodNetwork.class.getResourceAsStream("/pods/enter-container.sh")) {
                Files.write(enterScript, in.readAllBytes());
            }
            Files.setPosixFilePermissions(enterScript, PosixFilePermissions.fromString("rwxr-xr-x"));
            holder = new ProcessBuilder("unshare", "--net", "sleep", "3600").redirectErrorStream(true)
                    .redirectOutput(work.resolve("network.log").toFile()).start();
            ExecResult up = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                up = exec(Map.of(), Duration.ofSeconds(5), "ip", "link", "set", "lo", "up");
                if (up.exitCode() == 0) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            if (!holder.isAlive() || up.exitCode() != 0) {
                throw new IllegalStateException("This machine refuses Linux network namespaces (unshare --net as root): "
                        + Files.readString(work.resolve("network.log")) + up.output()
                        + "; the pod emulation needs them and cannot pass without them");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the pods' network namespace (util-linux unshare and nsenter, as root): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The loopback address of pod {@code index}, unique in this network. */
    public static String address(int index) {
        return "127.0.10." + (index + 1);
    }

    private List<String> enterNetwork() {
        return List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net", "--");
    }

    /** Starts one container: its own mount and UTS namespaces in this network, output to {@code log}. */
    public Process start(String hostname, ContainerLaunch launch, Path log) throws IOException {
        if (launch.command().isEmpty()) {
            throw new IllegalArgumentException("container " + launch.container() + " relies on its image's entrypoint, which the "
                    + "host's binaries cannot stand in for: name a command");
        }
        Path root = Files.createTempDirectory(work, launch.container() + "-root-");
        Path mounts = Files.createTempFile(work, launch.container() + "-mounts-", ".tsv");
        Files.writeString(mounts, launch.mounts().stream()
                .map(m -> (m.readOnly() ? "ro" : "rw") + "\t" + m.source() + "\t" + m.target() + "\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(enterNetwork());
        argv.addAll(List.of("unshare", "--mount", "--uts", "--propagation", "private", "--", "sh", enterScript.toString(),
                hostname, root.toString(), mounts.toString(), String.valueOf(launch.readOnlyRoot()),
                String.valueOf(launch.uid()), String.valueOf(launch.gid()),
                launch.groups().stream().map(String::valueOf).collect(Collectors.joining(",")), "--", "env", "-i"));
        launch.env().forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(launch.command());
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    /** Ends a process this network started, and everything it started, at once (a pod deleted without grace). */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public record ExecResult(int exitCode, String output) {
    }

    /** Runs a command of the test inside the network (as root, in the host's filesystem), bounded in time. */
    public ExecResult exec(Map<String, String> env, Duration timeout, String... command) {
        List<String> argv = new ArrayList<>(List.of("timeout", "-k", "2", String.valueOf(Math.max(1, timeout.toSeconds()))));
        argv.addAll(enterNetwork());
        argv.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            process.waitFor();
            return new ExecResult(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new ExecResult(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted");
        }
    }

    @Override
    public void close() {
        List<Process> all;
        synchronized (started) {
            all = List.copyOf(started);
        }
        all.forEach(PodNetwork::kill);
        kill(holder);
    }
}
