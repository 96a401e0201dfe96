package io.salesorder.product;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.salesorder.product.service.DemoItems;

@QuarkusTest
class ItemStoreLayoutTest {

    @Inject
    RedisDataSource redis;

    @Inject
    DemoItems demoItems;

    @Test
    void every_indexed_name_has_its_price_key_and_the_other_way_round() {
        long indexed = redis.execute("ZCARD", "product:items").toLong();
        long keys = 0;
        String cursor = "0";
        do {
            var page = redis.execute("SCAN", cursor, "MATCH", "product:item:*", "COUNT", "1000");
            cursor = page.get(0).toString();
            keys += page.get(1).size();
        } while (!"0".equals(cursor));
        assertThat(indexed).isGreaterThanOrEqualTo(7).isEqualTo(keys);
    }

    @Test
    void loading_the_demo_items_again_creates_nothing() {
        long before = redis.execute("ZCARD", "product:items").toLong();
        assertThat(demoItems.load()).isZero();
        assertThat(redis.execute("ZCARD", "product:items").toLong()).isEqualTo(before);
    }
}
