package io.salesorder.platform.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The fields that differ between the live object and the one a deploy would leave, one readable line each. */
final class FieldDiff {

    private static final int SHOWN = 72;

    private FieldDiff() {
    }

    /** Adds a line per differing leaf to {@code changes}; values under a Secret's data are masked. */
    static void between(Object before, Object after, boolean secret, List<String> changes) {
        walk("", before, after, secret, changes);
    }

    @SuppressWarnings("unchecked")
    private static void walk(String path, Object before, Object after, boolean secret, List<String> changes) {
        if (before instanceof Map<?, ?> left && after instanceof Map<?, ?> right) {
            TreeSet<String> keys = new TreeSet<>();
            left.keySet().forEach(k -> keys.add(String.valueOf(k)));
            right.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                walk(path.isEmpty() ? key : path + "." + key, ((Map<String, Object>) left).get(key),
                        ((Map<String, Object>) right).get(key), secret, changes);
            }
            return;
        }
        if (before instanceof List<?> left && after instanceof List<?> right) {
            Optional<String> key = mergeKey(path, left, right);
            if (key.isPresent()) {
                Map<String, Object> leftByKey = byKey(left, key.get());
                Map<String, Object> rightByKey = byKey(right, key.get());
                Set<String> keys = new LinkedHashSet<>(leftByKey.keySet());
                keys.addAll(rightByKey.keySet());
                for (String item : keys) {
                    walk(path + "[" + item + "]", leftByKey.get(item), rightByKey.get(item), secret, changes);
                }
                // Server-side apply keeps the applied order, and order can matter (env var references, init containers).
                List<String> leftOrder = new ArrayList<>(leftByKey.keySet());
                List<String> rightOrder = new ArrayList<>(rightByKey.keySet());
                leftOrder.retainAll(rightByKey.keySet());
                rightOrder.retainAll(leftByKey.keySet());
                if (!leftOrder.equals(rightOrder)) {
                    changes.add("~ " + path + " order: " + String.join(", ", leftOrder) + " → " + String.join(", ", rightOrder));
                }
                return;
            }
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                walk(path + "[" + i + "]", i < left.size() ? left.get(i) : null, i < right.size() ? right.get(i) : null,
                        secret, changes);
            }
            return;
        }
        if (Objects.equals(normal(before), normal(after))) {
            return;
        }
        boolean masked = secret && (path.startsWith("data.") || path.startsWith("stringData."));
        if (before == null) {
            changes.add("+ " + path + ": " + (masked ? "(a value)" : shown(after)));
        } else if (after == null) {
            changes.add("- " + path + ": " + (masked ? "(a value)" : shown(before)));
        } else {
            changes.add("~ " + path + ": " + (masked ? "(value changed)" : shown(before) + " → " + shown(after)));
        }
    }

    /**
     * The field that identifies an item of a list that server-side apply merges by key, as Kubernetes declares it:
     * containers, env, volumes and the like by {@code name}, volume mounts by {@code mountPath}, container ports by
     * {@code containerPort}, a Service's ports by {@code port}. A list whose items do not
     * all carry the key is compared by position.
     */
    private static Optional<String> mergeKey(String path, List<?> left, List<?> right) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        field = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        List<String> candidates = switch (field) {
            case "volumeMounts" -> List.of("mountPath");
            case "volumeDevices" -> List.of("devicePath");
            case "ports" -> List.of("containerPort", "port");
            default -> List.of("name");
        };
        for (String candidate : candidates) {
            if (!left.isEmpty() || !right.isEmpty()) {
                boolean all = java.util.stream.Stream.concat(left.stream(), right.stream())
                        .allMatch(item -> item instanceof Map<?, ?> map && map.get(candidate) != null);
                if (all && distinct(left, candidate) && distinct(right, candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean distinct(List<?> items, String key) {
        return byKey(items, key).size() == items.size();
    }

    private static Map<String, Object> byKey(List<?> items, String key) {
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Object item : items) {
            byKey.put(String.valueOf(((Map<?, ?>) item).get(key)), item);
        }
        return byKey;
    }

    /** Numbers and strings compare by their text: the API server turns some of one into the other. */
    private static Object normal(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> || value == null ? value : String.valueOf(value);
    }

    private static String shown(Object value) {
        String text = value instanceof Map<?, ?> || value instanceof List<?> ? io.salesorder.platform.bundle.Yaml.write(value)
                .strip().replaceAll("\\s+", " ") : String.valueOf(value);
        return text.length() > SHOWN ? text.substring(0, SHOWN - 1) + "…" : text;
    }
}
