package io.salesorder.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.salesorder.testsupport.RedisServer;
import io.salesorder.testsupport.TestTokens;

/**
 * A master, a replica and a Sentinel, as in the platform's StatefulSet: when the master dies, the Sentinel
 * promotes the replica, and the service, which knows only the Sentinel, follows it for reads and writes.
 */
@QuarkusTest
@TestProfile(RedisFailoverTest.MasterReplicaAndSentinel.class)
class RedisFailoverTest {

    public static class MasterReplicaAndSentinel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RedisServer.ReplicatedGroup group = RedisServer.replicatedGroup();
            return RedisServer.sentinelClientConfig(group.sentinelPort(), group.master().password());
        }
    }

    private static final String TOKEN = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));

    @Test
    void when_the_master_dies_the_service_follows_the_promoted_replica() {
        RedisServer.ReplicatedGroup group = RedisServer.replicatedGroup();
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{\"name\":\"Before failover\",\"price\":1.50}")
                .post("/item").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(group.replica().command("GET", "product:item:Before failover")).isEqualTo("1.50"));

        group.master().crash();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            given().header("Authorization", TOKEN).get("/item/{name}", "Before failover").then().statusCode(200);
            given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                    .body("{\"name\":\"After failover\",\"price\":2.25}")
                    .post("/item").then().statusCode(anyOf(is(201), is(409)));
        });
        assertThat(group.replica().command("GET", "product:item:After failover"))
                .as("the write reached the promoted replica").isEqualTo("2.25");
    }
}
