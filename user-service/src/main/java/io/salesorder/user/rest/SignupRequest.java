package io.salesorder.user.rest;

import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.salesorder.user.model.Role;

/** The body of {@code POST /signup}; the user is a USER, with the roles asked for on top (ADMIN from an administrator only). */
public record SignupRequest(
        @NotBlank @Size(max = 50) String name,
        @NotBlank @Email @Size(max = 100) String email,
        @NotNull @Size(min = 8, max = 16) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "may contain only letters, digits, '.', '_' and '-'") String username,
        @NotNull @Size(min = 8, max = 16) String password,
        Set<@NotNull Role> roles) {

    @Override
    public String toString() {
        return "SignupRequest[username=" + username + ", roles=" + roles + "]";
    }
}
