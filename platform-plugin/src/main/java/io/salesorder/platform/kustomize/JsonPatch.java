package io.salesorder.platform.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Yaml;

/**
 * RFC 6902 JSON patches on a resource: {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy} and
 * {@code test}, with RFC 6901 pointers ({@code ~1} is a slash, {@code ~0} a tilde, {@code -} the end of a list).
 */
public final class JsonPatch {

    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private JsonPatch() {
    }

    static void validate(String origin, List<Map<String, Object>> operations) {
        for (Map<String, Object> operation : operations) {
            Object op = operation.get("op");
            if (!OPS.contains(String.valueOf(op))) {
                throw new BundleException(origin + ": op must be one of " + new java.util.TreeSet<>(OPS) + ", not " + op);
            }
            if (!(operation.get("path") instanceof String path) || !path.startsWith("/")) {
                throw new BundleException(origin + ": " + op + " needs a path starting with /");
            }
            if (Set.of("add", "replace", "test").contains(op) && !operation.containsKey("value")) {
                throw new BundleException(origin + ": " + op + " " + operation.get("path") + " needs a value");
            }
            if (Set.of("move", "copy").contains(op) && !(operation.get("from") instanceof String)) {
                throw new BundleException(origin + ": " + op + " " + operation.get("path") + " needs from");
            }
        }
    }

    /** Applies the operations to {@code document} (changed in place); fails naming the operation that cannot apply. */
    public static void apply(String origin, String resource, Map<String, Object> document, List<Map<String, Object>> operations) {
        for (Map<String, Object> operation : operations) {
            String op = String.valueOf(operation.get("op"));
            String path = String.valueOf(operation.get("path"));
            try {
                switch (op) {
                    case "add" -> add(document, pointer(path), copy(operation.get("value")));
                    case "remove" -> remove(document, pointer(path));
                    case "replace" -> replace(document, pointer(path), copy(operation.get("value")));
                    case "move" -> {
                        Object value = remove(document, pointer(String.valueOf(operation.get("from"))));
                        add(document, pointer(path), value);
                    }
                    case "copy" -> add(document, pointer(path), copy(get(document, pointer(String.valueOf(operation.get("from"))))));
                    default -> {
                        if (!Objects.equals(normal(get(document, pointer(path))), normal(operation.get("value")))) {
                            throw new IllegalStateException("the value differs");
                        }
                    }
                }
            } catch (IllegalStateException e) {
                throw new BundleException(origin + ": " + op + " " + path + " cannot apply to " + resource + ": " + e.getMessage());
            }
        }
    }

    private static List<String> pointer(String path) {
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    @SuppressWarnings("unchecked")
    private static Object parent(Object root, List<String> tokens) {
        Object node = root;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            node = child(node, token);
        }
        return node;
    }

    private static Object get(Object root, List<String> tokens) {
        return child(parent(root, tokens), tokens.get(tokens.size() - 1));
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object node, String token) {
        if (node instanceof Map<?, ?> map) {
            if (!map.containsKey(token)) {
                throw new IllegalStateException("no field " + token);
            }
            return map.get(token);
        }
        if (node instanceof List<?> list) {
            return list.get(index(list, token, false));
        }
        throw new IllegalStateException(token + " is below a value, not a map or list");
    }

    @SuppressWarnings("unchecked")
    private static void add(Object root, List<String> tokens, Object value) {
        Object parent = parent(root, tokens);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list) {
            ((List<Object>) list).add(last.equals("-") ? list.size() : index(list, last, true), value);
        } else {
            throw new IllegalStateException(last + " is below a value, not a map or list");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object remove(Object root, List<String> tokens) {
        Object parent = parent(root, tokens);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            if (!map.containsKey(last)) {
                throw new IllegalStateException("no field " + last);
            }
            return ((Map<String, Object>) map).remove(last);
        }
        if (parent instanceof List<?> list) {
            return ((List<Object>) list).remove(index(list, last, false));
        }
        throw new IllegalStateException(last + " is below a value, not a map or list");
    }

    /** Replaces a value where it is (a map keeps its field order). */
    @SuppressWarnings("unchecked")
    private static void replace(Object root, List<String> tokens, Object value) {
        Object parent = parent(root, tokens);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            if (!map.containsKey(last)) {
                throw new IllegalStateException("no field " + last);
            }
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list) {
            ((List<Object>) list).set(index(list, last, false), value);
        } else {
            throw new IllegalStateException(last + " is below a value, not a map or list");
        }
    }

    private static int index(List<?> list, String token, boolean adding) {
        if (!token.matches("0|[1-9][0-9]*")) {
            throw new IllegalStateException(token + " is not a list index");
        }
        int index = Integer.parseInt(token);
        if (index > list.size() || !adding && index == list.size()) {
            throw new IllegalStateException("index " + index + " is beyond the list's " + list.size() + " items");
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return Yaml.copy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(JsonPatch::copy).toList());
        }
        return value;
    }

    /** Values as YAML reads them, so that 1 and "1" stay different and map order does not count. */
    private static Object normal(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), normal(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonPatch::normal).toList();
        }
        return value;
    }

}
