package io.salesorder.platform.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
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

    /** What a deploy did. */
    public record Outcome(int applied, int created, int kept) {
    }

    private final KubernetesClient client;
    private final Consumer<String> log;

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
            client.resource(typed).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            log.accept("applied  " + resource.id());
            applied++;
        }
        return new Outcome(applied, created, kept);
    }

    private static boolean isGenerated(Resource resource) {
        Object annotations = resource.metadata().get("annotations");
        return "Secret".equals(resource.kind()) && annotations instanceof Map<?, ?> map
                && "true".equals(String.valueOf(map.get(SecretPlan.GENERATED_ANNOTATION)));
    }
}
