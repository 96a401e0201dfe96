package io.salesorder.platform.kustomize;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.salesorder.platform.bundle.Resource;

/** kustomize's {@code namespace}: every namespaced resource is put in the namespace; cluster-scoped ones are not. */
final class NamespaceTransformer {

    /** The cluster-scoped kinds a bundle may hold. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass",
            "GatewayClass", "ClusterSecretStore", "ClusterExternalSecret", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "APIService", "RuntimeClass", "CSIDriver");

    private NamespaceTransformer() {
    }

    static void apply(String namespace, List<Resource> resources) {
        for (Resource resource : resources) {
            if (!CLUSTER_SCOPED.contains(resource.kind())) {
                Map<String, Object> metadata = resource.metadata();
                metadata.put("namespace", namespace);
            }
        }
    }
}
