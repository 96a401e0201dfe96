package io.salesorder.customer;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.ServiceContracts;

@QuarkusTest
class CustomerAuthTest {

    @ParameterizedTest
    @ValueSource(strings = { "/customer/list", "/customer/1" })
    void tokens_are_required_and_checked(String path) {
        ServiceContracts.assertTokensAreRequiredAndChecked(path);
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
