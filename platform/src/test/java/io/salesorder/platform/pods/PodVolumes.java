package io.salesorder.platform.pods;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The volumes of one pod as host directories, as the kubelet would lay them out: an emptyDir new and writable by
 * all, ConfigMap and Secret volumes written from the bundle with their modes and the pod's fsGroup, claims as
 * directories that outlive the pod (group-writable by the fsGroup).
 */
public final class PodVolumes {

    private PodVolumes() {
    }

    /** Each volume of {@code spec} by name; {@code claims} gives the directory of a claim by its name. */
    public static Map<String, Path> lay(PodSpec spec, Path pod, Map<String, ConfigMap> configMaps,
            Map<String, Map<String, String>> secrets, java.util.function.Function<String, Path> claims) throws IOException {
        long fsGroup = Optional.ofNullable(spec.getSecurityContext()).map(s -> s.getFsGroup()).orElse(0L);
        Map<String, Path> volumes = new HashMap<>();
        for (Volume volume : Optional.ofNullable(spec.getVolumes()).orElse(List.of())) {
            Path dir = pod.resolve("volume-" + volume.getName());
            if (volume.getEmptyDir() != null) {
                Files.createDirectories(dir);
                own(dir, 0, "rwxrwxrwx");
            } else if (volume.getConfigMap() != null) {
                Map<String, String> data = Optional.ofNullable(configMaps.get(volume.getConfigMap().getName())).map(ConfigMap::getData)
                        .orElseThrow(() -> new IllegalArgumentException("volume " + volume.getName() + ": no ConfigMap " + volume.getConfigMap().getName()));
                write(dir, data, volume.getConfigMap().getItems(), volume.getConfigMap().getDefaultMode(), fsGroup);
            } else if (volume.getSecret() != null) {
                Map<String, String> data = Optional.ofNullable(secrets.get(volume.getSecret().getSecretName()))
                        .orElseThrow(() -> new IllegalArgumentException("volume " + volume.getName() + ": no Secret " + volume.getSecret().getSecretName()));
                write(dir, data, volume.getSecret().getItems(), volume.getSecret().getDefaultMode(), fsGroup);
            } else if (volume.getPersistentVolumeClaim() != null) {
                dir = claim(claims.apply(volume.getPersistentVolumeClaim().getClaimName()), fsGroup);
            } else {
                throw new IllegalArgumentException("volume " + volume.getName() + ": this kind is not emulated");
            }
            volumes.put(volume.getName(), dir);
        }
        return volumes;
    }

    /** A claim's directory, made on first use, group-owned by the pod's fsGroup. */
    public static Path claim(Path dir, long fsGroup) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            own(dir, fsGroup, "rwxrwxr-x");
        }
        return dir;
    }

    /** The values of a Secret, from stringData and (decoded) data. */
    public static Map<String, String> values(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional.ofNullable(secret.getStringData()).ifPresent(values::putAll);
        Optional.ofNullable(secret.getData()).ifPresent(d -> d.forEach((k, v) -> values.put(k,
                new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8))));
        return values;
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
            String value = Optional.ofNullable(data.get(entry.getKey()))
                    .orElseThrow(() -> new IllegalArgumentException("volume item " + entry.getKey() + " is not in its source"));
            Files.writeString(file, value, StandardCharsets.UTF_8);
            own(file, fsGroup, permissions(mode == null ? 0644 : mode));
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

    private static void own(Path path, long gid, String permissions) throws IOException {
        Files.setAttribute(path, "unix:uid", 0);
        Files.setAttribute(path, "unix:gid", (int) gid);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
}
