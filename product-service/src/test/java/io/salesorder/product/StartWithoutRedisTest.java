package io.salesorder.product;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.OutageProxy;
import io.salesorder.testsupport.RedisResource;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.UnreachableAtStartResource;

/** product-service started while Redis does not answer (its pods are still electing a master on a cluster). */
@QuarkusTest
@TestProfile(StartWithoutRedisTest.RedisUnreachableAtStart.class)
class StartWithoutRedisTest {

    public static class RedisUnreachableAtStart implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CutRedis.class));
        }
    }

    public static class CutRedis extends UnreachableAtStartResource {
        @Override
        protected String datastore() {
            return "127.0.0.1:" + RedisResource.server().port();
        }

        @Override
        protected Map<String, String> settingsThrough(OutageProxy relay) {
            return Map.of("quarkus.redis.hosts", "redis://" + relay.hostAndPort(),
                    "quarkus.redis.password", RedisResource.server().password());
        }
    }

    @Test
    void it_runs_not_ready_with_fast_503s_until_redis_answers_then_serves_without_a_restart() {
        ServiceContracts.assertStartsWithoutItsDatastoreThenServes("/item/list");
    }
}
