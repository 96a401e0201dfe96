package io.salesorder.platform.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where kustomize finds pod templates and containers in a workload, whatever its kind. */
final class PodSpecs {

    private PodSpecs() {
    }

    /** The pod templates' metadata maps' parents: {@code spec.template} or a CronJob's job template and its template. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> templates(Map<String, Object> document) {
        List<Map<String, Object>> templates = new ArrayList<>();
        String kind = String.valueOf(document.get("kind"));
        Map<String, Object> spec = document.get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
        if (spec == null) {
            return templates;
        }
        if (kind.equals("CronJob") && spec.get("jobTemplate") instanceof Map<?, ?> job) {
            templates.add((Map<String, Object>) job);
            if (((Map<String, Object>) job).get("spec") instanceof Map<?, ?> jobSpec
                    && jobSpec.get("template") instanceof Map<?, ?> template) {
                templates.add((Map<String, Object>) template);
            }
        } else if (List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController")
                .contains(kind) && spec.get("template") instanceof Map<?, ?> template) {
            templates.add((Map<String, Object>) template);
        }
        return templates;
    }

    /** Every container and init container of the resource's pod spec or specs. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> document) {
        List<Map<String, Object>> specs = new ArrayList<>();
        if (document.get("spec") instanceof Map<?, ?> spec) {
            specs.add((Map<String, Object>) spec);
        }
        for (Map<String, Object> template : templates(document)) {
            if (template.get("spec") instanceof Map<?, ?> spec) {
                specs.add((Map<String, Object>) spec);
            }
        }
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Map<String, Object> spec : specs) {
            for (String field : List.of("containers", "initContainers")) {
                if (spec.get(field) instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> container) {
                            containers.add((Map<String, Object>) container);
                        }
                    }
                }
            }
        }
        return containers;
    }
}
