package io.salesorder.platform.mongodb;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The init Job's next step, decided from what each declared member says and, when the set exists, which hosts its
 * configuration lists. Initiating is done only when no member holds a configuration: initiating again next to a
 * live set would split it. A member on a fresh volume rejoins by itself (initial sync) as long as the configuration
 * lists it. Membership then converges one voting member per reconfiguration, as MongoDB 4.4 and later demand:
 * a declared member the configuration lacks is added, then a configured host the StatefulSet no longer has is
 * removed; the Job asks again after each step.
 */
public record ReplicaSetPlan(Action action, List<String> members) {

    public enum Action {
        /** Wait and ask again: some declared member does not answer yet. */
        WAIT,
        /** Create the set with every declared member. */
        INITIATE,
        /** Add this one member to the configuration. */
        ADD_MEMBER,
        /** Remove this one host, which the StatefulSet no longer has, from the configuration. */
        REMOVE_MEMBER,
        /** The configuration lists exactly the declared members. */
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
        for (String member : members) {
            if (!configured.contains(member)) {
                return new ReplicaSetPlan(Action.ADD_MEMBER, List.of(member));
            }
        }
        return configured.stream().filter(host -> !members.contains(host)).sorted().reduce((first, second) -> second)
                .map(extra -> new ReplicaSetPlan(Action.REMOVE_MEMBER, List.of(extra)))
                .orElse(new ReplicaSetPlan(Action.NOTHING, List.of()));
    }
}
