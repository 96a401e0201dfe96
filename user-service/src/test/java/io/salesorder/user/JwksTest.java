package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class JwksTest {

    @Test
    void the_published_key_set_verifies_issued_tokens_and_holds_no_private_part() throws Exception {
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        assertThat(jwks).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
        JsonWebKeySet set = new JsonWebKeySet(jwks);
        assertThat(set.getJsonWebKeys()).hasSize(1);
        RsaJsonWebKey key = (RsaJsonWebKey) set.getJsonWebKeys().get(0);
        assertThat(key.getAlgorithm()).isEqualTo("RS256");
        assertThat(key.getUse()).isEqualTo("sig");

        String token = given().contentType(ContentType.JSON)
                .body("{\"username\":\"rebeckahv\",\"password\":\"password5\"}")
                .post("/authenticate").then().statusCode(200).extract().path("jwtToken");

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo(key.getKeyId());
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");

        JsonWebKey verifier = set.findJsonWebKey(jws.getKeyIdHeaderValue(), "RSA", "sig", "RS256");
        var claims = new JwtConsumerBuilder().setVerificationKey(verifier.getKey())
                .setExpectedIssuer("Sales Order System")
                .setExpectedAudience(TestTokens.AUDIENCE).build().processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("rebeckahv");
    }
}
