package io.salesorder.platform.bundle;

/** Input that cannot be assembled into a bundle; the message says what and where. */
public class BundleException extends RuntimeException {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
