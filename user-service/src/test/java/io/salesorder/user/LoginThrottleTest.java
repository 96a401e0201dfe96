package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Guessing passwords is throttled per username and client and per client, with a 429 problem and Retry-After; a
 * throttle always ends. Each test speaks from its own client address (the test profile trusts loopback as a proxy,
 * as the pods trust the ingress).
 */
@QuarkusTest
class LoginThrottleTest {

    private static Response login(String client, String username, String password) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/authenticate");
    }

    private static String newUser() {
        String username = "throttle" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\",\"username\":\"" + username
                        + "\",\"password\":\"correct-horse-1\",\"roles\":[\"USER\"]}")
                .post("/signup").then().statusCode(201);
        return username;
    }

    private static void assertThrottled(Response response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    void after_five_wrong_passwords_a_client_must_wait_even_with_the_right_one_and_then_it_works() {
        String user = newUser();
        String client = "203.0.113.10";
        for (int i = 0; i < 5; i++) {
            login(client, user, "guess" + i).then().statusCode(401);
        }
        Response throttled = login(client, user, "correct-horse-1");
        assertThrottled(throttled);
        // Another client logs in as that user at once: a guesser cannot lock the owner out.
        login("203.0.113.11", user, "correct-horse-1").then().statusCode(200);

        sleep(Duration.ofSeconds(Long.parseLong(throttled.header("Retry-After"))).plusMillis(200));
        login(client, user, "correct-horse-1").then().statusCode(200);
    }

    @Test
    void one_client_guessing_across_many_usernames_is_throttled_for_all_of_them() {
        String client = "203.0.113.20";
        for (int i = 0; i < 20; i++) {
            login(client, "nobody" + i, "guess").then().statusCode(401);
        }
        assertThrottled(login(client, "nobody-else", "guess"));
        assertThrottled(login(client, "colinbut", "password1"));
        login("203.0.113.21", "colinbut", "password1").then().statusCode(200);
    }

    @Test
    void many_clients_guessing_one_username_slow_it_down_for_at_most_thirty_seconds() {
        String user = newUser();
        for (int i = 0; i < 20; i++) {
            login("198.51.100." + i, user, "guess").then().statusCode(401);
        }
        Response throttled = login("198.51.100.200", user, "correct-horse-1");
        assertThrottled(throttled);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isLessThanOrEqualTo(30);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
