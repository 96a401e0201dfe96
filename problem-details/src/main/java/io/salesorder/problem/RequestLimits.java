package io.salesorder.problem;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The limits every request meets before any endpoint sees it, each refusal a problem document: a URI beyond
 * {@value #MAX_URI_LENGTH} characters is a 414, headers beyond {@value #MAX_HEADER_BYTES} bytes a 431, a body beyond
 * {@value #MAX_BODY_BYTES} bytes a 413 (declared or chunked), and a body that does not arrive within the body-read
 * timeout a 408.
 * <p>
 * Bodies are read here, on the event loop, without a worker thread: a client that sends part of a body and stops
 * holds a connection and a buffer of at most {@value #MAX_BODY_BYTES} bytes, never a thread. The body read here is
 * handed to the endpoint by {@link BufferedBodyFilter}.
 * <p>
 * The HTTP decoder's own limits are set above these (in service-conventions), so that the
 * refusals come from here, as problems; only a request line or header block beyond the decoder's 64 KiB gets the
 * decoder's bare answer. The services speak HTTP/1.1 only ({@code quarkus.http.http2=false} there): an HTTP/2
 * request whose body was read here cannot be handed on.
 */
@ApplicationScoped
public class RequestLimits {

    public static final int MAX_URI_LENGTH = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Before Quarkus' own body-size check, which answers with an empty body. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);

    private final ObjectMapper json;
    private final Duration bodyReadTimeout;

    public RequestLimits(ObjectMapper json,
            @ConfigProperty(name = "sales-order.http.body-read-timeout", defaultValue = "10s") Duration bodyReadTimeout) {
        this.json = json;
        this.bodyReadTimeout = bodyReadTimeout;
    }

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(ORDER).handler(context -> check(context, vertx));
    }

    private void check(RoutingContext context, Vertx vertx) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            refuse(context, 414, "The request URI is longer than " + MAX_URI_LENGTH + " characters");
            return;
        }
        if (headerBytes(request) > MAX_HEADER_BYTES) {
            refuse(context, 431, "The request headers are larger than " + MAX_HEADER_BYTES / 1024 + " KiB");
            return;
        }
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        String transferEncoding = request.getHeader(HttpHeaderNames.TRANSFER_ENCODING);
        boolean chunked = transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
        if (request.isEnded() || (declared == null && !chunked)) {
            context.next();
            return;
        }
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                refuse(context, 400, "The Content-Length header is not a number");
                return;
            }
            if (length > MAX_BODY_BYTES) {
                refuse(context, 413, tooLarge());
                return;
            }
            if (length == 0) {
                context.next();
                return;
            }
        }
        readBody(context, vertx);
    }

    private void readBody(RoutingContext context, Vertx vertx) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        long timer = vertx.setTimer(bodyReadTimeout.toMillis(), id -> {
            if (!context.response().ended()) {
                refuse(context, 408, "The request body did not arrive within " + bodyReadTimeout.toSeconds() + " s");
            }
        });
        request.handler(chunk -> {
            if (context.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                vertx.cancelTimer(timer);
                refuse(context, 413, tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> vertx.cancelTimer(timer));
        request.endHandler(ended -> {
            vertx.cancelTimer(timer);
            if (!context.response().ended()) {
                context.setBody(body);
                context.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private static String tooLarge() {
        return "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB";
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    /** Answers with a problem and closes the connection: whatever the client still sends is not read. */
    private void refuse(RoutingContext context, int status, String detail) {
        String instance = status == 414 ? null : context.request().path();
        Problem problem = new Problem(null, ProblemMappers.title(status), status, detail, instance, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            LOG.error("A problem document could not be written", e);
            body = "{\"status\":" + status + "}";
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(body);
    }
}
