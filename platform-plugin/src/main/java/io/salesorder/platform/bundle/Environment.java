package io.salesorder.platform.bundle;

import java.util.List;
import java.util.Map;

/**
 * What one environment sets for the build's own steps, which kustomize cannot do: the edge (rendered from the
 * templates in {@code edge/}, with the network policies that follow from it) and where the secret plan's values
 * come from. It is the overlay's local-config ConfigMap {@value #SETTINGS} ({@code data.edge} and
 * {@code data.secrets}, each a YAML map); kustomize leaves it out of what it builds.
 *
 * @param name    dev, staging or prod: the overlay's directory name
 * @param edge    how clients reach the services: Gateway API, an Ingress, or both
 * @param secrets where credentials come from
 */
public record Environment(String name, Edge edge, SecretSource secrets) {

    /** The name of the settings ConfigMap. */
    public static final String SETTINGS = "platform-settings";

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

    /** Reads the settings from the overlay's local-config resources. */
    static Environment fromSettings(String name, String overlay, List<Resource> localConfig) {
        List<Resource> settings = localConfig.stream()
                .filter(r -> "ConfigMap".equals(r.kind()) && SETTINGS.equals(r.name())).toList();
        if (settings.size() != 1) {
            throw new BundleException(overlay + ": the overlay needs one local-config ConfigMap " + SETTINGS
                    + " (data.edge and data.secrets), and has " + settings.size());
        }
        String file = settings.get(0).origin();
        Object data = settings.get(0).document().get("data");
        Map<String, Object> fields = data instanceof Map<?, ?> map ? cast(map) : Map.of();
        for (String key : fields.keySet()) {
            if (!key.equals("edge") && !key.equals("secrets")) {
                throw new BundleException(file + ": data." + key + " is not a setting; " + SETTINGS + " holds edge and secrets");
            }
        }
        Map<String, Object> edge = yamlMap(file, "edge", fields.get("edge"));
        if (edge == null) {
            throw new BundleException(file + ": " + SETTINGS + " needs data.edge (with at least host)");
        }
        Map<String, Object> secrets = yamlMap(file, "secrets", fields.get("secrets"));
        return parse(name, file, edge, secrets == null ? Map.of() : secrets);
    }

    private static Map<String, Object> yamlMap(String file, String key, Object text) {
        if (text == null) {
            return null;
        }
        try {
            Object value = Yaml.mapper().readValue(text.toString(), Object.class);
            if (value instanceof Map<?, ?> map) {
                return cast(map);
            }
        } catch (java.io.IOException e) {
            throw new BundleException(file + ": data." + key + " is not valid YAML: " + e.getMessage(), e);
        }
        throw new BundleException(file + ": data." + key + " must be a YAML map of settings");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    static Environment parse(String name, String file, Map<String, Object> edge, Map<String, Object> secrets) {
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
        return new Environment(name, Edge.parse(file, edge), new SecretSource(store, prefix, settings));
    }
}
