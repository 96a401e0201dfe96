package io.salesorder.platform.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.Resource;

/**
 * What a deploy applied, recorded as a Kubernetes ApplySet (KEP-3659), as {@code kubectl apply --prune --applyset}
 * records it: a parent ConfigMap labelled with the set's id and annotated with the group-kinds its members have,
 * and the label {@code applyset.kubernetes.io/part-of} on every member. {@code kubectl} sees the same set:
 * {@code kubectl get configmap sales-order-applyset -n sales-order --show-labels}.
 */
public final class ApplySet {

    public static final String PARENT_NAME = "sales-order-applyset";
    public static final String ID_LABEL = "applyset.kubernetes.io/id";
    public static final String PART_OF_LABEL = "applyset.kubernetes.io/part-of";
    public static final String TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
    public static final String GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";

    private ApplySet() {
    }

    /**
     * The set's id: {@code applyset-<base64url(sha256(<name>.<namespace>.<kind>.<group>))>-v1}, of the parent's name,
     * namespace, kind and API group (empty for a ConfigMap), as KEP-3659 defines it.
     */
    public static String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(".", PARENT_NAME, Bundle.NAMESPACE, "ConfigMap", "").getBytes(StandardCharsets.UTF_8));
            return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A member's group-kind as the annotation writes it: {@code Kind} for the core group, else {@code Kind.group}. */
    public static String groupKind(Resource resource) {
        return groupKind(resource.apiVersion(), resource.kind());
    }

    /** The group-kind of an object of {@code apiVersion} and {@code kind}. */
    public static String groupKind(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
    }

    /** The group-kinds a parent says its members have. */
    public static Set<String> groupKinds(ConfigMap parent) {
        Set<String> kinds = new TreeSet<>();
        if (parent != null && parent.getMetadata().getAnnotations() != null) {
            String listed = parent.getMetadata().getAnnotations().getOrDefault(GROUP_KINDS_ANNOTATION, "");
            for (String kind : listed.split(",")) {
                if (!kind.isBlank()) {
                    kinds.add(kind.trim());
                }
            }
        }
        return kinds;
    }

    /** The parent, listing {@code groupKinds}, sorted as kubectl sorts them. */
    public static ConfigMap parent(Collection<String> groupKinds, String version) {
        return new ConfigMapBuilder().withNewMetadata().withName(PARENT_NAME).withNamespace(Bundle.NAMESPACE)
                .withLabels(Map.of(ID_LABEL, id(), Resource.NAME_LABEL, "sales-order", Resource.PART_OF_LABEL, "sales-order-system"))
                .withAnnotations(Map.of(TOOLING_ANNOTATION, "sales-order-platform/v" + version,
                        GROUP_KINDS_ANNOTATION, String.join(",", new TreeSet<>(groupKinds))))
                .endMetadata().build();
    }

    /** Whether a resource takes part in the set: everything but the Namespace, which holds the parent. */
    public static boolean member(Resource resource) {
        return !"Namespace".equals(resource.kind());
    }

    /** The kinds a deploy never deletes unless told to: they hold data or generated credentials. */
    public static final List<String> DATA_KINDS = List.of("PersistentVolumeClaim", "Secret");
}
