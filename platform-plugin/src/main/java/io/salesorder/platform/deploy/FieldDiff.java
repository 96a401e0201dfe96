package io.salesorder.platform.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** Numbers and strings compare by their text: the API server turns some of one into the other. */
    private static Object normal(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> || value == null ? value : String.valueOf(value);
    }

    private static String shown(Object value) {
        String text = value instanceof Map<?, ?> || value instanceof List<?> ? io.salesorder.platform.bundle.Yaml.write(value)
                .strip().replace("\n", " ") : String.valueOf(value);
        return text.length() > SHOWN ? text.substring(0, SHOWN - 1) + "…" : text;
    }
}
