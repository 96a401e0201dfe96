package io.salesorder.problem;

/** A request that would break a uniqueness rule: answered with 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(409, detail);
    }
}
