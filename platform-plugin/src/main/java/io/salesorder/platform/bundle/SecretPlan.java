package io.salesorder.platform.bundle;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which Secrets exist, which keys each holds, and where each value comes from, read from {@code secrets.yml}.
 * The file names values, never holds one: for a generated environment they are made at render time (and, on
 * deploy, taken from the cluster where they already exist); for a secure store they become ExternalSecrets.
 * A value named by several Secrets (the MySQL password of the server and of customer-service) is the same in
 * all of them.
 */
public final class SecretPlan {

    /** Marks a generated Secret: a deploy creates it when absent and never overwrites it. */
    public static final String GENERATED_ANNOTATION = "sales-order.io/generated";
    public static final String STORE_NAME = "sales-order-secrets";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** How a value is made: a password, a MongoDB key file, or an RSA key pair with a private and public part. */
    public enum Kind {
        PASSWORD, KEYFILE, RSA_KEY_PAIR
    }

    /** One key of a Secret: a named value (optionally one part of it) or a literal that is not secret. */
    public record Entry(String key, String value, String part, String literal) {

        /** The name the value is known by in the store and among generated values. */
        public String valueId() {
            return part == null ? value : value + "-" + part;
        }
    }

    public record SecretSpec(String name, String owner, List<Entry> entries) {
    }

    private final Map<String, Kind> values;
    private final List<SecretSpec> secrets;

    private SecretPlan(Map<String, Kind> values, List<SecretSpec> secrets) {
        this.values = values;
        this.secrets = secrets;
    }

    public List<SecretSpec> secrets() {
        return secrets;
    }

