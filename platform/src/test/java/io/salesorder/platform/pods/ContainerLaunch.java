package io.salesorder.platform.pods;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * What running one container of a pod means, read from the pod spec alone: the command (empty: the image's
 * entrypoint), the environment with
 * every reference resolved (values, ConfigMap and Secret keys, envFrom, resource fields), the mounts at the
 * manifest's paths, the user and group, whether the root filesystem is read-only, and the limits. A runner (Linux namespaces,
 * podman) turns it into a process; nothing here knows which.
 */
public record ContainerLaunch(String container, String image, List<String> command, Map<String, String> env,
        List<Mount> mounts, long uid, long gid, List<Long> groups, boolean readOnlyRoot, Limits limits) {

    /** The container's memory (bytes) and CPU (cores) limits; 0 where it sets none. */
    public record Limits(long memoryBytes, double cpus) {
    }

    /** The same launch with more environment, for a stand-in that needs it (each use says why). */
    public ContainerLaunch withEnv(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(more);
        return new ContainerLaunch(container, image, command, all, mounts, uid, gid, groups, readOnlyRoot, limits);
    }

    /** A directory or file of the host at a path of the container. */
    public record Mount(Path source, String target, boolean readOnly) {
    }

    /** What a pod's container reads but the pod spec only names. */
    public interface PodContext {
        Map<String, String> configMap(String name);

        Map<String, String> secret(String name);

        /** The host directory that backs a volume of the pod (emptyDir, claim, or a rendered ConfigMap/Secret). */
        Path volume(String name);

        /** The environment the image sets (PATH and the like), before the manifest's. */
        Map<String, String> imageEnv(String image);

        /** A pod of a rendered bundle: its ConfigMaps and Secrets by name, the host directories of its volumes. */
        static PodContext of(Map<String, io.fabric8.kubernetes.api.model.ConfigMap> configMaps, Map<String, Map<String, String>> secrets,
                Map<String, Path> volumes, Map<String, String> imageEnv) {
            return new PodContext() {
                public Map<String, String> configMap(String name) {
                    return Optional.ofNullable(configMaps.get(name)).map(io.fabric8.kubernetes.api.model.ConfigMap::getData)
                            .orElseThrow(() -> new IllegalArgumentException("no ConfigMap " + name));
                }

                public Map<String, String> secret(String name) {
                    return Optional.ofNullable(secrets.get(name)).orElseThrow(() -> new IllegalArgumentException("no Secret " + name));
                }

                public Path volume(String name) {
                    return Optional.ofNullable(volumes.get(name)).orElseThrow(() -> new IllegalArgumentException("no volume " + name));
                }

                public Map<String, String> imageEnv(String image) {
                    return imageEnv;
                }
            };
        }
    }

    public static ContainerLaunch of(PodSpec pod, String containerName, PodContext context) {
        Container container = find(pod, containerName);
        List<String> command = new ArrayList<>();
        Optional.ofNullable(container.getCommand()).ifPresent(command::addAll);
        Optional.ofNullable(container.getArgs()).ifPresent(command::addAll);
        Map<String, String> env = new LinkedHashMap<>(context.imageEnv(container.getImage()));
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                env.putAll(context.configMap(from.getConfigMapRef().getName()));
            }
            if (from.getSecretRef() != null) {
                env.putAll(context.secret(from.getSecretRef().getName()));
            }
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            env.put(variable.getName(), value(variable, container, context));
        }
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
            Path source = context.volume(mount.getName());
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                source = source.resolve(mount.getSubPath());
            }
            mounts.add(new Mount(source, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly())));
        }
        PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
        SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
        long uid = first(security.getRunAsUser(), podSecurity.getRunAsUser(), 0L);
        long gid = first(security.getRunAsGroup(), podSecurity.getRunAsGroup(), 0L);
        List<Long> groups = new ArrayList<>();
        Optional.ofNullable(podSecurity.getFsGroup()).ifPresent(groups::add);
        Optional.ofNullable(podSecurity.getSupplementalGroups()).ifPresent(groups::addAll);
        Map<String, Quantity> limits = Optional.ofNullable(container.getResources()).map(r -> r.getLimits()).orElse(Map.of());
        Limits limit = new Limits(
                Optional.ofNullable(limits.get("memory")).map(q -> Quantity.getAmountInBytes(q).longValue()).orElse(0L),
                Optional.ofNullable(limits.get("cpu")).map(q -> Quantity.getAmountInBytes(q).doubleValue()).orElse(0.0));
        return new ContainerLaunch(containerName, container.getImage(), List.copyOf(command), env, List.copyOf(mounts), uid, gid,
                List.copyOf(groups), Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()), limit);
    }

    /** The limit of a resource field as the downward API hands it over: the quantity divided by the divisor, rounded up. */
    static String resourceField(ResourceFieldSelector field, Container container) {
        String[] parts = field.getResource().split("\\.", 2);
        Map<String, Quantity> values = parts[0].equals("limits") ? container.getResources().getLimits()
                : container.getResources().getRequests();
        Quantity quantity = values == null ? null : values.get(parts[1]);
        if (quantity == null) {
            throw new IllegalArgumentException("container " + container.getName() + " reads " + field.getResource() + ", which it does not set");
        }
        java.math.BigDecimal divisor = field.getDivisor() == null ? java.math.BigDecimal.ONE : Quantity.getAmountInBytes(field.getDivisor());
        return Quantity.getAmountInBytes(quantity).divide(divisor, 0, java.math.RoundingMode.CEILING).toPlainString();
    }

    private static String value(EnvVar variable, Container container, PodContext context) {
        if (variable.getValueFrom() == null) {
            return Optional.ofNullable(variable.getValue()).orElse("");
        }
        var from = variable.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            return required(context.secret(from.getSecretKeyRef().getName()), from.getSecretKeyRef().getKey(),
                    "Secret " + from.getSecretKeyRef().getName());
        }
        if (from.getConfigMapKeyRef() != null) {
            return required(context.configMap(from.getConfigMapKeyRef().getName()), from.getConfigMapKeyRef().getKey(),
                    "ConfigMap " + from.getConfigMapKeyRef().getName());
        }
        if (from.getResourceFieldRef() != null) {
            return resourceField(from.getResourceFieldRef(), container);
        }
        throw new IllegalArgumentException("env " + variable.getName() + " of " + container.getName() + ": this kind of reference is not emulated");
    }

    private static String required(Map<String, String> data, String key, String source) {
        String value = data.get(key);
        if (value == null) {
            throw new IllegalArgumentException(source + " has no key " + key);
        }
        return value;
    }

    private static Container find(PodSpec pod, String name) {
        return java.util.stream.Stream.concat(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(), pod.getContainers().stream())
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the pod has no container " + name));
    }

    private static long first(Long container, Long pod, long fallback) {
        return container != null ? container : pod != null ? pod : fallback;
    }
}
