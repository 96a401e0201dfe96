package io.salesorder.customer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salesorder.testsupport.MariaDbServer;
import io.salesorder.testsupport.OutageProxy;
import io.salesorder.testsupport.ServiceContracts;
import io.salesorder.testsupport.UnreachableAtStartResource;

/** customer-service started while MySQL does not answer: it migrates once MySQL comes. */
@QuarkusTest
@TestProfile(StartWithoutMySqlTest.MySqlUnreachableAtStart.class)
class StartWithoutMySqlTest {

    public static class MySqlUnreachableAtStart implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CutMySql.class));
        }
    }

    /** A fresh database, so that the migration runs once it is reachable. */
    public static class CutMySql extends UnreachableAtStartResource {
        private final MariaDbServer.Database database = MariaDbServer.shared().createDatabase("unreachable_at_start");

        @Override
        protected String datastore() {
            return "127.0.0.1:" + MariaDbServer.shared().port();
        }

        @Override
        protected Map<String, String> settingsThrough(OutageProxy relay) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", database.jdbcUrl(relay.port()),
                    "quarkus.datasource.username", database.user(),
                    "quarkus.datasource.password", database.password());
        }
    }

    @Test
    void it_runs_not_ready_with_fast_503s_until_mysql_answers_then_migrates_and_serves_without_a_restart() {
        ServiceContracts.assertStartsWithoutItsDatastoreThenServes("/customer/list");
    }
}
