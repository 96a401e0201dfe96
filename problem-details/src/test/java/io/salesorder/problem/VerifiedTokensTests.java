package io.salesorder.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The verified-token cache: trusted until the token expires, never beyond five minutes, bounded in size. */
class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final VerifiedTokens<String> tokens = new VerifiedTokens<>(3, clock);

    @Test
    void a_verification_is_trusted_until_its_token_expires() {
        tokens.put("a", "alice", NOW.plusSeconds(60));
        assertThat(tokens.get("a")).contains("alice");
        assertThat(tokens.get("b")).isEmpty();
        clock.now = NOW.plusSeconds(59);
        assertThat(tokens.get("a")).contains("alice");
        clock.now = NOW.plusSeconds(60);
        assertThat(tokens.get("a")).isEmpty();
    }

    @Test
    void never_longer_than_five_minutes_even_in_constant_use() {
        tokens.put("a", "alice", NOW.plus(Duration.ofHours(1)));
        clock.now = NOW.plus(Duration.ofMinutes(4));
        tokens.put("a", "alice", NOW.plus(Duration.ofHours(1)));
        assertThat(tokens.get("a")).contains("alice");
        clock.now = NOW.plus(VerifiedTokens.LONGEST);
        assertThat(tokens.get("a")).as("verified again after five minutes").isEmpty();
    }

    @Test
    void an_expired_token_is_not_kept() {
        tokens.put("a", "alice", NOW.minusSeconds(1));
        tokens.put("b", "bob", NOW);
        assertThat(tokens.get("a")).isEmpty();
        assertThat(tokens.get("b")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void the_least_recently_used_goes_first_when_full() {
        tokens.put("a", "alice", NOW.plusSeconds(60));
        tokens.put("b", "bob", NOW.plusSeconds(60));
        tokens.put("c", "carol", NOW.plusSeconds(60));
        assertThat(tokens.get("a")).contains("alice");
        tokens.put("d", "dave", NOW.plusSeconds(60));
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.get("b")).isEmpty();
        assertThat(tokens.get("a")).contains("alice");
        assertThat(tokens.get("d")).contains("dave");
    }
}
