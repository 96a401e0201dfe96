package io.salesorder.user.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.salesorder.user.model.Role;
import io.salesorder.user.service.UserService;

/** Reading users: administrators see everyone, a user sees itself. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UserResource {

    private final UserService users;
    private final SecurityIdentity identity;

    public UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("users/list")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Every user, by username (administrators only)")
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("user")
    @Authenticated
    @Operation(summary = "One user: the caller itself, or anyone for an administrator")
    public UserView user(@QueryParam("username") @NotBlank String username) {
        boolean self = identity.getPrincipal().getName().equalsIgnoreCase(username);
        if (!self && !identity.hasRole(Role.ADMIN.name())) {
            throw new ForbiddenException("Only administrators may read other users");
        }
        return users.find(username).orElseThrow(() -> new NotFoundException("No user named " + username));
    }
}
