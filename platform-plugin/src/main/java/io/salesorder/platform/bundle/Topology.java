package io.salesorder.platform.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The system as a bundle describes it, drawn as a Mermaid flowchart for the review: the edge and its routes, the
 * services with their replica ranges, the datastores with their members and volumes, the Jobs, and an arrow for every
 * flow the NetworkPolicies allow. An arrow is drawn only where the source's egress and the target's ingress both
 * allow it (or no policy restricts that direction), so a broken policy shows as a missing arrow.
 */
public final class Topology {

    /** A workload: its kind, name, pod labels and the text of its box. */
    private record Workload(String kind, String name, Map<String, Object> podLabels, String label) {
    }

    private final List<Resource> resources;

    public Topology(List<Resource> resources) {
        this.resources = resources;
    }

    /** The Mermaid source, without the code fence. */
    public String mermaid() {
        Map<String, Workload> workloads = workloads();
        List<Resource> policies = resources.stream().filter(r -> "NetworkPolicy".equals(r.kind())).toList();
        StringBuilder text = new StringBuilder("flowchart LR\n");
        Map<String, List<String>> routes = routes();
        Set<String> edges = new LinkedHashSet<>();
        for (Workload target : workloads.values()) {
            for (String namespace : ingressNamespaces(target, policies)) {
                edges.add(namespace);
            }
        }
        for (String edge : edges) {
            text.append("    ").append(id("edge-" + edge)).append("([edge · ").append(edge).append("])\n");
        }
        for (Workload workload : workloads.values()) {
            text.append("    ").append(id(workload.name())).append(shape(workload)).append("\n");
        }
        for (Workload target : workloads.values()) {
            for (String edge : ingressNamespaces(target, policies)) {
                List<String> paths = routes.getOrDefault(target.name(), List.of());
                text.append("    ").append(id("edge-" + edge))
                        .append(paths.isEmpty() ? " --> " : " -- \"" + String.join(" ", paths) + "\" --> ")
                        .append(id(target.name())).append("\n");
            }
        }
        for (Workload source : workloads.values()) {
            for (Workload target : workloads.values()) {
                if (source != target && allowed(source, target, policies)) {
                    text.append("    ").append(id(source.name())).append(" --> ").append(id(target.name())).append("\n");
                }
            }
        }
        return text.toString();
    }

    private Map<String, Workload> workloads() {
        Map<String, Integer[]> autoscaled = new TreeMap<>();
        for (Resource resource : resources) {
            if ("HorizontalPodAutoscaler".equals(resource.kind())) {
                Map<String, Object> spec = child(resource.document(), "spec");
                Object target = child(spec, "scaleTargetRef").get("name");
                autoscaled.put(String.valueOf(target), new Integer[] { number(spec.get("minReplicas"), 1),
                        number(spec.get("maxReplicas"), 1) });
            }
        }
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (Resource resource : resources) {
            Map<String, Object> template = resource.podTemplate();
            if (template == null) {
                continue;
            }
            Map<String, Object> spec = child(resource.document(), "spec");
            String label = switch (resource.kind()) {
                case "Deployment" -> {
                    Integer[] range = autoscaled.get(resource.name());
                    int replicas = number(spec.get("replicas"), 1);
                    yield resource.name() + "<br/>" + (range != null ? "autoscaled " + range[0] + "–" + range[1]
                            : replicas + (replicas == 1 ? " pod" : " pods")) + claims(template);
                }
                case "StatefulSet" -> resource.name() + "<br/>StatefulSet of " + number(spec.get("replicas"), 1)
                        + volumes(spec) + claims(template);
                case "Job" -> "Job: " + resource.name();
                default -> resource.name() + "<br/>" + resource.kind() + " of " + number(spec.get("replicas"), 1);
            };
            workloads.put(resource.name(), new Workload(resource.kind(), resource.name(),
                    child(child(template, "metadata"), "labels"), label));
        }
        return workloads;
    }

    /** The PersistentVolumeClaims of the bundle a pod template mounts by name, with their sizes. */
    @SuppressWarnings("unchecked")
    private String claims(Map<String, Object> template) {
        List<String> claims = new ArrayList<>();
        for (Object volume : (List<Object>) child(template, "spec").getOrDefault("volumes", List.of())) {
            Object claimName = child((Map<String, Object>) volume, "persistentVolumeClaim").get("claimName");
            if (claimName == null) {
                continue;
            }
            Object size = resources.stream()
                    .filter(r -> "PersistentVolumeClaim".equals(r.kind()) && r.name().equals(claimName))
                    .map(r -> child(child(child(r.document(), "spec"), "resources"), "requests").get("storage"))
                    .findFirst().orElse(null);
            claims.add("PVC " + claimName + (size == null ? "" : " " + size));
        }
        return claims.isEmpty() ? "" : " · " + String.join(", ", claims);
    }

