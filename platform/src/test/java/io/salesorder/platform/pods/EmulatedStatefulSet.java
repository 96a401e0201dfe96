package io.salesorder.platform.pods;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
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
        this.secrets = new HashMap<>(secrets.stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), EmulatedStatefulSet::values)));
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
                ContainerLaunch launch = ContainerLaunch.of(spec, container.getName(), new ContainerLaunch.PodContext() {
                    public Map<String, String> configMap(String name) {
                        return Optional.ofNullable(configMaps.get(name)).map(ConfigMap::getData)
                                .orElseThrow(() -> new IllegalArgumentException("no ConfigMap " + name));
                    }

                    public Map<String, String> secret(String name) {
                        return Optional.ofNullable(secrets.get(name)).orElseThrow(() -> new IllegalArgumentException("no Secret " + name));
                    }

                    public Path volume(String name) {
                        return Optional.ofNullable(volumes.get(name)).orElseThrow(() -> new IllegalArgumentException("no volume " + name));
                    }

                    public Map<String, String> imageEnv(String name) {
                        return image.env();
                    }
                });
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
                        List.copyOf(mounts), launch.uid(), launch.gid(), launch.groups(), launch.readOnlyRoot());
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
        Map<String, Path> volumes = new HashMap<>();
        for (var claim : Optional.ofNullable(statefulSet.getSpec().getVolumeClaimTemplates()).orElse(List.of())) {
            String name = claim.getMetadata().getName();
            Path dir = work.resolve(name + "-" + podName(ordinal));
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                own(dir, 0, fsGroup, "rwxrwxr-x");
            }
            volumes.put(name, dir);
        }
        for (Volume volume : spec.getVolumes()) {
            Path dir = pod.resolve("volume-" + volume.getName());
            if (volume.getEmptyDir() != null) {
                Files.createDirectories(dir);
                own(dir, 0, 0, "rwxrwxrwx");
            } else if (volume.getConfigMap() != null) {
                Map<String, String> data = Optional.ofNullable(configMaps.get(volume.getConfigMap().getName())).map(ConfigMap::getData)
                        .orElseThrow(() -> new IllegalArgumentException("volume " + volume.getName() + ": no ConfigMap " + volume.getConfigMap().getName()));
                write(dir, data, volume.getConfigMap().getItems(), volume.getConfigMap().getDefaultMode(), fsGroup);
            } else if (volume.getSecret() != null) {
                write(dir, secrets.get(volume.getSecret().getSecretName()), volume.getSecret().getItems(), volume.getSecret().getDefaultMode(), fsGroup);
            } else if (volume.getPersistentVolumeClaim() != null) {
                dir = work.resolve(volume.getPersistentVolumeClaim().getClaimName());
                if (!Files.exists(dir)) {
                    Files.createDirectories(dir);
                    own(dir, 0, fsGroup, "rwxrwxr-x");
                }
            } else {
                throw new IllegalArgumentException("volume " + volume.getName() + ": this kind is not emulated");
            }
            volumes.putIfAbsent(volume.getName(), dir);
        }
        return volumes;
    }

    private static void write(Path dir, Map<String, String> data, List<KeyToPath> items, Integer mode, long fsGroup) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> paths = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            data.keySet().forEach(k -> paths.put(k, k));
        } else {
            items.forEach(i -> paths.put(i.getKey(), i.getPath()));
        }
        for (var entry : paths.entrySet()) {
            Path file = dir.resolve(entry.getValue());
            Files.createDirectories(file.getParent());
            Files.writeString(file, data.get(entry.getKey()), StandardCharsets.UTF_8);
            own(file, 0, fsGroup, permissions(mode == null ? 0644 : mode));
        }
    }

    private static String permissions(int mode) {
        String letters = "rwxrwxrwx";
        StringBuilder out = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            out.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return out.toString();
    }

    private static void own(Path path, long uid, long gid, String permissions) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) uid);
        Files.setAttribute(path, "unix:gid", (int) gid);
        Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
    }

    private static Map<String, String> values(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional.ofNullable(secret.getStringData()).ifPresent(values::putAll);
        Optional.ofNullable(secret.getData()).ifPresent(d -> d.forEach((k, v) -> values.put(k,
                new String(java.util.Base64.getDecoder().decode(v), StandardCharsets.UTF_8))));
        return values;
    }

}
