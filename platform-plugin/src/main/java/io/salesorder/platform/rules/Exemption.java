package io.salesorder.platform.rules;

import java.util.List;

/**
 * A rule that does not apply to one resource, and why. Every exemption of the platform is listed here, in code,
 * so that a reviewer sees them all in one place (the README's rule table repeats them).
 */
public record Exemption(String rule, String resource, String reason) {

    public static final List<Exemption> PLATFORM = List.of(
            new Exemption("policy.disruption-budget", "Deployment/user-service",
                    "one pod by design (its users live in memory); a budget of one would block every node drain"),
            new Exemption("policy.disruption-budget", "StatefulSet/mysql",
                    "the owner's singleton MySQL; a budget of one would block every node drain"));

    static boolean applies(List<Exemption> exemptions, Violation violation) {
        return exemptions.stream().anyMatch(e -> e.rule().equals(violation.rule()) && e.resource().equals(violation.resource()));
    }
}
