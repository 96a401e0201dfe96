package io.salesorder.order.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salesorder.order.model.Order;

/**
 * Prepares the orders collection: the {@code customerId} index (creating an existing index is a no-op) and, in
 * dev and tests, the demo orders. Each demo order has a fixed id and is only inserted when absent, so three
 * replicas starting together or a restart never duplicate one. It runs in the background from the start and
 * retries until MongoDB answers, so that the service runs (not ready, answering 503) while the replica set is
 * not there yet, instead of exiting; readiness stays down until it has succeeded.
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

    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

    private final boolean demoData;
    private final AtomicBoolean prepared = new AtomicBoolean();
    private volatile boolean stopping;

    public OrderCollectionSetup(@ConfigProperty(name = "order-service.demo-data", defaultValue = "false") boolean demoData) {
        this.demoData = demoData;
    }

    void onStart(@Observes StartupEvent event) {
        Thread setup = new Thread(this::prepareUntilDone, "orders-collection-setup");
        setup.setDaemon(true);
        setup.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void prepareUntilDone() {
        int attempt = 0;
        while (!stopping && !prepared.get()) {
            try {
                prepare();
                prepared.set(true);
                if (attempt > 0) {
                    LOG.infof("The orders collection is ready after %d retries", attempt);
                }
            } catch (MongoException e) {
                if (attempt++ == 0) {
                    LOG.warnf("MongoDB does not answer yet (%s); retrying every %ds, not ready meanwhile", e.getMessage(),
                            RETRY_EVERY.toSeconds());
                }
                try {
                    Thread.sleep(RETRY_EVERY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether the index (and, where enabled, the demo orders) is in place. */
    public boolean isPrepared() {
        return prepared.get();
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
