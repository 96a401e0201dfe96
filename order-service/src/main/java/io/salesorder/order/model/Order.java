package io.salesorder.order.model;

import java.time.Instant;
import java.util.List;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntity;

/** An order as stored in the {@code orders} collection. */
@MongoEntity(collection = "orders")
public class Order extends PanacheMongoEntity {

    public long customerId;

    public List<String> items;

    public Instant createdAt;
}
