package io.salesorder.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class ItemApiTest {

    private static RequestSpecification asUser() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER")));
    }

    private static String uniqueName() {
        return "Item " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void the_demo_items_are_listed_by_name_with_a_total() {
        String body = asUser().queryParam("size", 100).get("/item/list")
                .then().statusCode(200)
                .header("X-Total-Count", matchesPattern("\\d+"))
                .extract().asString();
        assertThat(body).contains("{\"name\":\"Headphones\",\"price\":149.50}")
                .contains("{\"name\":\"Smartphone\",\"price\":699.00}");
    }

    @Test
    void pages_split_the_list_in_name_order() {
        List<String> all = asUser().queryParam("size", 100).get("/item/list").then().extract().jsonPath().getList("name");
        assertThat(all).isSorted();
        asUser().queryParam("page", 1).queryParam("size", 2).get("/item/list")
                .then().statusCode(200).body("$", hasSize(2)).body("[0].name", equalTo(all.get(2)));
        asUser().queryParam("size", 101).get("/item/list").then().statusCode(400)
                .body("violations.field", equalTo(List.of("size")));
    }

    @Test
    void a_price_round_trips_exactly_as_a_json_number() {
        String name = uniqueName();
        String created = asUser().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"price\":0.10}")
                .post("/item")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/item/Item%20[0-9a-f]{8}"))
                .extract().asString();
        assertThat(created).isEqualTo("{\"name\":\"" + name + "\",\"price\":0.10}");

        String read = asUser().get("/item/{name}", name).then().statusCode(200).extract().asString();
        assertThat(read).isEqualTo("{\"name\":\"" + name + "\",\"price\":0.10}");
    }

    @Test
    void prices_are_kept_with_two_decimals_whatever_their_spelling() {
        String whole = uniqueName();
        asUser().contentType(ContentType.JSON).body("{\"name\":\"" + whole + "\",\"price\":12}")
                .post("/item").then().statusCode(201);
        assertThat(asUser().get("/item/{name}", whole).then().extract().asString()).endsWith("\"price\":12.00}");

        String large = uniqueName();
        asUser().contentType(ContentType.JSON).body("{\"name\":\"" + large + "\",\"price\":9999999999.99}")
                .post("/item").then().statusCode(201);
        assertThat(asUser().get("/item/{name}", large).then().extract().asString()).endsWith("\"price\":9999999999.99}");
    }

    @Test
    void a_second_item_of_the_same_name_is_409_and_changes_nothing() {
        asUser().contentType(ContentType.JSON).body("{\"name\":\"Laptop\",\"price\":1.00}")
                .post("/item").then().statusCode(409).contentType("application/problem+json");
        asUser().get("/item/Laptop").then().statusCode(200).body("price", equalTo(999.99f));
    }

    @Test
    void an_absent_item_is_404_problem() {
        asUser().get("/item/{name}", "No Such Thing").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No item named No Such Thing"));
    }

    @Test
    void invalid_items_are_400_naming_each_field() {
        asUser().contentType(ContentType.JSON).body("{\"name\":\"\",\"price\":-1}")
                .post("/item").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("name", "price")));
        asUser().contentType(ContentType.JSON).body("{\"name\":\"Pen\",\"price\":1.005}")
                .post("/item").then().statusCode(400)
                .body("violations.field", equalTo(List.of("price")));
        asUser().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(101) + "\",\"price\":1}")
                .post("/item").then().statusCode(400)
                .body("violations.field", equalTo(List.of("name")));
        asUser().contentType(ContentType.JSON).body("{\"name\":\"Pen\"}")
                .post("/item").then().statusCode(400)
                .body("violations.field", equalTo(List.of("price")));
        asUser().contentType(ContentType.JSON).body("{\"name\":\"Pen\",\"price\":\"cheap\"}")
                .post("/item").then().statusCode(400)
                .body("violations.field", equalTo(List.of("price")));
    }

    @Test
    void tokens_are_required_and_checked() {
        ServiceContracts.assertTokensAreRequiredAndChecked("/item/list");
    }

    @Test
    void a_page_whose_offset_would_overflow_is_a_400_naming_the_page() {
        io.salesorder.testsupport.ServiceContracts.assertAPageBeyondTheBoundIsRefused("/item/list");
    }

    @Test
    void a_name_that_is_not_valid_unicode_is_a_400_and_stores_nothing() {
        String name = uniqueName();
        // A lone UTF-16 surrogate, as JSON may carry it escaped: no text, so neither an item name nor a Location.
        asUser().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\\ud800\",\"price\":1.00}")
                .post("/item").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("name")));
        List<String> names = asUser().queryParam("size", 100).get("/item/list").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertThat(names).noneMatch(n -> n.startsWith(name));
    }

    @Test
    void a_parameter_of_the_wrong_type_is_a_400_naming_it() {
        io.salesorder.testsupport.ServiceContracts.assertWrongTypedParametersAreNamed(java.util.Map.of(
                "/item/list?page=abc", "page", "/item/list?size=2.5", "size"));
    }

    @Test
    void a_uri_headers_or_body_beyond_the_limits_are_problem_documents() {
        io.salesorder.testsupport.ServiceContracts.assertRequestsBeyondTheLimitsAreProblems("/item");
    }
}
