package io.salesorder.order;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.MongoResource;
import io.salesorder.testsupport.OutageProxy;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.UnreachableAtStartResource;

/** order-service started while MongoDB does not answer (the replica set is not initiated yet on a cluster). */
@QuarkusTest
@TestProfile(StartWithoutMongoTest.MongoUnreachableAtStart.class)
class StartWithoutMongoTest {

    public static class MongoUnreachableAtStart implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CutMongo.class));
        }
    }

    public static class CutMongo extends UnreachableAtStartResource {
        @Override
        protected String datastore() {
            return MongoResource.server().replicaSetUrl().replaceFirst("^mongodb://([^/]+)/.*$", "$1");
        }

        @Override
        protected Map<String, String> settingsThrough(OutageProxy relay) {
            return Map.of("quarkus.mongodb.connection-string", "mongodb://" + relay.hostAndPort() + "/?replicaSet=rs0");
        }
    }

    @Test
    void it_runs_not_ready_with_fast_503s_until_mongodb_answers_then_serves_without_a_restart() {
        ServiceContracts.assertStartsWithoutItsDatastoreThenServes("/orders/list");
    }
}
