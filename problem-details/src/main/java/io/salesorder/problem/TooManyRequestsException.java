package io.salesorder.problem;

import java.time.Duration;

/** The caller must wait before trying again: a 429 problem with {@code Retry-After} in whole seconds. */
public class TooManyRequestsException extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, Duration wait) {
        super(429, detail);
        // Rounded up, and at least one second: a client that waits Retry-After is never refused again for it.
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
