package io.salesorder.product;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.LoopbackLoad;

/**
 * A pool too small for the load (one connection, one waiter) makes the pod shed: each refusal is the distinct
 * "at capacity" 503, counted in the metrics, and readiness, which asks Redis on its own connection, stays UP.
 */
@QuarkusTest
@TestProfile(SheddingTest.TinyPool.class)
class SheddingTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.max-pool-size", "1", "quarkus.redis.max-pool-waiting", "1");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_full_pool_sheds_with_its_own_answer_is_counted_and_leaves_readiness_up() {
        Map<Integer, Integer>[] readiness = new Map[1];
        LoopbackLoad.Result load = SaturationTest.loadWithReadinessProbe(64, 10, readiness);

        assertThat(load.statuses()).as("answers by status").containsOnlyKeys(200, 503);
        assertThat(load.count(503)).as("requests shed").isPositive();
        assertThat(readiness[0]).as("readiness answers by status during the load").containsOnlyKeys(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).as("every 503 counted as shed, none as an outage")
                .containsPattern("sales_order_requests_shed_total\\{datastore=\"redis\"[^}]*\\} " + load.count(503)
                        + "\\.0");
    }
}
