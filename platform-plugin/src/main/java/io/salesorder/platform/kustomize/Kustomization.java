package io.salesorder.platform.kustomize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Yaml;

/**
 * One {@code kustomization.yaml}, read strictly: the subset of kustomize's fields the build implements, each with
 * kustomize's meaning. Any other field is refused by name, so that what the build renders and what
 * {@code kubectl kustomize} builds cannot silently differ.
 *
 * @param directory the kustomization's directory; resource and patch paths are relative to it
 * @param resources files (one or more documents each) and directories holding a kustomization, in order
 * @param namespace the namespace set on every namespaced resource
 * @param labels    label sets added to every resource (and, where asked, to the pod templates)
 * @param images    image references rewritten in every container
 * @param patches   strategic-merge or JSON 6902 patches, each on its target or on the resource it names
 */
public record Kustomization(Path directory, List<String> resources, Optional<String> namespace, List<LabelSet> labels,
        List<Image> images, List<Patch> patches) {

    public static final String FILE_NAME = "kustomization.yaml";
    static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images",
            "patches");
    private static final Set<String> LABEL_FIELDS = Set.of("pairs", "includeTemplates", "includeSelectors");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target");

    /**
     * @param pairs            label names and values
     * @param includeTemplates whether pod templates (workloads' {@code spec.template}) get them too
     */
    public record LabelSet(Map<String, String> pairs, boolean includeTemplates) {
    }

    /** kustomize's {@code images} entry: containers whose image is {@code name} (any tag or digest) are rewritten. */
    public record Image(String name, Optional<String> newName, Optional<String> newTag, Optional<String> digest) {
    }

    /**
     * @param origin   where the patch is written, for messages
     * @param document a strategic-merge patch (a partial resource)
     * @param ops      or a JSON 6902 patch (a list of operations)
     * @param target   the resources it applies to; without one, a strategic-merge patch applies to the resource of
     *                 its own kind and name
     * @param entry    the entry as written in {@code patches}
     */
    public record Patch(String origin, Optional<Map<String, Object>> document, Optional<List<Map<String, Object>>> ops,
            Optional<Selector> target, Map<String, Object> entry) {

        /** A JSON 6902 patch the build adds, on the resources {@code target} selects. */
        public static Patch json6902(String origin, Map<String, Object> target, List<Map<String, Object>> ops) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", target);
            try {
                entry.put("patch", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ops));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return patches(Path.of("."), origin, entry).get(0);
        }
    }

    /** Reads {@code directory/kustomization.yaml}. */
    public static Kustomization read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(directory + " holds no " + FILE_NAME);
        }
        List<Map<String, Object>> documents = Yaml.read(file);
        if (documents.size() != 1) {
            throw new BundleException(file + " must hold one document, not " + documents.size());
        }
        return parse(directory, file.toString(), documents.get(0));
    }

    static Kustomization parse(Path directory, String file, Map<String, Object> document) {
        for (String field : document.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new BundleException(file + ": " + field + " is not a field the build reads; it reads kustomize's "
                        + new TreeSet<>(FIELDS) + " (anything else would render differently from kubectl kustomize)");
            }
        }
        Object apiVersion = document.getOrDefault("apiVersion", API_VERSION);
        Object kind = document.getOrDefault("kind", "Kustomization");
        if (!API_VERSION.equals(apiVersion) || !"Kustomization".equals(kind)) {
            throw new BundleException(file + ": must be apiVersion " + API_VERSION + ", kind Kustomization, not "
                    + apiVersion + " " + kind);
        }
        List<String> resources = new ArrayList<>();
        for (Object resource : list(file, document, "resources")) {
            if (!(resource instanceof String path) || path.isBlank()) {
                throw new BundleException(file + ": each of resources must be a path, not " + resource);
            }
            resources.add(path);
        }
        Optional<String> namespace = Optional.ofNullable(document.get("namespace")).map(String::valueOf);
        List<LabelSet> labels = new ArrayList<>();
        for (Map<String, Object> entry : maps(file, document, "labels", LABEL_FIELDS)) {
            if (Boolean.TRUE.equals(entry.get("includeSelectors"))) {
                throw new BundleException(file + ": labels.includeSelectors: true is refused: a selector changed after "
                        + "the first deploy cannot be applied (selectors are immutable)");
            }
            if (!(entry.get("pairs") instanceof Map<?, ?> pairs) || pairs.isEmpty()) {
                throw new BundleException(file + ": each of labels needs pairs");
            }
            Map<String, String> values = new LinkedHashMap<>();
            pairs.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            labels.add(new LabelSet(values, Boolean.TRUE.equals(entry.get("includeTemplates"))));
        }
        List<Image> images = new ArrayList<>();
        for (Map<String, Object> entry : maps(file, document, "images", IMAGE_FIELDS)) {
            Object name = entry.get("name");
            if (name == null) {
                throw new BundleException(file + ": each of images needs name");
            }
            images.add(new Image(name.toString(), text(entry, "newName"), text(entry, "newTag"), text(entry, "digest")));
        }
        List<Patch> patches = new ArrayList<>();
        int index = 0;
        for (Map<String, Object> entry : maps(file, document, "patches", PATCH_FIELDS)) {
            patches.addAll(patches(directory, file + " patches[" + index++ + "]", entry));
        }
        return new Kustomization(directory, List.copyOf(resources), namespace, List.copyOf(labels), List.copyOf(images),
                List.copyOf(patches));
    }

    @SuppressWarnings("unchecked")
    /** The patches of one entry: one JSON 6902 patch, or one strategic-merge patch per document. */
    static List<Patch> patches(Path directory, String origin, Map<String, Object> entry) {
        Optional<Selector> target = entry.get("target") instanceof Map<?, ?> selector
                ? Optional.of(Selector.parse(origin, (Map<String, Object>) selector))
                : Optional.empty();
        if (entry.containsKey("target") && target.isEmpty()) {
            throw new BundleException(origin + ": target must be a map (kind, name, labelSelector, ...)");
        }
        String text;
        String where;
        if (entry.get("path") instanceof String path && !entry.containsKey("patch")) {
            Path file = directory.resolve(path).normalize();
            if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
                throw new BundleException(origin + ": path " + path + " is not a file inside " + directory);
            }
            try {
                text = Files.readString(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            where = file.toString();
        } else if (entry.get("patch") instanceof String inline && !entry.containsKey("path")) {
            text = inline;
            where = origin;
        } else {
            throw new BundleException(origin + ": a patch needs either path or patch (its text), and only one");
        }
        List<Object> documents = new ArrayList<>();
        if (text.strip().startsWith("[")) {
            // kustomize reads a patch that starts with [ as JSON, and only as JSON.
            try {
                documents.add(new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Object.class));
            } catch (java.io.IOException e) {
                throw new BundleException(where + ": a patch that starts with [ is read as JSON (as kustomize reads it), "
                        + "and this is not JSON: write the operations as a YAML block list (- op: ...) or as JSON");
            }
        }
        try {
            Object first = documents.isEmpty() ? Yaml.mapper().readValue(text, Object.class) : documents.remove(0);
            if (first instanceof List<?>) {
                documents.add(first);
            } else {
                documents.addAll(Yaml.read(new java.io.StringReader(text)));
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new BundleException(where + " is not valid YAML: " + e.getMessage(), e);
        }
        if (documents.size() == 1 && documents.get(0) instanceof List<?> ops) {
            if (target.isEmpty()) {
                throw new BundleException(origin + ": a JSON 6902 patch needs a target");
            }
            List<Map<String, Object>> operations = new ArrayList<>();
            for (Object op : ops) {
                if (!(op instanceof Map<?, ?> operation)) {
                    throw new BundleException(where + ": each JSON 6902 operation must be a map with op and path");
                }
                operations.add((Map<String, Object>) operation);
            }
            JsonPatch.validate(where, operations);
            return List.of(new Patch(where, Optional.empty(), Optional.of(operations), target, entry));
        }
        List<Patch> patches = new ArrayList<>();
        for (Object document : documents) {
            if (!(document instanceof Map<?, ?> map)) {
                throw new BundleException(where + ": a patch is partial resources (strategic merge) or one list of "
                        + "JSON 6902 operations");
            }
            Map<String, Object> patch = (Map<String, Object>) map;
            if (target.isEmpty() && (patch.get("kind") == null || !(patch.get("metadata") instanceof Map<?, ?> meta)
                    || meta.get("name") == null)) {
                throw new BundleException(where + ": a strategic-merge patch without target needs kind and metadata.name");
            }
            // The entry is kept once, on the first: the tree writes each entry once.
            patches.add(new Patch(where, Optional.of(patch), Optional.empty(), target, patches.isEmpty() ? entry : null));
        }
        if (patches.isEmpty()) {
            throw new BundleException(where + " holds no patch");
        }
        return patches;
    }

    private static List<?> list(String file, Map<String, Object> document, String field) {
        Object value = document.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new BundleException(file + ": " + field + " must be a list");
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(String file, Map<String, Object> document, String field, Set<String> allowed) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(file, document, field)) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new BundleException(file + ": each of " + field + " must be a map");
            }
            for (Object key : map.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    throw new BundleException(file + ": " + field + "." + key + " is not a field the build reads; "
                            + field + " takes " + new TreeSet<>(allowed));
                }
            }
            maps.add((Map<String, Object>) map);
        }
        return maps;
    }

    private static Optional<String> text(Map<String, Object> map, String key) {
        return Optional.ofNullable(map.get(key)).map(String::valueOf);
    }
}
