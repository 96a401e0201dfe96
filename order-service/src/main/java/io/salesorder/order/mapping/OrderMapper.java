package io.salesorder.order.mapping;

import java.time.Instant;
import java.util.List;

import io.salesorder.order.model.Order;
import io.salesorder.order.rest.OrderRequest;
import io.salesorder.order.rest.OrderView;

/** REST shapes to document and back. */
public final class OrderMapper {

    private OrderMapper() {
    }

    public static Order toEntity(OrderRequest request, Instant now) {
        Order order = new Order();
        order.customerId = request.customerId();
        order.items = List.copyOf(request.items());
        order.createdAt = now;
        return order;
    }

    public static OrderView toView(Order order) {
        return new OrderView(order.id.toHexString(), order.customerId, order.items, order.createdAt);
    }
}
