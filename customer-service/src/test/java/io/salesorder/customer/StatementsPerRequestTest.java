package io.salesorder.customer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.salesorder.testsupport.MariaDbResource;
import io.salesorder.testsupport.TestTokens;

/** What a read costs the database, statement by statement, as MariaDB's general log records them. */
@QuarkusTest
class StatementsPerRequestTest {

    private static RequestSpecification user() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER")));
    }

    private static List<String> statementsDuring(Runnable work) {
        return MariaDbResource.database().server().statementsOf(MariaDbResource.database().user(), work);
    }

    @Test
    void a_page_of_customers_costs_two_statements_whatever_its_size() {
        for (int size : new int[] { 5, 100 }) {
            // A first request warms the pool, so that only the page's own statements are counted.
            user().queryParam("size", size).get("/customer/list").then().statusCode(200);
            List<String> statements = statementsDuring(
                    () -> user().queryParam("size", size).get("/customer/list").then().statusCode(200));
            assertThat(statements).as("a page of " + size + ": the rows and the total").hasSize(2);
            assertThat(statements).anySatisfy(s -> assertThat(s).containsIgnoringCase("count("));
        }
    }

    @Test
    void a_customer_by_id_costs_one_statement() {
        user().get("/customer/1").then().statusCode(200);
        List<String> statements = statementsDuring(() -> user().get("/customer/1").then().statusCode(200));
        assertThat(statements).as("the customer with its address").hasSize(1);
    }
}
