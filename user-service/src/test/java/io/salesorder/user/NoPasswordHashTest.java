package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.salesorder.testsupport.TestTokens;

/** Every response that carries users is scanned for anything that looks like a password or its hash. */
@QuarkusTest
class NoPasswordHashTest {

    @Test
    void no_response_carries_a_password_or_a_bcrypt_hash() {
        String admin = TestTokens.bearer(TestTokens.token("colinbut", "ADMIN", "USER"));
        List<String> bodies = new ArrayList<>();
        bodies.add(given().header("Authorization", admin).get("/users/list").then().statusCode(200).extract().asString());
        bodies.add(given().header("Authorization", admin).queryParam("username", "emmawilson").get("/user")
                .then().statusCode(200).extract().asString());
        bodies.add(given().contentType(ContentType.JSON)
                .body("{\"name\":\"Hash Check\",\"email\":\"hash@example.org\",\"username\":\"hashcheck1\",\"password\":\"hashcheck1pw\"}")
                .post("/signup").then().statusCode(201).extract().asString());
        bodies.add(given().contentType(ContentType.JSON)
                .body("{\"username\":\"hashcheck1\",\"password\":\"hashcheck1pw\"}")
                .post("/authenticate").then().statusCode(200).extract().asString());
        bodies.add(given().contentType(ContentType.JSON)
                .body("{\"name\":\"Hash Check\",\"email\":\"hash@example.org\",\"username\":\"hashcheck1\",\"password\":\"hashcheck1pw\"}")
                .post("/signup").then().statusCode(409).extract().asString());

        assertThat(bodies).hasSize(5).allSatisfy(body -> assertThat(body)
                .doesNotContainPattern("\\$2[aby]?\\$")
                .doesNotContainIgnoringCase("password")
                .doesNotContain("hashcheck1pw"));
    }
}
