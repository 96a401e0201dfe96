package io.salesorder.user.rest;

import java.util.SortedSet;

import io.salesorder.user.model.Role;

/** A user as shown to callers: never with a password or its hash. */
public record UserView(Long id, String name, String email, String username, SortedSet<Role> roles) {
}
