package io.salesorder.platform.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/**
 * The rules every bundle must satisfy before it reaches a cluster, with the platform's exemptions. Nothing on a
 * build machine validates Kubernetes YAML, and a mock API server accepts anything: this is where the output is
 * proven.
 */
public final class BundleChecker {

    /** The services whose replica count an autoscaler owns. */
    public static final Set<String> AUTOSCALED = Set.of("customer-service", "order-service", "product-service");
    /** The only workloads each datastore accepts connections from. */
    public static final Map<String, Set<String>> CLIENTS_OF = Map.of(
            "mysql", Set.of("customer-service"),
            "mongodb", Set.of("order-service", "mongodb", "mongodb-replica-set-init"),
            "redis", Set.of("product-service", "redis"));
    /** Each service's own datastore (user-service has none: its users live in its memory). */
    public static final Map<String, String> DATASTORE_OF = Map.of(
            "user-service", "", "customer-service", "mysql", "order-service", "mongodb", "product-service", "redis");

    private final List<Rule> rules;
    private final List<Exemption> exemptions;

    public BundleChecker(List<Rule> rules, List<Exemption> exemptions) {
        this.rules = List.copyOf(rules);
        this.exemptions = List.copyOf(exemptions);
    }

    /** Every rule, for a whole bundle. */
    public static BundleChecker standard() {
        return standard(Map.of());
    }

    /** Every rule, plus the check that each service gets the settings it reads in production. */
    public static BundleChecker standard(Map<String, Set<String>> requiredSettings) {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(SchemaRules.all());
        rules.addAll(ReferenceRules.all());
        rules.addAll(PolicyRules.all());
        rules.addAll(AvailabilityRules.all(AUTOSCALED, CLIENTS_OF.keySet()));
        rules.addAll(NetworkRules.all(CLIENTS_OF, DATASTORE_OF));
        if (!requiredSettings.isEmpty()) {
            rules.add(SettingsRule.of(requiredSettings));
        }
        return new BundleChecker(rules, Exemption.PLATFORM);
    }

    /** The rules that judge each resource on its own, for a deploy of some services only. */
    public static BundleChecker perResource() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(SchemaRules.all());
        rules.addAll(PolicyRules.all());
        return new BundleChecker(rules, Exemption.PLATFORM);
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Violation> check(List<Resource> resources) {
        Manifests manifests = new Manifests(resources);
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : rules) {
            for (Violation violation : rule.check(manifests)) {
                if (!Exemption.applies(exemptions, violation)) {
                    violations.add(violation);
                }
            }
        }
        return violations;
    }

    /** {@code subject: N violation(s)}, then one line per violation. */
    public static String report(String subject, List<Violation> violations) {
        StringBuilder report = new StringBuilder(subject).append(": ").append(violations.size()).append(" violation(s)");
        violations.forEach(v -> report.append("\n  ").append(v));
        return report.append("\n").toString();
    }

    /** Checks a file of Kubernetes YAML, such as a rendered bundle. */
    public List<Violation> check(Path file) {
        List<Resource> resources = new ArrayList<>();
        Yaml.read(file).forEach(document -> resources.add(new Resource(document, file.toString())));
        return check(resources);
    }
}
