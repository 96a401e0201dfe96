package io.salesorder.customer;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.MariaDbResource;
import io.salesorder.testsupport.ServiceContracts;

@QuarkusTest
class DatabaseOutageTest {

    @Test
    void while_the_database_is_gone_requests_fail_fast_with_503_and_recover_by_themselves() {
        ServiceContracts.assertOutageFailsFastAndRecovers(MariaDbResource.proxy(), "/customer/1");
    }
}
