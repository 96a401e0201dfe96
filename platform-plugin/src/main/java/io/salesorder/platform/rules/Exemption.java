package io.salesorder.platform.rules;

import java.util.List;

import io.salesorder.platform.bundle.SystemModel;

/**
 * A rule that does not apply to one resource, and why. Every exemption of the platform is stated in
 * {@code system.yml}, so that a reviewer sees them all in one place (the README's table repeats them).
 */
public record Exemption(String rule, String resource, String reason) {

    /** The exemptions {@code system.yml} states. */
    public static List<Exemption> of(SystemModel system) {
        return system.exemptions().stream().map(e -> new Exemption(e.rule(), e.resource(), e.reason())).toList();
    }

    static boolean applies(List<Exemption> exemptions, Violation violation) {
        return exemptions.stream().anyMatch(e -> e.rule().equals(violation.rule()) && e.resource().equals(violation.resource()));
    }
}
