package io.salesorder.platform.rules;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.salesorder.platform.bundle.Resource;

/** Every document is a valid object of a current API: typed, with no unknown field and well-formed values. */
final class SchemaRules {

    /** API versions removed from Kubernetes, or deprecated in favour of a newer one. */
    private static final Pattern RETIRED_API = Pattern.compile(
            "extensions/.*|apps/v1beta[12]|networking\\.k8s\\.io/v1beta1|policy/v1beta1|autoscaling/v2beta[12]"
                    + "|batch/v1beta1|rbac\\.authorization\\.k8s\\.io/v1(alpha|beta)1|external-secrets\\.io/v1(alpha|beta)1"
                    + "|gateway\\.networking\\.k8s\\.io/v1(alpha2|beta1)");

    /** Custom resources the platform uses, and the fields their current API version accepts in spec. */
    private static final Map<String, Set<String>> KNOWN_CUSTOM_RESOURCES = Map.of(
            "external-secrets.io/v1 ExternalSecret", Set.of("refreshInterval", "secretStoreRef", "target", "data", "dataFrom"),
            "external-secrets.io/v1 SecretStore", Set.of("provider", "retrySettings", "refreshInterval", "conditions", "controller"));

    private static final Pattern PERCENT = Pattern.compile("\\d+%");
    /** Fields that count pods: a string there must be a percentage. Elsewhere (ports) it is a port name. */
    private static final Pattern COUNT_FIELD = Pattern.compile("\\.(maxUnavailable|maxSurge|minAvailable)$");
    private static final Pattern PORT_NAME = Pattern.compile("(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");

    private SchemaRules() {
    }

    static List<Rule> all() {
        return List.of(
                new SimpleRule("schema.api-version", "only current API versions (no extensions/*, */v1beta*, "
                        + "autoscaling/v2beta*, policy/v1beta1, batch/v1beta1, gateway.networking.k8s.io/v1alpha2 or v1beta1)",
                        SchemaRules::apiVersions),
                new SimpleRule("schema.strict", "every document fits its kind's typed schema: no unknown field, pod "
                        + "counts written as strings are percentages, port names are valid, quantities parse, custom resources are "
                        + "known (ExternalSecret, SecretStore; Gateway and HTTPRoute are typed)", SchemaRules::strict));
    }

    private static List<Violation> apiVersions(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Resource resource : manifests.resources()) {
            if (resource.apiVersion() == null || RETIRED_API.matcher(resource.apiVersion()).matches()) {
                violations.add(new Violation(resource.id(), "schema.api-version",
                        "uses apiVersion " + resource.apiVersion() + ", which current clusters reject or deprecate",
                        "use the kind's current version (apps/v1, networking.k8s.io/v1, policy/v1, autoscaling/v2, batch/v1, "
                                + "external-secrets.io/v1, gateway.networking.k8s.io/v1)"));
            }
        }
        return violations;
    }

    @SuppressWarnings("unchecked")
    private static List<Violation> strict(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Resource resource : manifests.resources()) {
            HasMetadata typed = manifests.typed(resource);
            if (typed == null) {
                violations.add(new Violation(resource.id(), "schema.strict", "does not fit the schema of " + resource.kind(),
                        "compare it with the API reference of " + resource.apiVersion() + " " + resource.kind()));
                continue;
            }
            if (typed instanceof GenericKubernetesResource) {
                Set<String> specFields = KNOWN_CUSTOM_RESOURCES.get(resource.apiVersion() + " " + resource.kind());
                if (specFields == null) {
                    violations.add(new Violation(resource.id(), "schema.strict", "has no known schema ("
                            + resource.apiVersion() + " " + resource.kind() + ")",
                            "use a built-in kind, or teach SchemaRules the custom resource's fields"));
                    continue;
                }
                Map<String, Object> spec = (Map<String, Object>) resource.document().getOrDefault("spec", Map.of());
                for (String field : spec.keySet()) {
                    if (!specFields.contains(field)) {
                        violations.add(unknown(resource, "spec." + field));
                    }
                }
                continue;
            }
            walk(typed, "", resource, violations);
        }
        return violations;
    }

    private static Violation unknown(Resource resource, String path) {
        return new Violation(resource.id(), "schema.strict", "has the unknown field " + path,
                "remove it, or fix its spelling or indentation");
    }

    private static void walk(Object node, String path, Resource resource, List<Violation> violations) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", resource, violations);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, resource, violations));
            return;
        }
        if (node instanceof IntOrString value) {
            String text = value.getStrVal();
            boolean count = COUNT_FIELD.matcher(path).find();
            if (text != null && count && !PERCENT.matcher(text).matches()) {
                violations.add(new Violation(resource.id(), "schema.strict", path.substring(1) + " is the string \""
                        + text + "\", which the API server accepts only as a percentage",
                        "write it as an integer (without quotes) or as a percentage"));
            } else if (text != null && !count && !PORT_NAME.matcher(text).matches()) {
                violations.add(new Violation(resource.id(), "schema.strict", path.substring(1) + " is \"" + text
                        + "\", neither a port number nor a valid port name", "use the number or the name of a declared port"));
            }
            return;
        }
        if (node instanceof Quantity quantity) {
            try {
                Quantity.getAmountInBytes(quantity);
            } catch (RuntimeException e) {
                violations.add(new Violation(resource.id(), "schema.strict", path.substring(1) + " is not a quantity ("
                        + quantity + ")", "write a Kubernetes quantity such as 250m, 512Mi or 2Gi"));
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> violations.add(unknown(resource, path.isEmpty() ? key.toString()
                            : path.substring(1) + "." + key)));
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + property, resource, violations);
        }
    }
}
