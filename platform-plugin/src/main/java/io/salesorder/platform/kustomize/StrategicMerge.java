package io.salesorder.platform.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.salesorder.platform.bundle.BundleException;

/**
 * A strategic-merge patch as Kubernetes (and so kustomize) applies it. Maps merge key by key and {@code null}
 * removes a key. A list of a built-in kind merges item by item on the key Kubernetes declares for it (containers,
 * env, volumes on {@code name}; volumeMounts on {@code mountPath}; a container's ports on {@code containerPort}, a
 * Service's on {@code port}; ...): the patch's items come first, in the patch's order, then the items it did not
 * name. Every other list (and every list of a custom resource, whose schema kustomize does not know) is replaced.
 * {@code $patch: delete} removes a map or a keyed item, {@code $patch: replace} replaces a map.
 */
public final class StrategicMerge {

    /** The API groups whose types kustomize knows; custom resources' lists are replaced. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
            "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io");

    /** Merge keys by field name, as the Kubernetes API types declare them ({@code patchMergeKey}). */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("env", "name"), Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"), Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("resourceClaims", "name"),
            Map.entry("conditions", "type"), Map.entry("ports", "containerPort"));
    private static final String DIRECTIVE = "$patch";

    private StrategicMerge() {
    }

    /** Applies {@code patch} to {@code target} (changed in place). */
    public static void apply(String origin, Map<String, Object> target, Map<String, Object> patch) {
        String apiVersion = String.valueOf(target.getOrDefault("apiVersion", ""));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        boolean builtIn = BUILT_IN_GROUPS.contains(group);
        Map<String, Object> body = new LinkedHashMap<>(patch);
        // The patch names its target; its identity is not merged into it.
        body.remove("apiVersion");
        body.remove("kind");
        if (body.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> rest = new LinkedHashMap<>(cast(metadata));
            rest.remove("name");
            rest.remove("namespace");
            body.put("metadata", rest);
        }
        mergeMap(origin, target, body, builtIn, String.valueOf(target.get("kind")), "");
    }

    private static void mergeMap(String origin, Map<String, Object> target, Map<String, Object> patch, boolean builtIn,
            String kind, String path) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                if (!key.equals(DIRECTIVE)) {
                    throw new BundleException(origin + ": " + path + key + " is a directive the build does not apply "
                            + "(it applies $patch: delete and $patch: replace)");
                }
                continue;
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap) {
                Object directive = patchMap.get(DIRECTIVE);
                if ("delete".equals(directive)) {
                    target.remove(key);
                } else if ("replace".equals(directive) || !(current instanceof Map<?, ?>)) {
                    // A new map, or one the patch replaces: its own nulls and directives still apply.
                    Map<String, Object> fresh = new LinkedHashMap<>();
                    mergeMap(origin, fresh, cast(patchMap), builtIn, kind, path + key + ".");
                    target.put(key, fresh);
                } else {
                    mergeMap(origin, cast(current), cast(patchMap), builtIn, kind, path + key + ".");
                }
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList && builtIn
                    && mergeKey(kind, path, key) != null) {
                target.put(key, mergeList(origin, currentList, patchList, mergeKey(kind, path, key), builtIn, kind,
                        path + key + "."));
            } else {
                target.put(key, withoutDirectives(value));
            }
        }
    }

    private static String mergeKey(String kind, String path, String field) {
        if (field.equals("ports") && kind.equals("Service") && path.equals("spec.")) {
            return "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static List<Object> mergeList(String origin, List<?> current, List<?> patch, String key, boolean builtIn,
            String kind, String path) {
        List<Object> remaining = new ArrayList<>(current);
        List<Object> merged = new ArrayList<>();
        for (Object item : patch) {
            if (!(item instanceof Map<?, ?> patchItem) || patchItem.get(key) == null) {
                throw new BundleException(origin + ": each item of " + path.substring(0, path.length() - 1)
                        + " merges on " + key + ", and an item has none");
            }
            Map<String, Object> existing = null;
            for (Object candidate : remaining) {
                if (candidate instanceof Map<?, ?> map && Objects.equals(String.valueOf(map.get(key)),
                        String.valueOf(patchItem.get(key)))) {
                    existing = cast(map);
                    break;
                }
            }
            if (existing != null) {
                remaining.remove(existing);
            }
            if ("delete".equals(patchItem.get(DIRECTIVE))) {
                continue;
            }
            Map<String, Object> result = existing == null ? new LinkedHashMap<>() : existing;
            mergeMap(origin, result, cast(patchItem), builtIn, kind, path);
            merged.add(result);
        }
        merged.addAll(remaining);
        return merged;
    }

    private static Object withoutDirectives(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!DIRECTIVE.equals(k)) {
                    copy.put(String.valueOf(k), withoutDirectives(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(StrategicMerge::withoutDirectives).toList());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
