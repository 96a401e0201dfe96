package io.salesorder.platform.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/** A bundle as the rules see it: each document typed where Kubernetes has a type for it, with look-ups. */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** A workload and its pod template. */
    public record Workload(String id, HasMetadata resource, PodTemplateSpec template, Integer replicas) {

        public String name() {
            return resource.getMetadata().getName();
        }

        public String kind() {
            return resource.getKind();
        }

        public Map<String, String> podLabels() {
            ObjectMeta metadata = template.getMetadata();
            return metadata == null || metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        }

        /** Whether it is a datastore: labelled {@code app.kubernetes.io/component: datastore}. */
        public boolean datastore() {
            return Resource.datastore(resource.getMetadata().getLabels());
        }

        /** Whether it runs until stopped (probes and disruption budgets make sense), unlike a Job. */
        public boolean longRunning() {
            return !(resource instanceof Job) && !(resource instanceof CronJob);
        }
    }

    private final List<Resource> resources;
    private final Map<Resource, HasMetadata> typed = new LinkedHashMap<>();

    public Manifests(List<Resource> resources) {
        this.resources = resources;
        for (Resource resource : resources) {
            try {
                typed.put(resource, SERIALIZATION.unmarshal(Yaml.write(resource.document())));
            } catch (RuntimeException e) {
                typed.put(resource, null);
            }
        }
    }

    public List<Resource> resources() {
        return resources;
    }

    /** The typed form, or null when the document does not fit its kind's type at all. */
    public HasMetadata typed(Resource resource) {
        return typed.get(resource);
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        typed.values().stream().filter(type::isInstance).map(type::cast).forEach(found::add);
        return found;
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    public Optional<Resource> resource(String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst();
    }

    public List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata resource : typed.values()) {
            String id = resource == null ? null : resource.getKind() + "/" + resource.getMetadata().getName();
            if (resource instanceof Deployment d && d.getSpec() != null) {
                workloads.add(new Workload(id, d, d.getSpec().getTemplate(), d.getSpec().getReplicas()));
            } else if (resource instanceof StatefulSet s && s.getSpec() != null) {
                workloads.add(new Workload(id, s, s.getSpec().getTemplate(), s.getSpec().getReplicas()));
            } else if (resource instanceof ReplicaSet r && r.getSpec() != null) {
                workloads.add(new Workload(id, r, r.getSpec().getTemplate(), r.getSpec().getReplicas()));
            } else if (resource instanceof DaemonSet d && d.getSpec() != null) {
                workloads.add(new Workload(id, d, d.getSpec().getTemplate(), null));
            } else if (resource instanceof Job j && j.getSpec() != null) {
                workloads.add(new Workload(id, j, j.getSpec().getTemplate(), 1));
            } else if (resource instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null) {
                workloads.add(new Workload(id, c, c.getSpec().getJobTemplate().getSpec().getTemplate(), 1));
            }
        }
        workloads.removeIf(w -> w.template() == null || w.template().getSpec() == null);
        return workloads;
    }

    /** The keys of each ConfigMap of the bundle, by name. */
    public Map<String, Set<String>> configMapKeys() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (ConfigMap map : all(ConfigMap.class)) {
            Set<String> names = new java.util.TreeSet<>();
            if (map.getData() != null) {
                names.addAll(map.getData().keySet());
            }
            if (map.getBinaryData() != null) {
                names.addAll(map.getBinaryData().keySet());
            }
            keys.put(map.getMetadata().getName(), names);
        }
        return keys;
    }

    /** The keys of each Secret the bundle defines or an ExternalSecret of it produces, by name. */
    @SuppressWarnings("unchecked")
    public Map<String, Set<String>> secretKeys() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (Secret secret : all(Secret.class)) {
            Set<String> names = new java.util.TreeSet<>();
            if (secret.getData() != null) {
                names.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                names.addAll(secret.getStringData().keySet());
            }
            keys.put(secret.getMetadata().getName(), names);
        }
        for (Resource resource : resources) {
            if (!"ExternalSecret".equals(resource.kind())) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) resource.document().getOrDefault("spec", Map.of());
            Map<String, Object> target = (Map<String, Object>) spec.getOrDefault("target", Map.of());
            String name = String.valueOf(target.getOrDefault("name", resource.name()));
            Map<String, Object> template = (Map<String, Object>) target.getOrDefault("template", Map.of());
            Set<String> names = new java.util.TreeSet<>();
            if (template.get("data") instanceof Map<?, ?> data) {
                data.keySet().forEach(k -> names.add(String.valueOf(k)));
            } else {
                for (Object entry : (List<Object>) spec.getOrDefault("data", List.of())) {
                    names.add(String.valueOf(((Map<String, Object>) entry).get("secretKey")));
                }
            }
            keys.put(name, names);
        }
        return keys;
    }
}
