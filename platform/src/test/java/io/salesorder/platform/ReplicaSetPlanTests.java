package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.salesorder.platform.mongodb.MemberState;
import io.salesorder.platform.mongodb.ReplicaSetPlan;
import io.salesorder.platform.mongodb.ReplicaSetPlan.Action;

/**
 * The init Job's decisions over whole sequences of a set's life: a small model of the members and the set's
 * configuration takes each decision as the Job would carry it out, and the tests check where it ends and that no
 * reconfiguration ever changes more than one voting member (MongoDB 4.4 and later refuse that).
 */
class ReplicaSetPlanTests {

    /** The pods of a StatefulSet and the replica set's configuration, as the Job sees them. */
    private static final class Model {
        final Map<String, MemberState> pods = new LinkedHashMap<>();
        Set<String> configuration = new LinkedHashSet<>();
        final List<String> steps = new ArrayList<>();

        Model pods(int count, MemberState state) {
            pods.clear();
            IntStream.range(0, count).forEach(i -> pods.put(host(i), state));
            return this;
        }

        List<String> declared() {
            return List.copyOf(pods.keySet());
        }

        /** Runs the Job until it is done or waits: the actions it took, in order. */
        List<String> runJob() {
            steps.clear();
            for (int round = 0; round < 20; round++) {
                ReplicaSetPlan plan = ReplicaSetPlan.decide(declared(), Map.copyOf(pods), Set.copyOf(configuration));
                steps.add(plan.action() + (plan.action() == Action.NOTHING ? "" : " " + plan.members()));
                switch (plan.action()) {
                    case WAIT, NOTHING -> {
                        return List.copyOf(steps);
                    }
                    case INITIATE -> {
                        configuration = new LinkedHashSet<>(plan.members());
                        plan.members().forEach(m -> pods.put(m, MemberState.CONFIGURED));
                    }
                    case ADD_MEMBER, REMOVE_MEMBER -> {
                        Set<String> next = new LinkedHashSet<>(configuration);
                        if (plan.action() == Action.ADD_MEMBER) {
                            next.addAll(plan.members());
                        } else {
                            next.removeAll(plan.members());
                        }
                        assertThat(changed(configuration, next)).as("voting members changed by one reconfig").isEqualTo(1);
                        configuration = next;
                        pods.replaceAll((host, state) -> configuration.contains(host) ? MemberState.CONFIGURED : state);
                    }
                }
            }
            throw new AssertionError("the Job did not settle: " + steps);
        }

        private static int changed(Set<String> before, Set<String> after) {
            Set<String> added = new LinkedHashSet<>(after);
            added.removeAll(before);
            Set<String> removed = new LinkedHashSet<>(before);
            removed.removeAll(after);
            return added.size() + removed.size();
        }
    }

    private static String host(int ordinal) {
        return "mongodb-" + ordinal + ".mongodb:27017";
    }

    private static Set<String> hosts(int count) {
        Set<String> hosts = new LinkedHashSet<>();
        IntStream.range(0, count).forEach(i -> hosts.add(host(i)));
        return hosts;
    }

    @Test
    void a_first_start_waits_for_every_member_then_initiates_the_set_once() {
        Model set = new Model().pods(3, MemberState.UNCONFIGURED);
        set.pods.put(host(2), MemberState.UNREACHABLE);
        assertThat(set.runJob()).containsExactly("WAIT [" + host(2) + "]");
        set.pods.put(host(2), MemberState.UNCONFIGURED);
        assertThat(set.runJob()).containsExactly("INITIATE " + List.copyOf(hosts(3)), "NOTHING");
        assertThat(set.configuration).isEqualTo(hosts(3));
        assertThat(set.runJob()).as("a second run").containsExactly("NOTHING");
    }

    @Test
    void a_restarted_member_is_waited_for_and_the_set_is_never_initiated_again() {
        Model set = new Model().pods(3, MemberState.CONFIGURED);
        set.configuration = hosts(3);
        set.pods.put(host(1), MemberState.UNREACHABLE);
        assertThat(set.runJob()).containsExactly("WAIT [" + host(1) + "]");
        set.pods.put(host(1), MemberState.CONFIGURED);
        assertThat(set.runJob()).containsExactly("NOTHING");
    }

    @Test
    void after_a_full_restart_the_members_keep_their_configuration() {
        Model set = new Model().pods(3, MemberState.UNREACHABLE);
        set.configuration = hosts(3);
        assertThat(set.runJob()).first().asString().startsWith("WAIT");
        set.pods.replaceAll((h, s) -> MemberState.CONFIGURED);
        assertThat(set.runJob()).containsExactly("NOTHING");
        assertThat(set.configuration).isEqualTo(hosts(3));
    }

    @Test
    void scaling_from_three_to_five_adds_one_member_per_reconfiguration() {
        Model set = new Model().pods(5, MemberState.CONFIGURED);
        set.configuration = hosts(3);
        set.pods.put(host(3), MemberState.UNCONFIGURED);
        set.pods.put(host(4), MemberState.UNCONFIGURED);
        assertThat(set.runJob()).containsExactly("ADD_MEMBER [" + host(3) + "]", "ADD_MEMBER [" + host(4) + "]", "NOTHING");
        assertThat(set.configuration).isEqualTo(hosts(5));
    }

    @Test
    void scaling_from_five_to_three_removes_the_members_the_statefulset_no_longer_has_one_at_a_time() {
        Model set = new Model().pods(3, MemberState.CONFIGURED);
        set.configuration = hosts(5);
        assertThat(set.runJob()).containsExactly("REMOVE_MEMBER [" + host(4) + "]", "REMOVE_MEMBER [" + host(3) + "]", "NOTHING");
        assertThat(set.configuration).isEqualTo(hosts(3));
    }

    @Test
    void a_member_on_a_fresh_volume_rejoins_by_initial_sync_without_any_reconfiguration() {
        Model set = new Model().pods(3, MemberState.CONFIGURED);
        set.configuration = hosts(3);
        set.pods.put(host(0), MemberState.UNCONFIGURED);
        assertThat(set.runJob()).containsExactly("NOTHING");
        assertThat(set.configuration).isEqualTo(hosts(3));
    }

    @Test
    void a_member_added_outside_the_job_and_missing_from_the_statefulset_is_removed() {
        Model set = new Model().pods(3, MemberState.CONFIGURED);
        set.configuration = new LinkedHashSet<>(hosts(3));
        set.configuration.add("stray:27017");
        assertThat(set.runJob()).containsExactly("REMOVE_MEMBER [stray:27017]", "NOTHING");
    }
}
