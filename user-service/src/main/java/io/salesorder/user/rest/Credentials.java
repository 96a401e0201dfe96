package io.salesorder.user.rest;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /authenticate}. */
public record Credentials(@NotBlank String username, @NotBlank String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
