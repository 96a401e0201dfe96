package io.salesorder.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.salesorder.testsupport.LoopbackLoad;
import io.salesorder.testsupport.TestTokens;

/**
 * With Redis healthy, 64 concurrent clients on {@code /item/list} get no 503 (the pool queues them), and readiness
 * stays UP throughout: a busy pod is not an outage.
 */
@QuarkusTest
class SaturationTest {

    static LoopbackLoad.Result loadWithReadinessProbe(int connections, int requestsEach,
            Map<Integer, Integer>[] readiness) {
        String token = TestTokens.bearer(TestTokens.token("johnsmith", "USER"));
        AtomicReference<LoopbackLoad.Result> load = new AtomicReference<>();
        readiness[0] = LoopbackLoad.probeDuring(RestAssured.port, "/q/health/ready", () -> load.set(
                LoopbackLoad.run(RestAssured.port, "/item/list", token, connections, requestsEach)));
        return load.get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sixty_four_concurrent_clients_get_no_503_and_readiness_holds_during_the_load() {
        Map<Integer, Integer>[] readiness = new Map[1];
        LoopbackLoad.Result load = loadWithReadinessProbe(64, 40, readiness);
        assertThat(load.statuses()).as("answers by status").containsOnlyKeys(200);
        assertThat(readiness[0]).as("readiness answers by status during the load").containsOnlyKeys(200);
    }
}
