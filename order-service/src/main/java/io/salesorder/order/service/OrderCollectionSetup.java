package io.salesorder.order.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salesorder.problem.DatastorePreparation;
import io.salesorder.order.model.Order;

/**
 * Prepares the orders collection: the {@code customerId} index (creating an existing index is a no-op) and, in
 * dev and tests, the demo orders. Each demo order has a fixed id and is only inserted when absent, so three
 * replicas starting together or a restart never duplicate one. It runs at start when MongoDB answers, and otherwise
 * in the background until it does ({@link DatastorePreparation}): the service runs, not ready, while the replica
 * set is not there yet, instead of exiting.
 */
@ApplicationScoped
public class OrderCollectionSetup {

    private static final Logger LOG = Logger.getLogger(OrderCollectionSetup.class);

    record DemoOrder(String id, long customerId, List<String> items, String createdAt) {
    }

    static final List<DemoOrder> DEMO_ORDERS = List.of(
            new DemoOrder("5f0000000000000000000001", 1, List.of("Laptop", "Mouse"), "2024-01-05T10:15:00Z"),
            new DemoOrder("5f0000000000000000000002", 2, List.of("Smartphone"), "2024-01-06T14:30:00Z"),
            new DemoOrder("5f0000000000000000000003", 1, List.of("Headphones", "Keyboard", "Monitor"), "2024-02-11T09:00:00Z"),
            new DemoOrder("5f0000000000000000000004", 3, List.of("Tablet"), "2024-03-20T17:45:00Z"));

    private final boolean demoData;
    private final DatastorePreparation preparation = new DatastorePreparation("The orders collection", this::prepare);

    public OrderCollectionSetup(@ConfigProperty(name = "order-service.demo-data", defaultValue = "false") boolean demoData) {
        this.demoData = demoData;
    }

    void onStart(@Observes StartupEvent event) {
        preparation.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        preparation.stop();
    }

    /** Whether the index (and, where enabled, the demo orders) is in place. */
    public boolean isPrepared() {
        return preparation.isDone();
    }

    /** Creates the index and, where enabled, the demo orders; returns how many demo orders it inserted. */
    public int prepare() {
        MongoCollection<Document> orders = Order.mongoDatabase().getCollection("orders");
        orders.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("customerId_1"));
        if (!demoData) {
            return 0;
        }
        int inserted = 0;
        for (DemoOrder demo : DEMO_ORDERS) {
            var result = orders.updateOne(new Document("_id", new ObjectId(demo.id())),
                    Updates.combine(
                            Updates.setOnInsert("customerId", demo.customerId()),
                            Updates.setOnInsert("items", demo.items()),
                            Updates.setOnInsert("createdAt", java.util.Date.from(Instant.parse(demo.createdAt())))),
                    new UpdateOptions().upsert(true));
            inserted += result.getUpsertedId() != null ? 1 : 0;
        }
        LOG.infof("Demo orders: %d inserted, %d already present", inserted, DEMO_ORDERS.size() - inserted);
        return inserted;
    }
}
