package io.salesorder.problem;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a bearer token issued in the future beyond the clock skew the services allow: the JWT verifier checks
 * expiry and age, not that {@code iat} has passed, and such a token (a stolen key, an issuer's wrong clock) would
 * otherwise stay valid for as long as it claims.
 */
@ApplicationScoped
public class TokenIssueTimeCheck implements SecurityIdentityAugmentor {

    /** The clock skew the verifier allows for expiry, allowed here too. */
    private final long clockSkewSeconds;

    TokenIssueTimeCheck(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this.clockSkewSeconds = clockSkewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getIssuedAtTime() > 0
                && Instant.ofEpochSecond(token.getIssuedAtTime()).isAfter(Instant.now().plusSeconds(clockSkewSeconds))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token is issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
