package io.salesorder.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error response of the system.
 *
 * @param type       a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title      a short summary of the kind of problem
 * @param status     the HTTP status code
 * @param detail     what went wrong with this request, safe to show to the caller
 * @param instance   the request path the problem occurred on
 * @param violations for invalid input, one entry per rejected field
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request: a dotted path into the body, or the name of a query or path parameter. */
    public record Violation(String field, String message) {
    }
}
