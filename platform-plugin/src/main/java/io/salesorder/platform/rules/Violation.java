package io.salesorder.platform.rules;

/**
 * One broken rule: which resource, which rule, what is wrong and how to fix it.
 *
 * @param resource {@code Kind/name}
 * @param rule     the rule's id, {@code family.rule}
 * @param problem  what is wrong
 * @param fix      what to change
 */
public record Violation(String resource, String rule, String problem, String fix) {

    @Override
    public String toString() {
        return resource + " breaks " + rule + ": " + problem + ". Fix: " + fix + ".";
    }
}
