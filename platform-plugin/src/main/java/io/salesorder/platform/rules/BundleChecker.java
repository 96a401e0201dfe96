package io.salesorder.platform.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.SystemModel;
import io.salesorder.platform.bundle.Yaml;

/**
 * The rules every bundle must satisfy before it reaches a cluster, with the platform's exemptions. Nothing on a
 * build machine validates Kubernetes YAML, and a mock API server accepts anything: this is where the output is
 * proven.
 */
public final class BundleChecker {

    /**
     * The checks of the two linters platform engineers know that demand the same as a rule of ours, for the rules
     * that are generic (the others are this platform's own).
     */
    public static final Map<String, String> ALIKE = Map.ofEntries(
            Map.entry("schema.api-version", "kube-score `stable-version`; kube-linter `no-extensions-v1beta`"),
            Map.entry("references.service", "kube-score `service-targets-pod`; kube-linter `dangling-service`"),
            Map.entry("references.ingress", "kube-score `ingress-targets-service`"),
            Map.entry("references.statefulset", "kube-score `statefulset-has-servicename`"),
            Map.entry("references.scaling", "kube-score `horizontalpodautoscaler-has-target`"),
            Map.entry("policy.resources", "kube-score `container-resources`; kube-linter `unset-cpu-requirements`, "
                    + "`unset-memory-requirements`"),
            Map.entry("policy.image-tag", "kube-score `container-image-tag`; kube-linter `latest-tag`"),
            Map.entry("policy.probes", "kube-score `pod-probes`; kube-linter `no-readiness-probe`, `no-liveness-probe`"),
            Map.entry("policy.non-root", "kube-score `container-security-context-user-group-id`; kube-linter `run-as-non-root`"),
            Map.entry("policy.container-security", "kube-score `container-security-context-readonlyrootfilesystem`, "
                    + "`container-seccomp-profile`; kube-linter `no-read-only-root-fs`, `privilege-escalation-container`"),
            Map.entry("policy.secret-literals", "kube-linter `env-var-secret`"),
            Map.entry("policy.spread", "kube-score `deployment-has-host-podantiaffinity`; kube-linter `no-anti-affinity`"),
            Map.entry("policy.disruption-budget", "kube-score `deployment-has-poddisruptionbudget`, "
                    + "`statefulset-has-poddisruptionbudget`"),
            Map.entry("policy.autoscaling", "kube-score `deployment-targeted-by-hpa-does-not-have-replicas-configured`"),
            Map.entry("network.default-deny", "kube-score `pod-networkpolicy`; kube-linter `non-isolated-pod`"));

    /** The README's table of rules: id, what the rule demands, and the alike linter checks. */
    public static String markdownTable(List<Rule> rules) {
        StringBuilder table = new StringBuilder("| rule | what it demands | alike in kube-score / kube-linter |\n|---|---|---|\n");
        for (Rule rule : rules) {
            table.append("| `").append(rule.id()).append("` | ").append(rule.description().replace("|", "\\|")).append(" | ")
                    .append(ALIKE.getOrDefault(rule.id(), "(this platform's own)")).append(" |\n");
        }
        return table.toString();
    }

    private final List<Rule> rules;
    private final List<Exemption> exemptions;

    public BundleChecker(List<Rule> rules, List<Exemption> exemptions) {
        this.rules = List.copyOf(rules);
        this.exemptions = List.copyOf(exemptions);
    }

    /** Every rule, for a whole bundle of the system {@code system.yml} states. */
    public static BundleChecker standard(SystemModel system) {
        return standard(system, Map.of());
    }

    /** Every rule, plus the check that each service gets the settings it reads in production. */
    public static BundleChecker standard(SystemModel system, Map<String, Set<String>> requiredSettings) {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(SchemaRules.all());
        rules.addAll(ReferenceRules.all());
        rules.addAll(PolicyRules.all());
        rules.addAll(AvailabilityRules.all(system.autoscaled()));
        rules.addAll(NetworkRules.all(system.acceptedBy(), system.datastoreOf()));
        if (!requiredSettings.isEmpty()) {
            rules.add(SettingsRule.of(requiredSettings));
        }
        return new BundleChecker(rules, Exemption.of(system));
    }

    /** The rules that judge each resource on its own, for a deploy of some services only. */
    public static BundleChecker perResource(SystemModel system) {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(SchemaRules.all());
        rules.addAll(PolicyRules.all());
        return new BundleChecker(rules, Exemption.of(system));
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
