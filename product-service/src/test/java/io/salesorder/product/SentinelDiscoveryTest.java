package io.salesorder.product;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.RedisResource;
import io.salesorder.testsupport.RedisServer;
import io.salesorder.testsupport.TestTokens;

/**
 * The production connection path: the service is given only a Sentinel's address and the master's name, and
 * must ask the Sentinel where the master is. The Sentinel's port answers no data commands, so any item read
 * proves the discovery worked.
 */
@QuarkusTest
@TestProfile(SentinelDiscoveryTest.ThroughSentinel.class)
class SentinelDiscoveryTest {

    public static class ThroughSentinel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RedisServer redis = RedisResource.server();
            return RedisServer.sentinelClientConfig(redis.startSentinel(), redis.password());
        }
    }

    @Test
    void the_service_finds_the_master_through_the_sentinel() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("johnsmith", "USER")))
                .get("/item/Laptop")
                .then().statusCode(200)
                .body("price", equalTo(999.99f));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
