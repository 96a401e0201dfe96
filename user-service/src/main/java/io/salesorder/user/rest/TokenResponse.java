package io.salesorder.user.rest;

/** The answer to a successful {@code POST /authenticate}; the field name is the original clients'. */
public record TokenResponse(String jwtToken) {
}
