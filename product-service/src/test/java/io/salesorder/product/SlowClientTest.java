package io.salesorder.product;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.testsupport.ServiceContracts;

@QuarkusTest
class SlowClientTest {

    @Test
    void uploads_that_stall_half_way_take_no_worker_and_end_in_a_408() {
        // More than the 200 worker threads a pod has by default.
        ServiceContracts.assertStalledUploadsPinNothing("/item", "/item/list", 250);
    }
}
