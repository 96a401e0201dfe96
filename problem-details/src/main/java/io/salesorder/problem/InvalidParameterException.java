package io.salesorder.problem;

import jakarta.ws.rs.BadRequestException;

/** A path or query parameter that is not of its declared type: a 400 naming the parameter. */
public class InvalidParameterException extends BadRequestException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
