package io.salesorder.problem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one error mapping of every service: each failure becomes an {@code application/problem+json} response
 * with the right status, and nothing internal (stack traces, SQL, class names) ever reaches the caller.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final URI VALIDATION_TYPE = URI.create("urn:sales-order:problem:validation");
    static final String RETRY_AFTER_SECONDS = "5";
    static final URI OVERLOADED_TYPE = URI.create("urn:sales-order:problem:overloaded");
    /** An instance at capacity drains its queue in well under a second. */
    static final String OVERLOADED_RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper(priority = 1)
    public Response invalidInput(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
        return respond(new Problem(VALIDATION_TYPE, "Invalid request", 400,
                violations.size() + " field(s) are invalid", path(uri), violations), null);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidValidation(ValidationException e, UriInfo uri) {
        // A constraint that could not be evaluated is a defect of ours, not of the caller.
        LOG.error("Validation could not run", e);
        return plain(500, "The request could not be validated", uri);
    }

    // Quarkus ships mappers for these two subtypes; naming them here keeps every body error a problem document.
    @ServerExceptionMapper(priority = 1)
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String detail = "The request body is not valid JSON for this resource";
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = jsonPath(mismatch);
            String expected = mismatch instanceof InvalidFormatException invalid
                    ? " (" + invalid.getTargetType().getSimpleName() + " expected)"
                    : "";
            return respond(new Problem(VALIDATION_TYPE, "Invalid request", 400, "A field has the wrong type",
                    path(uri), List.of(new Problem.Violation(field, "has the wrong type" + expected))), null);
        }
        return plain(400, detail, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(new Problem(VALIDATION_TYPE, "Invalid request", 400, "A parameter has the wrong type", path(uri),
                List.of(new Problem.Violation(e.parameter(), e.getMessage()))), null);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String reason = e.getMessage();
        return plain(403, reason == null || reason.isBlank() ? "The token does not grant the role this operation needs"
                : reason, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response known(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = builder(e.status(), e.getMessage(), uri);
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response tooMany(TooManyRequestsException e, UriInfo uri) {
        return builder(429, e.getMessage(), uri).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response overloaded(OverloadedException e, UriInfo uri) {
        LOG.debugf("Shed %s: %s", path(uri), rootMessage(e));
        return respond(new Problem(OVERLOADED_TYPE, "Service Unavailable", 503, e.getMessage(), path(uri), null),
                OVERLOADED_RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unavailable(ServiceUnavailableException e, UriInfo uri) {
        LOG.warnf("%s on %s: %s", e.getMessage(), path(uri), rootMessage(e));
        Problem problem = new Problem(null, "Service Unavailable", 503,
                e.dependency() + " is unavailable; retry later", path(uri), null);
        return respond(problem, RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper(priority = 1)
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String message = e.getMessage();
        String detail = message == null || message.startsWith("HTTP " + status) || status >= 500
                ? defaultDetail(status)
                : message;
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers a path or query parameter of the wrong type (?size=abc) with 404; say so.
            detail = "No resource at this path, or a path or query parameter has the wrong type";
        }
        if (status == 401) {
            return unauthorized(uri);
        }
        return plain(status, detail, uri);
    }

    @ServerExceptionMapper(priority = 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure on " + path(uri), e);
        return plain(500, "An unexpected error occurred", uri);
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "No acceptable representation";
            case 415 -> "This media type is not supported here";
            case 400 -> "The request is malformed";
            default -> "The request could not be served";
        };
    }

    private static Response unauthorized(UriInfo uri) {
        return builder(401, "A valid bearer token is required", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response plain(int status, String detail, UriInfo uri) {
        return builder(status, detail, uri).build();
    }

    private static Response.ResponseBuilder builder(int status, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(null, title(status), status, detail, path(uri), null));
    }

    /** The reason phrase of a status, as RFC 9110 names it. */
    static String title(int status) {
        if (status == 431) {
            return "Request Header Fields Too Large";
        }
        if (status == 414) {
            return "URI Too Long";
        }
        if (status == 413) {
            return "Content Too Large";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private static Response respond(Problem problem, String retryAfter) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return builder.build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /**
     * The field a violation is about, without the resource method and body parameter names: {@code address.city},
     * {@code items[1]}, {@code lines[0].name}, or a query parameter's name.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                case CONTAINER_ELEMENT -> appendPosition(field, node);
                default -> {
                    // The position in a list or map is carried by the node after it.
                    appendPosition(field, node);
                    if (node.getName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        if (field.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return field.toString();
    }

    private static void appendPosition(StringBuilder field, Path.Node node) {
        if (!node.isInIterable()) {
            return;
        }
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        }
    }

    private static String jsonPath(MismatchedInputException e) {
        StringBuilder field = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
