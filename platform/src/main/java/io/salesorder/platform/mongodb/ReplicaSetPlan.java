package io.salesorder.platform.mongodb;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the init Job must do, decided from what each member says and, when the set exists, which members its
 * configuration lists. Initiating is done only when no member holds a configuration: initiating again next to
 * a live set would split it. A member on a fresh volume rejoins by itself (initial sync) as long as the
 * configuration lists it; one missing from the configuration is added.
 */
public record ReplicaSetPlan(Action action, List<String> members) {

    public enum Action {
        /** Wait and ask again: some member does not answer yet. */
        WAIT,
        /** Create the set with every member. */
        INITIATE,
        /** Add these members to the existing configuration. */
        ADD_MEMBERS,
        /** The set is complete. */
        NOTHING
    }

    public static ReplicaSetPlan decide(List<String> members, Map<String, MemberState> states, Set<String> configured) {
        List<String> unreachable = members.stream().filter(m -> states.get(m) == MemberState.UNREACHABLE).toList();
        if (!unreachable.isEmpty()) {
            return new ReplicaSetPlan(Action.WAIT, unreachable);
        }
        boolean anyConfigured = members.stream().anyMatch(m -> states.get(m) == MemberState.CONFIGURED);
        if (!anyConfigured) {
            return new ReplicaSetPlan(Action.INITIATE, members);
        }
        List<String> missing = members.stream().filter(m -> !configured.contains(m)).toList();
        return missing.isEmpty() ? new ReplicaSetPlan(Action.NOTHING, List.of()) : new ReplicaSetPlan(Action.ADD_MEMBERS, missing);
    }
}
