package io.salesorder.user.model;

/** What a user may do; carried in the token's {@code groups} claim. */
public enum Role {
    USER,
    ADMIN
}
