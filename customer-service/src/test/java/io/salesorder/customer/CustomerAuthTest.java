package io.salesorder.customer;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class CustomerAuthTest {

    @ParameterizedTest
    @ValueSource(strings = { "/customer/list", "/customer/1" })
    void no_token_is_401(String path) {
        given().get(path).then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = { "expired", "wrong-issuer", "forged" })
    void an_invalid_token_is_401(String kind) {
        String token = switch (kind) {
            case "expired" -> TestTokens.expired("johnsmith", "USER");
            case "wrong-issuer" -> TestTokens.wrongIssuer("johnsmith", "USER");
            default -> TestTokens.forged("johnsmith", "USER");
        };
        given().header("Authorization", TestTokens.bearer(token)).get("/customer/list")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void a_valid_token_without_a_role_is_403() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("norolesuser")))
                .get("/customer/list")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void posting_without_a_token_is_401_before_validation() {
        given().contentType("application/json").body("{}").post("/customer").then().statusCode(401);
    }

    @Test
    void health_needs_no_token() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
