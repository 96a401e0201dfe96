package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class SignupTest {

    private static String freshUsername() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
    }

    private static String signup(String username, String roles) {
        return "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\",\"username\":\"" + username
                + "\",\"password\":\"secretpw1\",\"roles\":" + roles + "}";
    }

    @Test
    void a_new_user_is_created_with_the_user_role_and_a_location() {
        String username = freshUsername();
        given().contentType(ContentType.JSON).body(signup(username, "[]"))
                .post("/signup")
                .then().statusCode(201)
                .header("Location", endsWith("/user?username=" + username))
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("USER")))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));

        given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"secretpw1\"}")
                .post("/authenticate")
                .then().statusCode(200);
    }

    @Test
    void a_taken_username_is_409() {
        given().contentType(ContentType.JSON).body(signup("emmawilson", "[\"USER\"]"))
                .post("/signup")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("The username emmawilson is taken"));
    }

    @Test
    void an_anonymous_caller_cannot_grant_itself_admin() {
        String username = freshUsername();
        given().contentType(ContentType.JSON).body(signup(username, "[\"ADMIN\"]"))
                .post("/signup")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("Only an administrator can grant ADMIN"));

        given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"secretpw1\"}")
                .post("/authenticate")
                .then().statusCode(401);
    }

    @Test
    void a_user_token_cannot_grant_admin_either() {
        given().contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.token("emmawilson", "USER")))
                .body(signup(freshUsername(), "[\"USER\",\"ADMIN\"]"))
                .post("/signup")
                .then().statusCode(403);
    }

    @Test
    void the_original_roles_can_be_asked_for_and_every_account_is_a_user() {
        given().contentType(ContentType.JSON).body(signup(freshUsername(), "[\"DEV\",\"TEST\"]"))
                .post("/signup")
                .then().statusCode(201)
                .body("roles", equalTo(List.of("USER", "DEV", "TEST")));
    }

    @Test
    void an_administrator_can_create_an_administrator() {
        given().contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.token("colinbut", "ADMIN", "USER")))
                .body(signup(freshUsername(), "[\"ADMIN\"]"))
                .post("/signup")
                .then().statusCode(201)
                .body("roles", equalTo(List.of("USER", "ADMIN")));
    }

    @Test
    void a_forged_token_on_signup_is_401_not_a_silent_anonymous_signup() {
        given().contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.forged("colinbut", "ADMIN")))
                .body(signup(freshUsername(), "[\"ADMIN\"]"))
                .post("/signup")
                .then().statusCode(401);
    }

    @Test
    void every_invalid_field_is_named() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"email\":\"not-an-email\",\"username\":\"short\",\"password\":\"toolongpassword123\"}")
                .post("/signup")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("email", "name", "password", "username")));
    }

    @Test
    void a_username_of_seventeen_characters_is_refused() {
        given().contentType(ContentType.JSON).body(signup("abcdefghijklmnopq", "[]"))
                .post("/signup")
                .then().statusCode(400)
                .body("violations.field", hasItem("username"));
    }

    @Test
    void an_unknown_role_is_400() {
        given().contentType(ContentType.JSON).body(signup(freshUsername(), "[\"ROOT\"]"))
                .post("/signup")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("roles[0]"));
    }

    @Test
    void usernames_differ_by_more_than_case_for_sign_up_and_login() {
        given().contentType(ContentType.JSON).body(signup("EmmaWilson", "[]"))
                .post("/signup")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"EMMAWILSON\",\"password\":\"password3\"}")
                .post("/authenticate")
                .then().statusCode(200);
    }
}
