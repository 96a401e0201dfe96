package io.salesorder.platform.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Overlay patches, with the semantics of a Kubernetes strategic merge for the cases overlays need: maps merge
 * key by key, lists of named items (containers, env, volumes, ports) merge item by item on {@code name}, other
 * lists and scalars are replaced, and a {@code null} value removes the key.
 */
public final class Merge {

    private Merge() {
    }

    @SuppressWarnings("unchecked")
    public static void into(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
                into((Map<String, Object>) currentMap, (Map<String, Object>) patchMap);
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList
                    && isNamedList(patchList) && isNamedList(currentList)) {
                target.put(key, mergeNamed((List<Map<String, Object>>) currentList, (List<Map<String, Object>>) patchList));
            } else {
                target.put(key, value);
            }
        }
    }

    private static boolean isNamedList(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") != null);
    }

    private static List<Map<String, Object>> mergeNamed(List<Map<String, Object>> current, List<Map<String, Object>> patch) {
        List<Map<String, Object>> merged = new ArrayList<>(current);
        for (Map<String, Object> item : patch) {
            Map<String, Object> existing = merged.stream()
                    .filter(candidate -> Objects.equals(candidate.get("name"), item.get("name")))
                    .findFirst().orElse(null);
            if (existing == null) {
                merged.add(item);
            } else {
                into(existing, item);
            }
        }
        return merged;
    }
}
