package io.salesorder.hello;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code GET /item/list} as product-service answers it (a page of items as JSON, the total in
 * {@code X-Total-Count}) and on the event loop as it does, from memory: what HTTP and JSON cost on this JVM without
 * a token or a datastore.
 */
@Path("/item/list")
public class ItemList {

    /** product-service's demo items, then numbered cables up to a page of 100. */
    private static final List<Item> ITEMS = IntStream.range(0, 100).mapToObj(i -> switch (i) {
        case 0 -> new Item("Headphones", new BigDecimal("149.50"));
        case 1 -> new Item("Keyboard", new BigDecimal("49.95"));
        case 2 -> new Item("Laptop", new BigDecimal("999.99"));
        case 3 -> new Item("Monitor", new BigDecimal("229.00"));
        case 4 -> new Item("Mouse", new BigDecimal("19.99"));
        case 5 -> new Item("Smartphone", new BigDecimal("699.00"));
        case 6 -> new Item("Tablet", new BigDecimal("329.10"));
        default -> new Item("Cable " + (i - 6), new BigDecimal((i - 6) + ".50"));
    }).toList();

    public record Item(String name, BigDecimal price) {
    }

    @GET
    @NonBlocking
    public Response list(@QueryParam("size") @DefaultValue("7") int size) {
        List<Item> page = ITEMS.subList(0, Math.max(0, Math.min(size, ITEMS.size())));
        return Response.ok(page).header("X-Total-Count", page.size()).build();
    }
}
