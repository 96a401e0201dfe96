package io.salesorder.platform.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.salesorder.platform.bundle.Bundle;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.SecretPlan;
import io.salesorder.platform.bundle.Yaml;

/**
 * Applies a bundle to a cluster with server-side apply, in the bundle's order. Nothing is ever deleted, and
 * applying the same bundle twice changes nothing. Generated Secrets are created only when absent: their
 * values were made for this render, and replacing them would lock the services out of their datastores.
 */
public final class ClusterDeployer {

    public static final String FIELD_MANAGER = "sales-order-platform";

    /**
     * What a deploy did: resources applied because they differed from the cluster's, resources already as the
     * bundle has them, generated Secrets created, generated Secrets kept.
     */
    public record Outcome(int applied, int unchanged, int created, int kept) {
    }

    private final KubernetesClient client;
    private final Consumer<String> log;
    private boolean serverSideApply = true;

    public ClusterDeployer(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** The data of the Secrets that already exist in the namespace, decoded, by Secret name. */
    public Map<String, Map<String, String>> existingSecrets() {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Secret secret : client.secrets().inNamespace(Bundle.NAMESPACE).list().getItems()) {
            Map<String, String> data = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((key, value) ->
                        data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                data.putAll(secret.getStringData());
            }
            secrets.put(secret.getMetadata().getName(), data);
        }
        return secrets;
    }

    public Outcome deploy(Bundle bundle) {
        int applied = 0;
        int unchanged = 0;
        int created = 0;
        int kept = 0;
        for (Resource resource : bundle.resources()) {
            HasMetadata typed = client.getKubernetesSerialization().unmarshal(Yaml.write(resource.document()));
            if (isGenerated(resource)) {
                if (client.resource(typed).get() != null) {
                    log.accept("kept     " + resource.id() + " (generated values exist; never overwritten)");
                    kept++;
                    continue;
                }
                client.resource(typed).create();
                log.accept("created  " + resource.id());
                created++;
                continue;
            }
            HasMetadata live = client.resource(typed).get();
            if (live != null && contains(asMap(live), asMap(typed))) {
                log.accept("unchanged " + resource.id());
                unchanged++;
                continue;
            }
            apply(typed);
            log.accept("applied  " + resource.id());
            applied++;
        }
        return new Outcome(applied, unchanged, created, kept);
    }

    private void apply(HasMetadata resource) {
        if (!serverSideApply) {
            mergePatchOrCreate(resource);
            return;
        }
        try {
            client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 && resource instanceof Job) {
                replace(resource, e);
                return;
            }
            if (e.getCode() != 404 && e.getCode() != 415) {
                throw e;
            }
            // An API server without server-side apply (an old one, or a test double) is given merge patches, which
            // likewise leave alone every field the bundle does not set (an autoscaler's replica count, say).
            log.accept("The API server does not support server-side apply (HTTP " + e.getCode()
                    + "): merge patches from now on");
            serverSideApply = false;
            mergePatchOrCreate(resource);
        }
    }

    /**
     * A Job's pod template cannot change; a new one (a new image, say) replaces the old Job, which has done its
     * work: the init Job is idempotent and runs again.
     */
    private void replace(HasMetadata job, KubernetesClientException refusal) {
        log.accept("replacing " + job.getKind() + "/" + job.getMetadata().getName() + " (the API server refused the change: "
                + refusal.getStatus().getMessage() + ")");
        client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        for (int second = 0; second < 60 && client.resource(job).get() != null; second++) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + job.getMetadata().getName() + " was being removed", e);
            }
        }
        client.resource(job).create();
    }

    private void mergePatchOrCreate(HasMetadata resource) {
        if (client.resource(resource).get() == null) {
            client.resource(resource).create();
        } else {
            client.resource(resource).patch(PatchContext.of(PatchType.JSON_MERGE), resource);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(HasMetadata resource) {
        return client.getKubernetesSerialization().convertValue(resource, Map.class);
    }

    /** Whether {@code live} holds every field of {@code desired} with the same value (it may hold more). */
    @SuppressWarnings("unchecked")
    static boolean contains(Object live, Object desired) {
        if (desired instanceof Map<?, ?> wanted) {
            if (!(live instanceof Map<?, ?> actual)) {
                return false;
            }
            for (Map.Entry<?, ?> entry : wanted.entrySet()) {
                if (!contains(actual.get(entry.getKey()), entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired instanceof java.util.List<?> wanted) {
            if (!(live instanceof java.util.List<?> actual) || actual.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!contains(actual.get(i), wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(String.valueOf(desired), String.valueOf(live));
    }

    private static boolean isGenerated(Resource resource) {
        Object annotations = resource.metadata().get("annotations");
        return "Secret".equals(resource.kind()) && annotations instanceof Map<?, ?> map
                && "true".equals(String.valueOf(map.get(SecretPlan.GENERATED_ANNOTATION)));
    }
}
