package io.salesorder.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class OrderApiTest {

    private static RequestSpecification asUser() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER")));
    }

    @Test
    void the_demo_orders_are_listed_oldest_first_with_a_total() {
        asUser().get("/orders/list")
                .then().statusCode(200)
                .header("X-Total-Count", matchesPattern("\\d+"))
                .body("[0].id", equalTo("5f0000000000000000000001"))
                .body("[0].customerId", equalTo(1))
                .body("[0].items", equalTo(List.of("Laptop", "Mouse")))
                .body("[0].createdAt", equalTo("2024-01-05T10:15:00Z"));
    }

    @Test
    void pages_split_the_list_and_a_too_large_page_is_refused() {
        asUser().queryParam("size", 3).get("/orders/list").then().statusCode(200).body("$", hasSize(3));
        asUser().queryParam("page", 1).queryParam("size", 3).get("/orders/list")
                .then().statusCode(200).body("[0].id", equalTo("5f0000000000000000000004"));
        asUser().queryParam("size", 500).get("/orders/list")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("size")));
    }

    @Test
    void the_orders_of_a_customer_are_only_theirs() {
        asUser().queryParam("customerId", 1).get("/orders")
                .then().statusCode(200)
                .body("customerId", everyItem(equalTo(1)))
                .body("id", hasItem("5f0000000000000000000003"));
        asUser().queryParam("customerId", 424242).get("/orders").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void a_customer_id_is_required_to_filter() {
        asUser().get("/orders").then().statusCode(400).body("violations.field", equalTo(List.of("customerId")));
        asUser().queryParam("customerId", "abc").get("/orders").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("customerId")))
                .body("violations.message", equalTo(List.of("must be a whole number")));
    }

    @Test
    void a_placed_order_has_a_location_that_reads_it_back() {
        String location = asUser().contentType(ContentType.JSON)
                .body("{\"customerId\":5,\"items\":[\"Desk\",\"Chair\"]}")
                .post("/order")
                .then().statusCode(201)
                .body("customerId", equalTo(5))
                .body("items", equalTo(List.of("Desk", "Chair")))
                .extract().header("Location");

        asUser().get(location).then().statusCode(200).body("items", equalTo(List.of("Desk", "Chair")));
        asUser().queryParam("customerId", 5).get("/orders").then().statusCode(200).body("items", hasItem(List.of("Desk", "Chair")));
    }

    @Test
    void an_absent_or_malformed_order_id_is_404() {
        asUser().get("/order/5f00000000000000000000ff").then().statusCode(404).contentType("application/problem+json");
        asUser().get("/order/not-an-id").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void an_order_needs_a_customer_and_at_least_one_non_blank_item() {
        asUser().contentType(ContentType.JSON).body("{\"items\":[]}")
                .post("/order")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("customerId", "items")));
        asUser().contentType(ContentType.JSON).body("{\"customerId\":1,\"items\":[\"Pen\",\" \"]}")
                .post("/order")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("items[1]")));
        asUser().contentType(ContentType.JSON).body("{\"customerId\":\"one\",\"items\":[\"Pen\"]}")
                .post("/order")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("customerId")));
    }

    @Test
    void tokens_are_required_and_checked() {
        ServiceContracts.assertTokensAreRequiredAndChecked("/orders/list");
    }

    @Test
    void a_page_whose_offset_would_overflow_is_a_400_naming_the_page() {
        io.salesorder.testsupport.ServiceContracts.assertAPageBeyondTheBoundIsRefused("/orders/list");
    }

    @Test
    void a_parameter_of_the_wrong_type_is_a_400_naming_it() {
        io.salesorder.testsupport.ServiceContracts.assertWrongTypedParametersAreNamed(java.util.Map.of(
                "/orders/list?page=abc", "page", "/orders/list?size=x", "size", "/orders?customerId=abc", "customerId"));
    }

    @Test
    void a_uri_headers_or_body_beyond_the_limits_are_problem_documents() {
        io.salesorder.testsupport.ServiceContracts.assertRequestsBeyondTheLimitsAreProblems("/order");
    }
}
