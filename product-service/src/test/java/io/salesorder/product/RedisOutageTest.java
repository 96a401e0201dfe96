package io.salesorder.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.salesorder.testsupport.RedisResource;
import io.salesorder.testsupport.TestTokens;

@QuarkusTest
class RedisOutageTest {

    @Test
    void while_redis_is_gone_requests_fail_fast_with_503_and_recover_by_themselves() {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        given().header("Authorization", token).get("/item/list").then().statusCode(200);

        RedisResource.proxy().cut();
        try {
            long start = System.nanoTime();
            Response during = given().header("Authorization", token).get("/item/list");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.contentType()).startsWith("application/problem+json");
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            RedisResource.proxy().restore();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().header("Authorization", token).get("/item/list").then().statusCode(200);
        });
    }
}