    @SuppressWarnings("unchecked")
    public static SecretPlan read(Path file) {
        List<Map<String, Object>> documents = Yaml.read(file);
        if (documents.size() != 1) {
            throw new BundleException(file + " must hold exactly one document");
        }
        Map<String, Object> root = documents.get(0);
        Map<String, Kind> values = new LinkedHashMap<>();
        ((Map<String, Object>) root.getOrDefault("values", Map.of())).forEach((name, spec) -> {
            Object kind = spec instanceof Map<?, ?> map ? map.get("generate") : null;
            try {
                values.put(name, Kind.valueOf(String.valueOf(kind).toUpperCase().replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new BundleException(file + ": value " + name + " must be {generate: password}, "
                        + "{generate: keyfile} or {generate: rsa-key-pair}, not " + spec);
            }
        });
        List<SecretSpec> secrets = new ArrayList<>();
        ((Map<String, Object>) root.getOrDefault("secrets", Map.of())).forEach((name, body) -> {
            Map<String, Object> spec = (Map<String, Object>) body;
            List<Entry> entries = new ArrayList<>();
            ((Map<String, Object>) spec.getOrDefault("data", Map.of())).forEach((key, source) -> {
                Map<String, Object> from = (Map<String, Object>) source;
                Entry entry = new Entry(key, (String) from.get("value"), (String) from.get("part"),
                        from.get("literal") == null ? null : String.valueOf(from.get("literal")));
                if ((entry.value() == null) == (entry.literal() == null)) {
                    throw new BundleException(file + ": " + name + "." + key + " needs either value or literal");
                }
                if (entry.value() != null && !values.containsKey(entry.value())) {
                    throw new BundleException(file + ": " + name + "." + key + " names an undeclared value " + entry.value());
                }
                entries.add(entry);
            });
            if (spec.get("owner") == null) {
                throw new BundleException(file + ": secret " + name + " needs an owner (the service or datastore that reads it)");
            }
            secrets.add(new SecretSpec(name, String.valueOf(spec.get("owner")), entries));
        });
        return new SecretPlan(values, secrets);
    }

    /**
     * The values of a generated environment: those in {@code known} (read back from a cluster) are kept, the
     * others are made now.
     */
    public Map<String, String> generate(Map<String, String> known) {
        Map<String, String> generated = new TreeMap<>(known);
        values.forEach((name, kind) -> {
            switch (kind) {
                case PASSWORD -> generated.computeIfAbsent(name, n -> randomText(32));
                case KEYFILE -> generated.computeIfAbsent(name, n -> randomBase64(756));
                case RSA_KEY_PAIR -> {
                    if (!generated.containsKey(name + "-private") || !generated.containsKey(name + "-public")) {
                        KeyPair pair = rsaKeyPair();
                        generated.put(name + "-private", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                        generated.put(name + "-public", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                    }
                }
            }
        });
        return generated;
    }

    /** Maps the data of existing Secrets back to value ids, so that a deploy keeps what the cluster has. */
    public Map<String, String> knownValues(Map<String, Map<String, String>> existingSecrets) {
        Map<String, String> known = new TreeMap<>();
        for (SecretSpec secret : secrets) {
            Map<String, String> data = existingSecrets.get(secret.name());
            if (data == null) {
                continue;
            }
            for (Entry entry : secret.entries()) {
                if (entry.value() != null && data.get(entry.key()) != null) {
                    known.putIfAbsent(entry.valueId(), data.get(entry.key()));
                }
            }
        }
        return known;
    }

    /** Secret resources holding generated values. */
    public List<Map<String, Object>> renderGenerated(Map<String, String> generated) {
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (SecretSpec secret : secrets) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (Entry entry : secret.entries()) {
                data.put(entry.key(), entry.literal() != null ? entry.literal() : generated.get(entry.valueId()));
            }
            Map<String, Object> document = resource("v1", "Secret", secret.name(), secret.owner());
            Resource.map(Resource.map(document, "metadata"), "annotations").put(GENERATED_ANNOTATION, "true");
            document.put("type", "Opaque");
            document.put("stringData", data);
            rendered.add(document);
        }
        return rendered;
    }

    /** The store, its service account and one ExternalSecret per Secret, for an environment with a secure store. */
    public List<Map<String, Object>> renderExternal(Environment.SecretSource source) {
        List<Map<String, Object>> rendered = new ArrayList<>();
        Map<String, Object> account = resource("v1", "ServiceAccount", STORE_NAME, STORE_NAME);
        account.put("automountServiceAccountToken", false);
        Map<String, Object> store = resource("external-secrets.io/v1", "SecretStore", STORE_NAME, STORE_NAME);
        Map<String, Object> serviceAccountRef = Map.of("name", STORE_NAME);
        Map<String, Object> provider = new LinkedHashMap<>();
        if (source.store() == Environment.Store.VAULT) {
            provider.put("vault", ordered(
                    "server", source.setting("server"),
                    "path", source.setting("path"),
                    "version", "v2",
                    "auth", Map.of("kubernetes", ordered(
                            "mountPath", source.setting("authMountPath"),
                            "role", source.setting("role"),
                            "serviceAccountRef", serviceAccountRef))));
        } else {
            Resource.map(Resource.map(account, "metadata"), "annotations")
                    .put("eks.amazonaws.com/role-arn", source.setting("roleArn"));
            provider.put("aws", ordered(
                    "service", "ParameterStore",
                    "region", source.setting("region"),
                    "auth", Map.of("jwt", Map.of("serviceAccountRef", serviceAccountRef))));
        }
        Resource.map(store, "spec").put("provider", provider);
        rendered.add(account);
        rendered.add(store);

        for (SecretSpec secret : secrets) {
            Map<String, Object> external = resource("external-secrets.io/v1", "ExternalSecret", secret.name(), secret.owner());
            Map<String, Object> template = new LinkedHashMap<>();
            List<Map<String, Object>> data = new ArrayList<>();
            for (Entry entry : secret.entries()) {
                if (entry.literal() != null) {
                    template.put(entry.key(), entry.literal());
                    continue;
                }
                String variable = entry.valueId().replace('-', '_');
                template.put(entry.key(), "{{ ." + variable + " }}");
                Map<String, Object> remote = new LinkedHashMap<>();
                if (source.store() == Environment.Store.VAULT) {
                    remote.put("key", source.prefix() + "/" + entry.valueId());
                    remote.put("property", "value");
                } else {
                    remote.put("key", "/" + source.prefix() + "/" + entry.valueId());
                }
                if (data.stream().noneMatch(d -> variable.equals(d.get("secretKey")))) {
                    data.add(ordered("secretKey", variable, "remoteRef", remote));
                }
            }
            Map<String, Object> spec = Resource.map(external, "spec");
            spec.put("refreshInterval", "1h");
            spec.put("secretStoreRef", ordered("name", STORE_NAME, "kind", "SecretStore"));
            spec.put("target", ordered(
                    "name", secret.name(),
                    "creationPolicy", "Owner",
                    "template", ordered("engineVersion", "v2", "type", "Opaque", "data", template)));
            spec.put("data", data);
            rendered.add(external);
        }
        return rendered;
    }

    /**
     * A map in the order its entries are given. {@code Map.of} iterates in an order that changes from one JVM to the
     * next, which made the rendered bundle differ between two builds of the same commit.
     */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> resource(String apiVersion, String kind, String name, String owner) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", apiVersion);
        document.put("kind", kind);
        Map<String, Object> metadata = Resource.map(document, "metadata");
        metadata.put("name", name);
        Map<String, Object> labels = Resource.map(metadata, "labels");
        labels.put(Resource.NAME_LABEL, owner);
        return document;
    }

    private static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }

    private static String randomBase64(int length) {
        byte[] bytes = new byte[length * 3 / 4];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
