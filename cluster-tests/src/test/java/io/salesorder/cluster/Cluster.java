package io.salesorder.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A real control plane of this checkout's {@code test-cluster/cluster.sh}, started for one test class in a directory of
 * its own and stopped by the pids it recorded: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and three
 * kwok nodes in three zones, with local volumes and the Gateway API and External Secrets CRDs.
 */
final class Cluster implements AutoCloseable {

    private final Path root;
    private final Path dir;
    private final Path kubeconfig;
    private final KubernetesClient client;

    private Cluster(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
        this.kubeconfig = dir.resolve("kubeconfig");
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read(kubeconfig))).build();
    }

    /** Starts a cluster in {@code target/clusters/<name>}; {@code stages} are extra kwok stages (files). */
    static Cluster start(String name, Path... stages) {
        Path root = WorkingCopy.checkoutRoot();
        Path dir = Path.of("target", "clusters", name).toAbsolutePath();
        // A cluster an interrupted run of these tests left in this directory: stopped by the pids it recorded.
        stop(root, dir);
        WorkingCopy.delete(dir);
        List<String> command = List.of("bash", root.resolve("test-cluster/cluster.sh").toString(), "start", dir.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STAGES", java.util.Arrays.stream(stages).map(Path::toString).collect(Collectors.joining(" ")));
        String output = run(builder, 30);
        if (!Files.isRegularFile(dir.resolve("kubeconfig")) || !output.contains("export KUBECONFIG=")) {
            throw new IllegalStateException("The test cluster did not start:\n" + output);
        }
        System.out.println(output);
        try {
            return new Cluster(root, dir);
        } catch (RuntimeException e) {
            stop(root, dir);
            throw e;
        }
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    KubernetesClient client() {
        return client;
    }

    /** Runs the cluster's own kubectl (the same Kubernetes release) and returns what it printed; fails on an error. */
    String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("test-cluster/target/bin/kubectl").toString(),
                "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command).redirectErrorStream(true), 2);
    }

    @Override
    public void close() {
        client.close();
        stop(root, dir);
    }

    private static void stop(Path root, Path dir) {
        System.out.println(run(new ProcessBuilder("bash", root.resolve("test-cluster/cluster.sh").toString(), "stop",
                dir.toString()).redirectErrorStream(true), 2));
    }

    private static String run(ProcessBuilder builder, int minutes) {
        try {
            Path output = Files.createTempFile("cluster", ".log");
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(builder.command() + " did not end within " + minutes + " minutes:\n"
                        + read(output));
            }
            String text = read(output);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(builder.command() + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
