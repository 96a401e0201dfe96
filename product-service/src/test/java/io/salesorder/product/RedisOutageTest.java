package io.salesorder.product;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.RedisResource;
import io.salesorder.testsupport.ServiceContracts;

@QuarkusTest
class RedisOutageTest {

    @Test
    void while_redis_is_gone_requests_fail_fast_with_503_and_recover_by_themselves() {
        ServiceContracts.assertOutageFailsFastAndRecovers(RedisResource.proxy(), "/item/list");
    }
}
