package io.salesorder.order;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.MongoResource;
import io.salesorder.testsupport.ServiceContracts;

@QuarkusTest
class MongoOutageTest {

    @Test
    void while_mongodb_is_gone_requests_fail_fast_with_503_and_recover_by_themselves() {
        ServiceContracts.assertOutageFailsFastAndRecovers(MongoResource.proxy(), "/orders/list");
    }
}
