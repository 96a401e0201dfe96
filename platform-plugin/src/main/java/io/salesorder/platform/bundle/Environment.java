package io.salesorder.platform.bundle;

import java.util.List;
import java.util.Map;

/**
 * What sets one environment apart, read from the first document of {@code environments/<name>.yml} (kind
 * {@code Environment}); the documents after it are patches merged into the base resources.
 *
 * @param name          dev, staging or prod
 * @param imageRegistry the registry the service images are pulled from
 * @param edge          how clients reach the services: Gateway API, an Ingress, or both
 * @param secrets       where credentials come from
 * @param patches       partial resources merged into the base ones with the same kind and name
 */
public record Environment(String name, String imageRegistry, Edge edge, SecretSource secrets,
        List<Map<String, Object>> patches) {

    /** Generated random values, or an External Secrets Operator store. */
    public enum Store {
        GENERATED, VAULT, AWS_SSM
    }

    /**
     * @param store    where the values live
     * @param prefix   the path of this environment's values in the store
     * @param settings the store's connection settings (Vault server and role, or AWS region and role)
     */
    public record SecretSource(Store store, String prefix, Map<String, String> settings) {

        public String setting(String key) {
            String value = settings.get(key);
            if (value == null || value.isBlank()) {
                throw new BundleException("The " + store.name().toLowerCase().replace('_', '-')
                        + " secret store needs secrets." + key);
            }
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    static Environment parse(String file, List<Map<String, Object>> documents) {
        if (documents.isEmpty() || !"Environment".equals(documents.get(0).get("kind"))) {
            throw new BundleException(file + " must start with a document of kind Environment");
        }
        Map<String, Object> spec = documents.get(0);
        String name = required(file, spec, "name");
        if (spec.containsKey("ingress")) {
            throw new BundleException(file + ": the ingress section is now edge (with kind: gateway, ingress or both)");
        }
        Object edge = spec.get("edge");
        if (!(edge instanceof Map<?, ?>)) {
            throw new BundleException(file + ": the Environment document needs edge (with at least host)");
        }
        Map<String, Object> secrets = (Map<String, Object>) spec.getOrDefault("secrets", Map.of());
        String storeName = String.valueOf(secrets.getOrDefault("store", "generated"));
        Store store = switch (storeName) {
            case "generated" -> Store.GENERATED;
            case "vault" -> Store.VAULT;
            case "aws-ssm" -> Store.AWS_SSM;
            default -> throw new BundleException(file + ": secrets.store must be generated, vault or aws-ssm, not " + storeName);
        };
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        secrets.forEach((key, value) -> {
            if (!key.equals("store") && !key.equals("prefix")) {
                settings.put(key, String.valueOf(value));
            }
        });
        String prefix = String.valueOf(secrets.getOrDefault("prefix", "sales-order/" + name));
        return new Environment(name, required(file, spec, "imageRegistry"), Edge.parse(file, (Map<String, Object>) edge),
                new SecretSource(store, prefix, settings), documents.subList(1, documents.size()));
    }

    private static String required(String file, Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new BundleException(file + ": the Environment document needs " + key);
        }
        return value.toString();
    }
}
