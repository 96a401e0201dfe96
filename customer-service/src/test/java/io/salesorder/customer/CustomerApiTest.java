package io.salesorder.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class CustomerApiTest {

    private static RequestSpecification asUser() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER")));
    }

    private static String customer(String email) {
        return """
                {"firstName":"Ada","lastName":"Lovelace","dateOfBirth":"1815-12-10","email":"%s",
                 "address":{"houseFlatNo":"12","addressLine1":"St James's Square","postCode":"SW1Y 4JH","city":"London"}}
                """.formatted(email);
    }

    private static String uniqueEmail() {
        return "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void the_demo_customers_are_listed_in_id_order_with_a_total() {
        asUser().get("/customer/list")
                .then().statusCode(200)
                .header("X-Total-Count", matchesPattern("\\d+"))
                .body("email", hasItem("john.smith@example.com"))
                .body("[0].id", equalTo(1))
                .body("[0].dateOfBirth", equalTo("1980-03-14"))
                .body("[0].address.postCode", equalTo("SW1A 1AA"))
                .body("[0].address.county", nullValue());
    }

    @Test
    void pages_split_the_list() {
        asUser().queryParam("page", 0).queryParam("size", 2).get("/customer/list")
                .then().statusCode(200).body("$", hasSize(2)).body("[0].id", equalTo(1));
        asUser().queryParam("page", 1).queryParam("size", 2).get("/customer/list")
                .then().statusCode(200).body("$", hasSize(2)).body("[0].id", equalTo(3));
    }

    @Test
    void a_page_larger_than_the_maximum_is_refused() {
        asUser().queryParam("size", 101).get("/customer/list")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("size")));
        asUser().queryParam("page", -1).get("/customer/list")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("page")));
    }

    @Test
    void a_created_customer_has_a_location_that_reads_it_back() {
        String email = uniqueEmail();
        String location = asUser().contentType(ContentType.JSON).body(customer(email))
                .post("/customer")
                .then().statusCode(201)
                .body("id", greaterThanOrEqualTo(6))
                .body("email", equalTo(email))
                .extract().header("Location");

        asUser().get(location)
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("dateOfBirth", equalTo("1815-12-10"))
                .body("address.city", equalTo("London"));
    }

    @Test
    void an_absent_customer_is_404_problem() {
        asUser().get("/customer/999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No customer with id 999999"));
    }

    @Test
    void a_parameter_of_the_wrong_type_is_a_400_naming_it() {
        ServiceContracts.assertWrongTypedParametersAreNamed(Map.of("/customer/abc", "id",
                "/customer/list?page=abc", "page", "/customer/list?size=1.5", "size"));
    }

    @Test
    void a_uri_headers_or_body_beyond_the_limits_are_problem_documents() {
        ServiceContracts.assertRequestsBeyondTheLimitsAreProblems("/customer");
    }

    @Test
    void a_date_the_column_cannot_hold_is_400_never_silently_changed() {
        for (String date : List.of("0000-01-01", "0999-12-31", "-0044-03-15")) {
            asUser().contentType(ContentType.JSON).body(customer(uniqueEmail()).replace("1815-12-10", date))
                    .post("/customer")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("dateOfBirth")));
        }
        asUser().contentType(ContentType.JSON).body(customer(uniqueEmail()).replace("1815-12-10", "1000-01-01"))
                .post("/customer")
                .then().statusCode(201)
                .body("dateOfBirth", equalTo("1000-01-01"));
    }

    @Test
    void a_second_customer_with_the_same_email_is_409() {
        asUser().contentType(ContentType.JSON).body(customer("john.smith@example.com"))
                .post("/customer")
                .then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void every_invalid_field_is_named_nested_ones_included() {
        String body = """
                {"firstName":"Abcdefghijklmnop","lastName":"","dateOfBirth":"2999-01-01","email":"nope",
                 "address":{"houseFlatNo":"","addressLine1":"x","postCode":"123456789","city":"Abcdefghijklmnop",
                            "county":"Abcdefghijklmnop"}}
                """;
        asUser().contentType(ContentType.JSON).body(body)
                .post("/customer")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("address.city", "address.county", "address.houseFlatNo",
                        "address.postCode", "dateOfBirth", "email", "firstName", "lastName")));
    }

    @Test
    void a_missing_address_is_400() {
        String body = """
                {"firstName":"Ada","lastName":"Lovelace","dateOfBirth":"1815-12-10","email":"%s"}
                """.formatted(uniqueEmail());
        asUser().contentType(ContentType.JSON).body(body)
                .post("/customer")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("address")));
    }

    @Test
    void a_date_that_is_not_iso_8601_is_400_naming_the_field() {
        String body = customer(uniqueEmail()).replace("1815-12-10", "10/12/1815");
        asUser().contentType(ContentType.JSON).body(body)
                .post("/customer")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("dateOfBirth")));
    }

    @Test
    void a_page_whose_offset_would_overflow_is_a_400_naming_the_page() {
        ServiceContracts.assertAPageBeyondTheBoundIsRefused("/customer/list");
    }

    @Test
    void a_customer_posted_by_a_client_that_offers_http2_is_created_as_over_http1() {
        ServiceContracts.assertBodiesArriveWhateverTheClientOffers("/customer",
                customer("ada.{version}." + UUID.randomUUID().toString().substring(0, 8) + "@example.org"), 201);
    }
}
