package io.salesorder.user;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.salesorder.user.config.UserServiceConfig;
import io.salesorder.user.model.UserAccount;
import io.salesorder.user.service.InitialUsers;
import io.salesorder.user.service.UserService;

@QuarkusTest
class InitialUsersTest {

    @Inject
    InitialUsers initialUsers;

    @Inject
    UserServiceConfig config;

    @Inject
    UserService users;

    @Test
    void loading_the_demo_users_again_duplicates_nothing() {
        long demo = demoUsers();
        assertThat(demo).isEqualTo(5);

        initialUsers.onStart(new StartupEvent(), config, users);
        initialUsers.onStart(new StartupEvent(), config, users);

        assertThat(demoUsers()).isEqualTo(5);
    }

    private static long demoUsers() {
        return QuarkusTransaction.requiringNew().call(() -> UserAccount.count("email like ?1", "%@salesorder.test"));
    }
}
