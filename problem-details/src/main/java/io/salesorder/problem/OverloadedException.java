package io.salesorder.problem;

/**
 * This instance is at capacity (its own queue to a datastore is full) while the datastore is healthy: a 503 of a
 * kind of its own, with a short Retry-After, never reported as the datastore's outage and never affecting readiness.
 */
public class OverloadedException extends ProblemException {

    public OverloadedException(String detail, Throwable cause) {
        super(503, detail);
        initCause(cause);
    }
}
