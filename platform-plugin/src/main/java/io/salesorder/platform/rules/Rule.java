package io.salesorder.platform.rules;

import java.util.List;

/** A check over a whole bundle; a rule reports every violation it finds, never only the first. */
public interface Rule {

    /** {@code family.rule}, as messages, exemptions and the README name it. */
    String id();

    /** One line: what the rule demands. */
    String description();

    List<Violation> check(Manifests manifests);
}
