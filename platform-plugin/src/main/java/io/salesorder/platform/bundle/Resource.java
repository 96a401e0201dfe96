package io.salesorder.platform.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes document as plain YAML data, so that any kind (CRDs included) can be assembled and patched;
 * the rules read it into the typed model where one exists.
 */
public final class Resource {

    public static final String NAME_LABEL = "app.kubernetes.io/name";
    /** {@code datastore} on every resource of a datastore: how the platform tells datastores from services. */
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    /** Whether labels mark a datastore's resource ({@code app.kubernetes.io/component: datastore}). */
    public static boolean datastore(Map<String, ?> labels) {
        return labels != null && "datastore".equals(String.valueOf(labels.get(COMPONENT_LABEL)));
    }
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String VERSION_LABEL = "app.kubernetes.io/version";

    private final Map<String, Object> document;
    private final String origin;

    public Resource(Map<String, Object> document, String origin) {
        this.document = Objects.requireNonNull(document);
        this.origin = origin;
    }

    public Map<String, Object> document() {
        return document;
    }

    /** Where the document came from (a file, or what generated it), for messages. */
    public String origin() {
        return origin;
    }

    public String apiVersion() {
        return (String) document.get("apiVersion");
    }

    public String kind() {
        return (String) document.get("kind");
    }

    public String name() {
        return (String) metadata().get("name");
    }

    public String namespace() {
        return (String) metadata().get("namespace");
    }

    /** {@code Kind/name}, how messages and summaries name a resource. */
    public String id() {
        return kind() + "/" + name();
    }

    public Map<String, Object> metadata() {
        return map(document, "metadata");
    }

    public Map<String, Object> labels() {
        return map(metadata(), "labels");
    }

    /** The {@code app.kubernetes.io/name} label: which service or datastore the resource belongs to. */
    public String owner() {
        Object owner = labels().get(NAME_LABEL);
        return owner == null ? null : owner.toString();
    }

    /** The pod template of a workload, or null for other kinds. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> podTemplate() {
        Map<String, Object> spec = (Map<String, Object>) document.get("spec");
        if (spec == null) {
            return null;
        }
        if ("CronJob".equals(kind())) {
            Map<String, Object> jobTemplate = (Map<String, Object>) spec.get("jobTemplate");
            spec = jobTemplate == null ? null : (Map<String, Object>) jobTemplate.get("spec");
        }
        return spec == null ? null : (Map<String, Object>) spec.get("template");
    }

    /** Every container and init container of a workload's pod template. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> containers() {
        Map<String, Object> template = podTemplate();
        List<Map<String, Object>> containers = new ArrayList<>();
        if (template == null || template.get("spec") == null) {
            return containers;
        }
        Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
        for (String field : List.of("initContainers", "containers")) {
            Object list = podSpec.get(field);
            if (list instanceof List<?> items) {
                items.forEach(item -> containers.add((Map<String, Object>) item));
            }
        }
        return containers;
    }

    /** The map at {@code key} of {@code parent}, created when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    @Override
    public String toString() {
        return id() + " (" + origin + ")";
    }

    /**
     * Puts every label map ({@code labels}, {@code matchLabels}) in name order. quarkus-kubernetes writes a service's
     * labels in an order that changes from one build to the next; sorted, two builds of one commit render the same
     * bundle.
     */
    @SuppressWarnings("unchecked")
    public static void sortLabels(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> fields = (Map<String, Object>) map;
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if ((field.getKey().equals("labels") || field.getKey().equals("matchLabels"))
                        && field.getValue() instanceof Map<?, ?> labels) {
                    field.setValue(new java.util.LinkedHashMap<>(new java.util.TreeMap<>((Map<String, Object>) labels)));
                } else {
                    sortLabels(field.getValue());
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(Resource::sortLabels);
        }
    }
}
