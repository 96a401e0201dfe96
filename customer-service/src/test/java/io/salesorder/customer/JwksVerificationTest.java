package io.salesorder.customer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.JwksServer;
import io.salesorder.testsupport.TestTokens;

/**
 * The production verification path: the key comes from a JWKS URL (user-service's, in the cluster), not a file.
 * Shared by every service that verifies tokens (they configure it the same way); tested here once.
 */
@QuarkusTest
@TestProfile(JwksVerificationTest.FromJwksUrl.class)
class JwksVerificationTest {

    public static class FromJwksUrl implements QuarkusTestProfile {
        static final JwksServer JWKS = JwksServer.start();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", JWKS.url());
        }
    }

    @Test
    void a_token_is_verified_with_the_published_key_set() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER")))
                .get("/customer/1").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.forged("johnsmith", "USER")))
                .get("/customer/1").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(TestTokens.expired("johnsmith", "USER")))
                .get("/customer/1").then().statusCode(401);
        assertThat(FromJwksUrl.JWKS.requests()).isPositive();
    }
}
