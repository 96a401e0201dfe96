package io.salesorder.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.salesorder.testsupport.MongoResource;
import io.salesorder.testsupport.OutageProxy;
import io.salesorder.testsupport.TestTokens;

/**
 * order-service started while MongoDB does not answer (the replica set is not initiated yet on a cluster): it
 * keeps running, not ready, answering 503, and serves once MongoDB comes, without a restart.
 */
@QuarkusTest
@TestProfile(StartWithoutMongoTest.MongoUnreachableAtStart.class)
class StartWithoutMongoTest {

    public static class MongoUnreachableAtStart implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CutRelay.class));
        }
    }

    /** A relay to the test server that is cut before the application starts. */
    public static class CutRelay implements QuarkusTestResourceLifecycleManager {
        static OutageProxy relay;

        /** Started after the module's MongoResource, so that its connection string is the one applied. */
        @Override
        public int order() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Map<String, String> start() {
            String member = MongoResource.server().replicaSetUrl().replaceFirst("^mongodb://([^/]+)/.*$", "$1");
            relay = OutageProxy.to(member.substring(0, member.lastIndexOf(':')), Integer.parseInt(member.substring(member.lastIndexOf(':') + 1)));
            relay.cut();
            return Map.of("quarkus.mongodb.connection-string", "mongodb://" + relay.hostAndPort() + "/?replicaSet=rs0");
        }

        @Override
        public void stop() {
            relay.close();
        }
    }

    @Test
    void it_runs_not_ready_with_fast_503s_until_mongodb_answers_then_serves_without_a_restart() {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503);
        long start = System.nanoTime();
        Response during = given().header("Authorization", token).get("/orders/list");
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isEqualTo("5");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

        CutRelay.relay.restore();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().header("Authorization", token).get("/orders/list").then().statusCode(200);
        });
    }
}
