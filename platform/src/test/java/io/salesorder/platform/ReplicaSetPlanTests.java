package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.salesorder.platform.mongodb.MemberState;
import io.salesorder.platform.mongodb.ReplicaSetPlan;

class ReplicaSetPlanTests {

    private static final List<String> MEMBERS = List.of("m0:27017", "m1:27017", "m2:27017");

    private static Map<String, MemberState> states(MemberState m0, MemberState m1, MemberState m2) {
        return Map.of("m0:27017", m0, "m1:27017", m1, "m2:27017", m2);
    }

    @Test
    void a_member_that_does_not_answer_makes_it_wait() {
        ReplicaSetPlan plan = ReplicaSetPlan.decide(MEMBERS,
                states(MemberState.UNCONFIGURED, MemberState.UNREACHABLE, MemberState.UNCONFIGURED), Set.of());
        assertThat(plan).isEqualTo(new ReplicaSetPlan(ReplicaSetPlan.Action.WAIT, List.of("m1:27017")));
    }

    @Test
    void three_fresh_members_are_initiated_together() {
        ReplicaSetPlan plan = ReplicaSetPlan.decide(MEMBERS,
                states(MemberState.UNCONFIGURED, MemberState.UNCONFIGURED, MemberState.UNCONFIGURED), Set.of());
        assertThat(plan).isEqualTo(new ReplicaSetPlan(ReplicaSetPlan.Action.INITIATE, MEMBERS));
    }

    @Test
    void a_fresh_volume_next_to_a_live_set_is_never_initiated_again() {
        ReplicaSetPlan plan = ReplicaSetPlan.decide(MEMBERS,
                states(MemberState.UNCONFIGURED, MemberState.CONFIGURED, MemberState.CONFIGURED), Set.copyOf(MEMBERS));
        assertThat(plan.action()).isEqualTo(ReplicaSetPlan.Action.NOTHING);
    }

    @Test
    void a_member_missing_from_the_configuration_is_added() {
        ReplicaSetPlan plan = ReplicaSetPlan.decide(MEMBERS,
                states(MemberState.CONFIGURED, MemberState.CONFIGURED, MemberState.UNCONFIGURED), Set.of("m0:27017", "m1:27017"));
        assertThat(plan).isEqualTo(new ReplicaSetPlan(ReplicaSetPlan.Action.ADD_MEMBERS, List.of("m2:27017")));
    }

    @Test
    void a_complete_set_needs_nothing() {
        ReplicaSetPlan plan = ReplicaSetPlan.decide(MEMBERS,
                states(MemberState.CONFIGURED, MemberState.CONFIGURED, MemberState.CONFIGURED), Set.copyOf(MEMBERS));
        assertThat(plan.action()).isEqualTo(ReplicaSetPlan.Action.NOTHING);
    }
}
