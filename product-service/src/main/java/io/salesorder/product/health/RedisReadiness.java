package io.salesorder.product.health;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready while Redis answers a PING over the readiness client's own connection, never through the pool the requests
 * use: a pod whose pool is busy stays ready, so a load is not pulled off the busiest pods onto the rest. The check
 * runs without a worker thread.
 */
@Readiness
public class RedisReadiness implements AsyncHealthCheck {

    static final String NAME = "Redis";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;

    public RedisReadiness(@RedisClientName("readiness") ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(TIMEOUT).fail()
                .map(pong -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", failure.getClass().getSimpleName()).build());
    }
}
