package io.salesorder.user.rest;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.salesorder.problem.ProblemException;
import io.salesorder.problem.TooManyRequestsException;
import io.salesorder.user.model.Role;
import io.salesorder.user.security.LoginThrottle;
import io.salesorder.user.service.UserService;

/** The open endpoints: log in for a token, and sign up. */
@Path("/")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final UserService users;
    private final SecurityIdentity identity;
    private final LoginThrottle throttle;

    public AuthResource(UserService users, SecurityIdentity identity, LoginThrottle throttle) {
        this.users = users;
        this.identity = identity;
        this.throttle = throttle;
    }

    @POST
    @Path("authenticate")
    @Operation(summary = "Exchange a username and password for a bearer token valid for 5 hours")
    @APIResponse(responseCode = "200", description = "The token")
    @APIResponse(responseCode = "401", description = "Unknown user or wrong password")
    @APIResponse(responseCode = "429", description = "Too many failed logins from this client or for this user; "
            + "Retry-After says how many seconds to wait")
    public TokenResponse authenticate(@Valid @NotNull Credentials credentials, @Context HttpServerRequest request) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        throttle.wait(credentials.username(), client).ifPresent(wait -> {
            throw new TooManyRequestsException("Too many failed logins; retry later", wait);
        });
        Optional<String> token = users.authenticate(credentials.username(), credentials.password());
        if (token.isEmpty()) {
            throttle.failed(credentials.username(), client);
            throw new ProblemException(401, "Invalid username or password");
        }
        throttle.succeeded(credentials.username(), client);
        return new TokenResponse(token.get());
    }

    @POST
    @Path("signup")
    @Operation(summary = "Create a user; only an administrator's token may grant ADMIN")
    @APIResponse(responseCode = "201", description = "The user, without its password")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "403", description = "ADMIN asked for without an administrator's token")
    @APIResponse(responseCode = "409", description = "The username is taken")
    public Response signup(@Valid @NotNull SignupRequest request) {
        boolean callerIsAdmin = !identity.isAnonymous() && identity.hasRole(Role.ADMIN.name());
        UserView user = users.signup(request, callerIsAdmin);
        URI location = UriBuilder.fromResource(UserResource.class).path(UserResource.class, "user")
                .queryParam("username", user.username()).build();
        return Response.created(location).entity(user).build();
    }
}
