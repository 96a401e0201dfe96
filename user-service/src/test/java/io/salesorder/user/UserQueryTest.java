package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class UserQueryTest {

    private static final String ADMIN = TestTokens.bearer(TestTokens.token("colinbut", "ADMIN", "USER"));
    private static final String JOHN = TestTokens.bearer(TestTokens.token("emmawilson", "USER"));

    @Test
    void an_administrator_lists_every_user() {
        given().header("Authorization", ADMIN)
                .get("/users/list")
                .then().statusCode(200)
                .body("username", hasItems("colinbut", "marksutton", "emmawilson", "rebeckahv", "antonmurphy"));
    }

    @Test
    void a_user_cannot_list_users() {
        given().header("Authorization", JOHN)
                .get("/users/list")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("The token does not grant the role this operation needs"));
    }

    @Test
    void listing_without_a_token_is_401() {
        given().get("/users/list")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = { "expired", "wrong-issuer", "forged", "garbage" })
    void a_bad_token_is_401(String kind) {
        String token = switch (kind) {
            case "expired" -> TestTokens.expired("colinbut", "ADMIN");
            case "wrong-issuer" -> TestTokens.wrongIssuer("colinbut", "ADMIN");
            case "forged" -> TestTokens.forged("colinbut", "ADMIN");
            default -> "not.a.token";
        };
        given().header("Authorization", TestTokens.bearer(token))
                .get("/users/list")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void a_user_reads_itself() {
        given().header("Authorization", JOHN).queryParam("username", "emmawilson")
                .get("/user")
                .then().statusCode(200)
                .body("username", equalTo("emmawilson"))
                .body("email", equalTo("emma.wilson@salesorder.test"));
    }

    @Test
    void a_user_cannot_read_another_user() {
        given().header("Authorization", JOHN).queryParam("username", "marksutton")
                .get("/user")
                .then().statusCode(403);
    }

    @Test
    void an_administrator_reads_anyone() {
        given().header("Authorization", ADMIN).queryParam("username", "marksutton")
                .get("/user")
                .then().statusCode(200)
                .body("name", equalTo("Mark Sutton"));
    }

    @Test
    void an_unknown_user_is_404_problem() {
        given().header("Authorization", ADMIN).queryParam("username", "nobodyhere")
                .get("/user")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No user named nobodyhere"));
    }

    @Test
    void a_missing_username_is_400() {
        given().header("Authorization", ADMIN)
                .get("/user")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("username"));
    }

    @Test
    void reading_a_user_without_a_token_is_401() {
        given().queryParam("username", "emmawilson")
                .get("/user")
                .then().statusCode(401);
    }

    @Test
    void an_unknown_path_is_404_problem() {
        given().get("/no/such/path")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
