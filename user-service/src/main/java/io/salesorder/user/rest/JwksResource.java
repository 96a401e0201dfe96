package io.salesorder.user.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.salesorder.user.security.SigningKeys;

/** The public key tokens are verified with, as a JSON Web Key Set: verifiers need no secret. */
@Path("/.well-known/jwks.json")
@PermitAll
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The token verification key set (RFC 7517)")
    public String keySet() {
        return keys.jwks();
    }
}
