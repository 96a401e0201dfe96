package io.salesorder.user.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The hashes users already hold keep working: user-service hashed with Elytron's BcryptUtil before, and checks
 * with Spring Security's BCrypt now (faster per hash, benchmarks/bcrypt); the strength stays cost 10.
 */
class PasswordHashTests {

    /** Made by Elytron's {@code BcryptUtil.bcryptHash("user-pass-1", 10)}, as a database of an earlier release holds. */
    private static final String ELYTRON_HASH = "$2a$10$ggFY8xJX56yiDjd981/Rk.vGNczrD3jc.lYxKMNdf8s9a5TmooqrK";

    @Test
    void a_hash_made_by_the_earlier_implementation_still_matches_its_password_only() {
        assertThat(BCrypt.checkpw("user-pass-1", ELYTRON_HASH)).isTrue();
        assertThat(BCrypt.checkpw("user-pass-2", ELYTRON_HASH)).isFalse();
    }

    @Test
    void new_hashes_keep_cost_10_and_a_password_beyond_72_bytes_is_a_mismatch_not_an_error() {
        String hash = BCrypt.hashpw("user-pass-1", BCrypt.gensalt(UserService.BCRYPT_COST));
        assertThat(hash).startsWith("$2a$10$");
        assertThat(BCrypt.checkpw("user-pass-1", hash)).isTrue();
        assertThat(BCrypt.checkpw("x".repeat(100), hash)).isFalse();
    }
}
