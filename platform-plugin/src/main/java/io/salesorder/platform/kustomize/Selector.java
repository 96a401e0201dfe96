package io.salesorder.platform.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.salesorder.platform.bundle.BundleException;

/**
 * A patch's {@code target}, as kustomize matches it: group, version, kind, name and namespace are anchored regular
 * expressions; {@code labelSelector} and {@code annotationSelector} are Kubernetes label selectors
 * ({@code a=b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, joined by commas).
 */
public final class Selector {

    private static final Set<String> FIELDS = Set.of("group", "version", "kind", "name", "namespace", "labelSelector",
            "annotationSelector");
    private static final Pattern REQUIREMENT = Pattern.compile(
            "\\s*(!)?\\s*([A-Za-z0-9./_-]+)\\s*(?:(==|=|!=)\\s*([A-Za-z0-9._-]*)|\\s+(in|notin)\\s*\\(([^)]*)\\))?\\s*");

    private final String text;
    private final List<Predicate<Map<String, Object>>> tests = new ArrayList<>();

    private Selector(String text) {
        this.text = text;
    }

    static Selector parse(String origin, Map<String, Object> target) {
        for (String field : target.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new BundleException(origin + ": target." + field + " is not a selector field; target takes "
                        + new TreeSet<>(FIELDS));
            }
        }
        Selector selector = new Selector(target.toString());
        for (String field : List.of("group", "version", "kind", "name", "namespace")) {
            Object value = target.get(field);
            if (value != null) {
                Pattern pattern = regex(origin, field, value.toString());
                selector.tests.add(document -> pattern.matcher(field(document, field)).matches());
            }
        }
        labels(origin, "labelSelector", target.get("labelSelector"), selector, "labels");
        labels(origin, "annotationSelector", target.get("annotationSelector"), selector, "annotations");
        return selector;
    }

    /** Whether the resource is one this target selects. */
    public boolean matches(Map<String, Object> document) {
        return tests.stream().allMatch(test -> test.test(document));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Pattern regex(String origin, String field, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new BundleException(origin + ": target." + field + " is not a regular expression: " + value);
        }
    }

    @SuppressWarnings("unchecked")
    private static String field(Map<String, Object> document, String field) {
        String apiVersion = String.valueOf(document.getOrDefault("apiVersion", ""));
        int slash = apiVersion.indexOf('/');
        Map<String, Object> metadata = (Map<String, Object>) document.getOrDefault("metadata", Map.of());
        return switch (field) {
            case "group" -> slash < 0 ? "" : apiVersion.substring(0, slash);
            case "version" -> apiVersion.substring(slash + 1);
            case "kind" -> String.valueOf(document.get("kind"));
            case "name" -> String.valueOf(metadata.get("name"));
            default -> String.valueOf(metadata.getOrDefault("namespace", ""));
        };
    }

    @SuppressWarnings("unchecked")
    private static void labels(String origin, String field, Object value, Selector selector, String metadataKey) {
        if (value == null) {
            return;
        }
        for (String requirement : splitRequirements(value.toString())) {
            Matcher m = REQUIREMENT.matcher(requirement);
            if (!m.matches() || m.group(1) != null && (m.group(3) != null || m.group(5) != null)) {
                throw new BundleException(origin + ": target." + field + " has a requirement a label selector cannot "
                        + "hold: '" + requirement.strip() + "'");
            }
            String key = m.group(2);
            Predicate<Optional<String>> test;
            if (m.group(3) != null) {
                String expected = m.group(4);
                test = m.group(3).equals("!=") ? v -> v.map(s -> !s.equals(expected)).orElse(true)
                        : v -> v.map(expected::equals).orElse(false);
            } else if (m.group(5) != null) {
                Set<String> values = new TreeSet<>();
                for (String item : m.group(6).split(",")) {
                    values.add(item.strip());
                }
                test = m.group(5).equals("in") ? v -> v.map(values::contains).orElse(false)
                        : v -> v.map(s -> !values.contains(s)).orElse(true);
            } else {
                test = m.group(1) != null ? Optional::isEmpty : Optional::isPresent;
            }
            Predicate<Optional<String>> requirementTest = test;
            selector.tests.add(document -> {
                Map<String, Object> metadata = (Map<String, Object>) document.getOrDefault("metadata", Map.of());
                Map<String, Object> map = (Map<String, Object>) metadata.getOrDefault(metadataKey, Map.of());
                return requirementTest.test(Optional.ofNullable(map.get(key)).map(String::valueOf));
            });
        }
    }

    /** Splits on the commas between requirements, not those inside {@code in (...)}. */
    private static List<String> splitRequirements(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
