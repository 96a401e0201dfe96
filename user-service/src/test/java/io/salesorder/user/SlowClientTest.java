package io.salesorder.user;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.ServiceContracts;

@QuarkusTest
class SlowClientTest {

    @Test
    void uploads_that_stall_half_way_take_no_worker_and_end_in_a_408() {
        // More than the 200 worker threads a pod has by default.
        ServiceContracts.assertStalledUploadsPinNothing("/signup", "/users/list", 250);
    }
}
