package io.salesorder.problem;

/**
 * Thrown when a datastore the request needs cannot be reached; answered with 503 and a Retry-After so that
 * callers back off instead of hanging.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String dependency;

    public ServiceUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
