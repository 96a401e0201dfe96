package io.salesorder.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.MariaDbResource;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class DatabaseOutageTest {

    @Test
    void while_the_database_is_gone_requests_fail_fast_with_503_and_recover_by_themselves() {
        ServiceContracts.assertOutageFailsFastAndRecovers(MariaDbResource.proxy(), "/customer/1");
    }

    @Test
    void a_database_lost_at_commit_is_a_503_with_retry_after_and_the_service_recovers() {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String body = """
                {"firstName":"Ada","lastName":"Lovelace","dateOfBirth":"1815-12-10","email":"%s",
                 "address":{"houseFlatNo":"12","addressLine1":"St James's Square","postCode":"SW1Y 4JH","city":"London"}}
                """.formatted(email);
        MariaDbResource.proxy().cutOnMySqlStatement("commit");
        try {
            given().header("Authorization", token).contentType("application/json").body(body).post("/customer")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        } finally {
            MariaDbResource.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().header("Authorization", token).get("/customer/1").then().statusCode(200));
    }
}
