package io.salesorder.user.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void the_wait_doubles_past_the_free_failures_and_stops_at_fifteen_minutes() {
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR - 1; i++) {
            throttle.failed("ada", "c1");
        }
        assertThat(throttle.wait("ada", "c1")).isEmpty();
        throttle.failed("ada", "c1");
        assertThat(throttle.wait("ada", "c1")).contains(Duration.ofSeconds(1));
        throttle.failed("ada", "c1");
        assertThat(throttle.wait("ada", "c1")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 40; i++) {
            throttle.failed("ada", "c1");
        }
        assertThat(throttle.wait("ada", "c1")).contains(Duration.ofMinutes(15));
        advance(Duration.ofMinutes(15));
        assertThat(throttle.wait("ada", "c1")).isEmpty();
    }

    @Test
    void usernames_are_counted_whatever_their_case_and_a_success_clears_the_count() {
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
            throttle.failed(i % 2 == 0 ? "Ada" : "ADA", "c1");
        }
        assertThat(throttle.wait("ada", "c1")).isPresent();
        advance(Duration.ofSeconds(2));
        throttle.succeeded("ada", "c1");
        throttle.failed("ada", "c1");
        assertThat(throttle.wait("ada", "c1")).isEmpty();
    }

    @Test
    void a_username_guessed_from_everywhere_waits_at_most_thirty_seconds() {
        for (int i = 0; i < 200; i++) {
            throttle.failed("ada", "client" + i);
        }
        assertThat(throttle.wait("ada", "a-new-client")).hasValueSatisfying(
                wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(30)).isPositive());
        advance(Duration.ofSeconds(30));
        assertThat(throttle.wait("ada", "a-new-client")).isEmpty();
    }

    @Test
    void counts_are_forgotten_a_quarter_of_an_hour_after_the_last_failure() {
        for (int i = 0; i < LoginThrottle.FREE_PER_PAIR - 1; i++) {
            throttle.failed("ada", "c1");
        }
        advance(Duration.ofMinutes(16));
        throttle.failed("ada", "c1");
        assertThat(throttle.wait("ada", "c1")).isEmpty();
    }

    @Test
    void memory_stays_bounded_however_many_usernames_and_clients_an_attack_uses() {
        for (int i = 0; i < LoginThrottle.MAX_TRACKED; i++) {
            throttle.failed("user" + i, "client" + i);
            advance(Duration.ofMillis(1));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(LoginThrottle.MAX_TRACKED + 3);
    }
}
