package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.salesorder.testsupport.TestTokens;
import io.smallrye.jwt.util.KeyUtils;

@QuarkusTest
class AuthenticateTest {

    @Test
    void a_known_user_gets_a_token_that_the_public_key_alone_verifies() throws Exception {
        Instant before = Instant.now();
        String token = given().contentType(ContentType.JSON)
                .body("{\"username\":\"emmawilson\",\"password\":\"password3\"}")
                .post("/authenticate")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().path("jwtToken");

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(KeyUtils.decodePublicKey(Files.readString(TestTokens.publicKeyFile())))
                .setExpectedIssuer("Sales Order System")
                .setExpectedAudience(TestTokens.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
        JwtClaims claims = consumer.processToClaims(token);

        assertThat(claims.getSubject()).isEqualTo("emmawilson");
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("USER", "TEST");
        Instant expiry = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        assertThat(Duration.between(before, expiry)).isBetween(Duration.ofHours(5).minusMinutes(1), Duration.ofHours(5).plusMinutes(1));
        assertThat(token.split("\\.")[0]).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "colinbut,    password1, USER ADMIN DEV TEST ARCH",
            "marksutton,  password2, USER DEV TEST ARCH",
            "emmawilson,  password3, USER TEST",
            "antonmurphy, password4, USER DEV TEST",
            "rebeckahv,   password5, USER DEV TEST ARCH" })
    void the_original_systems_demo_users_log_in_with_their_original_passwords_and_roles(String username, String password,
            String roles) throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/authenticate")
                .then().statusCode(200).extract().path("jwtToken");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(KeyUtils.decodePublicKey(Files.readString(TestTokens.publicKeyFile())))
                .setExpectedIssuer("Sales Order System")
                .setExpectedAudience(TestTokens.AUDIENCE)
                .build().processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo(username);
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder(roles.split(" "));
    }

    @Test
    void a_wrong_password_is_401_problem() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"emmawilson\",\"password\":\"wrongpass\"}")
                .post("/authenticate")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("detail", equalTo("Invalid username or password"));
    }

    @Test
    void a_password_beyond_bcrypts_72_bytes_is_401_like_any_wrong_password() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"emmawilson\",\"password\":\"" + "p".repeat(100) + "\"}")
                .post("/authenticate")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("Invalid username or password"));
    }

    @Test
    void an_unknown_user_is_401_exactly_like_a_wrong_password() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"nobodyhere\",\"password\":\"whatever1\"}")
                .post("/authenticate")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("Invalid username or password"));
    }

    @Test
    void missing_fields_are_400_naming_each_field() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"\"}")
                .post("/authenticate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("password", "username")));
    }

    @Test
    void a_body_that_is_not_json_is_400_without_internals() {
        String body = given().contentType(ContentType.JSON)
                .body("{\"username\": ")
                .post("/authenticate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .extract().asString();
        assertThat(body).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("jackson");
    }

    @Test
    void no_body_at_all_is_400() {
        given().contentType(ContentType.JSON)
                .post("/authenticate")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("credentials"));
    }

    @Test
    void a_uri_headers_or_body_beyond_the_limits_are_problem_documents() {
        io.salesorder.testsupport.ServiceContracts.assertRequestsBeyondTheLimitsAreProblems("/authenticate");
    }

    @Test
    void a_login_from_a_client_that_offers_http2_works_as_over_http1() {
        io.salesorder.testsupport.ServiceContracts.assertBodiesArriveWhateverTheClientOffers("/authenticate",
                "{\"username\":\"colinbut\",\"password\":\"password1\"}", 200);
    }
}
