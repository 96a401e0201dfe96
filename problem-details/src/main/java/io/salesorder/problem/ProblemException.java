package io.salesorder.problem;

/** A failure whose status and caller-safe detail are known where it is thrown. */
public class ProblemException extends RuntimeException {

    private final int status;

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
