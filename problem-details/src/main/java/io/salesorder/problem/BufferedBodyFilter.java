package io.salesorder.problem;

import java.io.ByteArrayInputStream;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands the body {@link RequestLimits} has already read to the endpoint, so that no endpoint reads from the
 * connection, on a worker or anywhere else.
 */
public class BufferedBodyFilter {

    @ServerRequestFilter(preMatching = true)
    public void useBufferedBody(ContainerRequestContext request, RoutingContext routing) {
        Buffer body = routing.getBody();
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
