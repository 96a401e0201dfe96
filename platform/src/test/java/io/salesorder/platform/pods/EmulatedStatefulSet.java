package io.salesorder.platform.pods;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The pods of a rendered StatefulSet, run as the manifest says: pod {@code <name>-<i>} with that hostname and
 * the address {@link PodNetwork#address(int)}, its claims as directories that outlive the pod, its emptyDirs
 * new for each pod, its ConfigMap and Secret volumes written from the bundle, every container through
 * {@link ContainerLaunch}. An image is stood in for by the host's binaries plus the files {@code imageFiles}
 * gives for a pod (mounted over the image's paths) and the image's environment.
 */
public final class EmulatedStatefulSet implements AutoCloseable {

    /** What stands in for an image in one pod: files to mount at the image's paths, and its environment. */
    public record ImageStandIn(Map<String, String> env, Function<Integer, Map<String, String>> files) {
    }

    private final StatefulSet statefulSet;
    private final Map<String, ConfigMap> configMaps;
    private final Map<String, Map<String, String>> secrets;
    private final Map<String, ImageStandIn> images;
    private final PodNetwork network;
    private final Path work;
    private final Map<Integer, List<Process>> running = new HashMap<>();
    private final Map<Integer, Integer> generations = new HashMap<>();

    public EmulatedStatefulSet(StatefulSet statefulSet, List<ConfigMap> configMaps, List<Secret> secrets,
            Map<String, ImageStandIn> images, PodNetwork network, Path work) {
        this.statefulSet = statefulSet;
        this.configMaps = configMaps.stream().collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        this.secrets = new HashMap<>(secrets.stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), PodVolumes::values)));
        this.images = images;
        this.network = network;
        this.work = work;
    }

    /** Replaces one value of a Secret, as a store could hold it, for the pods started after. */
    public void setSecretValue(String secret, String key, String value) {
        secrets.computeIfAbsent(secret, s -> new LinkedHashMap<>()).put(key, value);
    }

    public String secretValue(String secret, String key) {
        return secrets.get(secret).get(key);
    }

    public String podName(int ordinal) {
        return statefulSet.getMetadata().getName() + "-" + ordinal;
    }

    public int replicas() {
        return statefulSet.getSpec().getReplicas();
    }

    /** The DNS name of a pod through the StatefulSet's headless Service. */
    public String podHost(int ordinal) {
        return podName(ordinal) + "." + statefulSet.getSpec().getServiceName() + "." + statefulSet.getMetadata().getNamespace()
                + ".svc.cluster.local";
    }

    /** The hosts file every pod of the set gets: each pod's DNS name at its address. */
    public String hostsFile() {
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        for (int i = 0; i < replicas(); i++) {
            hosts.append(PodNetwork.address(i)).append(' ').append(podHost(i)).append(' ').append(podName(i)).append('\n');
        }
        return hosts.toString();
    }

    public synchronized void start(int ordinal) {
        if (running.containsKey(ordinal)) {
            throw new IllegalStateException(podName(ordinal) + " is running");
        }
        int generation = generations.merge(ordinal, 1, Integer::sum);
        try {
            Path pod = Files.createDirectories(work.resolve(podName(ordinal) + "-" + generation));
            PodSpec spec = statefulSet.getSpec().getTemplate().getSpec();
            Map<String, Path> volumes = volumes(spec, ordinal, pod);
            Files.writeString(pod.resolve("hosts"), hostsFile());
            List<Process> processes = new java.util.ArrayList<>();
            for (var container : spec.getContainers()) {
                ImageStandIn image = Optional.ofNullable(images.get(container.getImage()))
                        .orElseThrow(() -> new IllegalArgumentException("no stand-in for image " + container.getImage()));
                ContainerLaunch launch = ContainerLaunch.of(spec, container.getName(),
                        ContainerLaunch.PodContext.of(configMaps, secrets, volumes, image.env()));
                List<ContainerLaunch.Mount> mounts = new java.util.ArrayList<>(launch.mounts());
                mounts.add(new ContainerLaunch.Mount(pod.resolve("hosts"), "/etc/hosts", true));
                Map<String, List<Map.Entry<String, String>>> byDirectory = image.files().apply(ordinal).entrySet().stream()
                        .collect(Collectors.groupingBy(f -> Path.of(f.getKey()).getParent().toString()));
                for (var directory : byDirectory.entrySet()) {
                    Path standIn = Files.createDirectories(pod.resolve("image-" + container.getName() + directory.getKey().replace('/', '_')));
                    for (var file : directory.getValue()) {
                        Path path = standIn.resolve(Path.of(file.getKey()).getFileName());
                        Files.writeString(path, file.getValue());
                        Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
                    }
                    mounts.add(new ContainerLaunch.Mount(standIn, directory.getKey(), true));
                }
                ContainerLaunch withImage = new ContainerLaunch(launch.container(), launch.image(), launch.command(), launch.env(),
                        List.copyOf(mounts), launch.uid(), launch.gid(), launch.groups(), launch.readOnlyRoot(), launch.limits());
                processes.add(network.start(podName(ordinal), withImage, pod.resolve(container.getName() + ".log")));
            }
            running.put(ordinal, processes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + podName(ordinal), e);
        }
    }

    /** Deletes a pod at once, as a node failure would: every container killed, its emptyDirs gone, its claims kept. */
    public synchronized void kill(int ordinal) {
        Optional.ofNullable(running.remove(ordinal)).ifPresent(processes -> processes.forEach(PodNetwork::kill));
    }

    public synchronized boolean isRunning(int ordinal) {
        return running.containsKey(ordinal);
    }

    /** The logs of every container of a pod's last start, for a failure message. */
    public String logs(int ordinal) {
        Path pod = work.resolve(podName(ordinal) + "-" + generations.getOrDefault(ordinal, 0));
        StringBuilder all = new StringBuilder();
        for (var container : statefulSet.getSpec().getTemplate().getSpec().getContainers()) {
            Path log = pod.resolve(container.getName() + ".log");
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                all.append("--- ").append(podName(ordinal)).append('/').append(container.getName()).append('\n');
                lines.stream().skip(Math.max(0, lines.size() - 40)).forEach(l -> all.append(l).append('\n'));
            } catch (IOException e) {
                all.append(e.getMessage());
            }
        }
        return all.toString();
    }

    @Override
    public synchronized void close() {
        List.copyOf(running.keySet()).forEach(this::kill);
    }

    private Map<String, Path> volumes(PodSpec spec, int ordinal, Path pod) throws IOException {
        long fsGroup = Optional.ofNullable(spec.getSecurityContext()).map(s -> s.getFsGroup()).orElse(0L);
        Map<String, Path> volumes = new HashMap<>(PodVolumes.lay(spec, pod, configMaps, secrets, claim -> work.resolve(claim)));
        for (var claim : Optional.ofNullable(statefulSet.getSpec().getVolumeClaimTemplates()).orElse(List.of())) {
            String name = claim.getMetadata().getName();
            volumes.put(name, PodVolumes.claim(work.resolve(name + "-" + podName(ordinal)), fsGroup));
        }
        return volumes;
    }
}
