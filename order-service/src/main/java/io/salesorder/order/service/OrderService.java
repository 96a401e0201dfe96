package io.salesorder.order.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.salesorder.order.mapping.OrderMapper;
import io.salesorder.order.model.Order;
import io.salesorder.order.rest.OrderRequest;
import io.salesorder.order.rest.OrderView;
import io.salesorder.problem.ServiceUnavailableException;

/** Orders. A MongoDB that cannot be reached is answered as 503, once, here. */
@ApplicationScoped
public class OrderService {

    public record Listing(List<OrderView> orders, long total) {
    }

    public Listing list(int page, int size) {
        return guarded(() -> new Listing(
                Order.<Order>findAll(Sort.by("_id")).page(Page.of(page, size)).stream().map(OrderMapper::toView).toList(),
                Order.count()));
    }

    public List<OrderView> ofCustomer(long customerId) {
        return guarded(() -> Order.<Order>find("customerId", Sort.by("_id"), customerId).stream()
                .map(OrderMapper::toView).toList());
    }

    public Optional<OrderView> find(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return guarded(() -> Order.<Order>findByIdOptional(new ObjectId(id)).map(OrderMapper::toView));
    }

    public OrderView create(OrderRequest request) {
        return guarded(() -> {
            // Millisecond precision: what BSON dates keep, so the answer equals what a later read returns.
            Order order = OrderMapper.toEntity(request, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            order.persist();
            return OrderMapper.toView(order);
        });
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (MongoTimeoutException | MongoSocketException e) {
            throw new ServiceUnavailableException("The order database", e);
        }
    }
}
