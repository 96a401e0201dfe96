package io.salesorder.product.service;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salesorder.problem.DatastorePreparation;

/**
 * The seven demo items, in dev and tests only; each is created only when absent. Loaded at start when Redis answers
 * and otherwise in the background until it does, so that the service never exits for a Redis not there yet.
 */
@ApplicationScoped
public class DemoItems {

    private static final Logger LOG = Logger.getLogger(DemoItems.class);

    static final Map<String, BigDecimal> ITEMS = Map.of(
            "Laptop", new BigDecimal("999.99"),
            "Smartphone", new BigDecimal("699.00"),
            "Headphones", new BigDecimal("149.50"),
            "Keyboard", new BigDecimal("49.95"),
            "Mouse", new BigDecimal("19.99"),
            "Monitor", new BigDecimal("229.00"),
            "Tablet", new BigDecimal("329.10"));

    private final boolean enabled;
    private final ItemStore store;
    private final DatastorePreparation preparation = new DatastorePreparation("The demo items", this::load);

    public DemoItems(@ConfigProperty(name = "product-service.demo-data", defaultValue = "false") boolean enabled,
            ItemStore store) {
        this.enabled = enabled;
        this.store = store;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            preparation.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        preparation.stop();
    }

    /** Returns how many demo items were created now. */
    public int load() {
        if (!enabled) {
            return 0;
        }
        int created = 0;
        for (var item : ITEMS.entrySet()) {
            created += store.createIfAbsent(item.getKey(), item.getValue()).await().indefinitely().isPresent() ? 1 : 0;
        }
        LOG.infof("Demo items: %d created, %d already present", created, ITEMS.size() - created);
        return created;
    }
}
