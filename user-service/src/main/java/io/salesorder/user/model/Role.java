package io.salesorder.user.model;

/**
 * What a user may do; carried in the token's {@code groups} claim. Every account is a USER (the services' APIs
 * require it); ADMIN manages users; DEV, TEST and ARCH are the original system's roles, kept for its clients.
 */
public enum Role {
    USER,
    ADMIN,
    DEV,
    TEST,
    ARCH
}
