package io.salesorder.product.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.salesorder.problem.OverloadedException;
import io.salesorder.problem.ServiceUnavailableException;
import io.salesorder.product.rest.ItemView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Items in Redis: one string key per item ({@code product:item:<name>} holding the price) and a sorted set
 * {@code product:items} of names, all with score 0 so that it orders them by name. Listing reads a page of
 * names with the total in one script, then the prices with one MGET: two round trips whatever the page size; it
 * never scans the key space. Creating an item writes the key and the index in one Lua script, so both or neither
 * exist. Every operation is asynchronous: a request waits for Redis on the event loop, holding no worker thread.
 */
@ApplicationScoped
public class ItemStore {

    static final String INDEX = "product:items";
    static final String KEY_PREFIX = "product:item:";

    /** SET NX the price; only if it was new, add the name to the index. Returns 1 when created. */
    private static final String CREATE = """
            if redis.call('SET', KEYS[1], ARGV[2], 'NX') then
              redis.call('ZADD', KEYS[2], 0, ARGV[1])
              return 1
            end
            return 0
            """;

    /** The total and one page of names of the index, in one round trip. */
    private static final String PAGE = """
            return {redis.call('ZCARD', KEYS[1]), redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2])}
            """;

    private final ReactiveRedisDataSource redis;
    private final Counter shed;

    public ItemStore(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.redis = redis;
        this.shed = Counter.builder("sales_order_requests_shed")
                .description("Requests refused because this instance's Redis connection pool and its queue were full")
                .tag("datastore", "redis").register(metrics);
    }

    public record Listing(List<ItemView> items, long total) {
    }

    public Uni<Listing> list(int page, int size) {
        long start = (long) page * size;
        // Round trip one: the page of names and the total, read together by one script.
        return guarded(redis.execute("EVAL", PAGE, "1", INDEX, String.valueOf(start), String.valueOf(start + size - 1))
                .flatMap(firstTrip -> {
                    long total = firstTrip.get(0).toLong();
                    Response names = firstTrip.get(1);
                    if (names.size() == 0) {
                        return Uni.createFrom().item(new Listing(List.of(), total));
                    }
                    List<String> keys = new ArrayList<>(names.size());
                    List<String> order = new ArrayList<>(names.size());
                    for (Response name : names) {
                        // Decoded once: each toString() of a reply decodes its bytes again.
                        String decoded = name.toString();
                        order.add(decoded);
                        keys.add(KEY_PREFIX + decoded);
                    }
                    // Round trip two: the prices.
                    return redis.execute("MGET", keys.toArray(String[]::new)).map(prices -> {
                        List<ItemView> items = new ArrayList<>(order.size());
                        for (int i = 0; i < order.size(); i++) {
                            Response price = prices.get(i);
                            if (price != null) {
                                items.add(new ItemView(order.get(i), new BigDecimal(price.toString())));
                            }
                        }
                        return new Listing(items, total);
                    });
                }));
    }

    public Uni<Optional<ItemView>> find(String name) {
        return guarded(redis.execute("GET", KEY_PREFIX + name)
                .map(price -> Optional.ofNullable(price).map(p -> new ItemView(name, new BigDecimal(p.toString())))));
    }

    /** Stores the item unless one of that name exists; the price is kept with exactly two decimals. */
    public Uni<Optional<ItemView>> createIfAbsent(String name, BigDecimal price) {
        BigDecimal canonical = price.setScale(2, RoundingMode.UNNECESSARY);
        return guarded(redis.execute("EVAL", CREATE, "2", KEY_PREFIX + name, INDEX, name, canonical.toPlainString())
                .map(created -> created.toInteger() == 1 ? Optional.of(new ItemView(name, canonical)) : Optional.<ItemView> empty()));
    }

    /** What Redis's failures mean to a caller: Redis's own error replies pass; the pool's and the network's are 503s. */
    private <T> Uni<T> guarded(Uni<T> work) {
        return work.onFailure(e -> !isServerReply(e)).transform(e -> {
            if (isPoolFull(e)) {
                // Redis is fine; this pod has more requests waiting for a connection than its queue holds.
                shed.increment();
                return new OverloadedException("product-service is at capacity; retry shortly", e);
            }
            // Not an answer from Redis: the connection was refused, closed or timed out.
            return new ServiceUnavailableException("The item store", e);
        });
    }

    private static boolean isPoolFull(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }

    /** Whether Redis itself answered with an error (a defect of ours, not an outage). */
    private static boolean isServerReply(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorType error) {
                // The client reports a lost connection with the same type, as CONNECTION_CLOSED.
                return error.getMessage() == null || !error.getMessage().startsWith("CONNECTION_");
            }
        }
        return false;
    }
}
