package io.salesorder.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = { "live", "ready", "started" })
    void health_is_up_without_a_token(String probe) {
        given().get("/q/health/" + probe)
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void openapi_documents_the_api() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/authenticate"))
                .body(containsString("/signup"))
                .body(containsString("/users/list"))
                .body(containsString("bearer"));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }
}
