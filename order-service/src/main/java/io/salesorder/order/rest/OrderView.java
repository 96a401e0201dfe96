package io.salesorder.order.rest;

import java.time.Instant;
import java.util.List;

/** An order as returned by the API; {@code id} is the document's id in hex. */
public record OrderView(String id, long customerId, List<String> items, Instant createdAt) {
}