    @SuppressWarnings("unchecked")
    private static String volumes(Map<String, Object> statefulSetSpec) {
        List<String> claims = new ArrayList<>();
        for (Object claim : (List<Object>) statefulSetSpec.getOrDefault("volumeClaimTemplates", List.of())) {
            Map<String, Object> claimSpec = child((Map<String, Object>) claim, "spec");
            Object size = child(child(claimSpec, "resources"), "requests").get("storage");
            claims.add(size == null ? "PVC" : "PVC " + size);
        }
        return claims.isEmpty() ? "" : " · " + String.join(", ", claims) + " each";
    }

    private static String shape(Workload workload) {
        String label = "\"" + workload.label().replace("\"", "'") + "\"";
        return switch (workload.kind()) {
            case "StatefulSet" -> "[(" + label + ")]";
            case "Job", "CronJob" -> "[[" + label + "]]";
            default -> "[" + label + "]";
        };
    }

    /** Ingress paths and HTTPRoute prefixes by the service (and so the workload of the same name) they route to. */
    private Map<String, List<String>> routes() {
        Map<String, List<String>> routes = new TreeMap<>();
        for (EdgeRoutes.Backend backend : new EdgeRoutes(resources).backends()) {
            // ingress-nginx's /prefix(/|$)(.*) is shown as the prefix it stands for.
            String shown = backend.path().replaceFirst("\\(.*$", "");
            List<String> paths = routes.computeIfAbsent(backend.service(), s -> new ArrayList<>());
            if (!paths.contains(shown)) {
                paths.add(shown);
            }
        }
        return routes;
    }

    /**
     * The edges allowed in to {@code target}: namespaces outside the system (an ingress controller's, a shared
     * Gateway's), and the data plane of the bundle's own Gateway, by the label its pods carry.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> ingressNamespaces(Workload target, List<Resource> policies) {
        Set<String> namespaces = new LinkedHashSet<>();
        for (Resource policy : policies) {
            Map<String, Object> spec = child(policy.document(), "spec");
            if (!selects(spec, target) || !types(spec).contains("Ingress")) {
                continue;
            }
            for (Object rule : (List<Object>) spec.getOrDefault("ingress", List.of())) {
                for (Object peer : (List<Object>) ((Map<String, Object>) rule).getOrDefault("from", List.of())) {
                    Map<String, Object> from = (Map<String, Object>) peer;
                    Object name = child(child(from, "namespaceSelector"), "matchLabels").get("kubernetes.io/metadata.name");
                    Object gateway = child(child(from, "podSelector"), "matchLabels").get(Edge.GATEWAY_NAME_LABEL);
                    if (name != null && !from.containsKey("podSelector")) {
                        namespaces.add(name.toString());
                    } else if (gateway != null && !from.containsKey("namespaceSelector")) {
                        namespaces.add("Gateway " + gateway);
                    }
                }
            }
        }
        return namespaces;
    }

    /** Whether the policies let {@code source}'s pods open connections to {@code target}'s. */
    private static boolean allowed(Workload source, Workload target, List<Resource> policies) {
        return direction(source, target, policies, "Egress", "egress", "to")
                && direction(target, source, policies, "Ingress", "ingress", "from");
    }

    /**
     * Whether the policies selecting {@code subject} in {@code type} allow {@code peer}: true when none restricts
     * that direction, else when a rule names a pod selector of this namespace that matches the peer.
     */
    @SuppressWarnings("unchecked")
    private static boolean direction(Workload subject, Workload peer, List<Resource> policies, String type,
            String rulesField, String peersField) {
        boolean restricted = false;
        for (Resource policy : policies) {
            Map<String, Object> spec = child(policy.document(), "spec");
            if (!selects(spec, subject) || !types(spec).contains(type)) {
                continue;
            }
            restricted = true;
            for (Object rule : (List<Object>) spec.getOrDefault(rulesField, List.of())) {
                Object peers = ((Map<String, Object>) rule).get(peersField);
                if (peers == null) {
                    return true;
                }
                for (Object item : (List<Object>) peers) {
                    Map<String, Object> selector = (Map<String, Object>) item;
                    if (!selector.containsKey("namespaceSelector") && selector.containsKey("podSelector")
                            && matches(child(selector, "podSelector"), peer.podLabels())) {
                        return true;
                    }
                }
            }
        }
        return !restricted;
    }

    private static boolean selects(Map<String, Object> policySpec, Workload workload) {
        return matches(child(policySpec, "podSelector"), workload.podLabels());
    }

    /** A label selector of match labels only; one with expressions is not drawn from. */
    private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        if (selector.containsKey("matchExpressions")) {
            return false;
        }
        Map<String, Object> wanted = child(selector, "matchLabels");
        return wanted.entrySet().stream()
                .allMatch(label -> String.valueOf(label.getValue()).equals(String.valueOf(labels.get(label.getKey()))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> types(Map<String, Object> policySpec) {
        Object types = policySpec.get("policyTypes");
        if (types instanceof List<?> list) {
            return (List<String>) list;
        }
        // Without policyTypes, a policy restricts ingress, and egress only if it has egress rules.
        return policySpec.containsKey("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    /** The map at {@code key}, or an empty one; never changes the document. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static int number(Object value, int otherwise) {
        return value instanceof Number number ? number.intValue() : otherwise;
    }

    private static String id(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
