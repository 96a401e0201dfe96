package io.salesorder.problem;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Verifies a client's bearer token once rather than on every request: token verification was on the stack in 42% of
 * product-service's CPU samples under load (BENCHMARKS.md). As an identity provider asked before the JWT
 * verifier, it answers a token verified before with the identity that verification made, and otherwise leaves the
 * token to the verifier; as the first augmentor, it keeps each identity the verifier made from a token. Every
 * augmentor (the issue-time check among them) still runs on every request.
 *
 * <p>What is kept is the identity's principal, roles, credentials and attributes (what the JWT verifier makes),
 * without the request it came with: the verifier puts the request's routing context among the attributes, and a
 * kept identity must neither hand an old request to a new one nor hold it in memory. Each answer carries the
 * asking request's routing context instead.
 */
@ApplicationScoped
public class VerifiedTokenIdentities implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** The attribute under which Quarkus's HTTP security puts the request's routing context. */
    static final String ROUTING_CONTEXT = "io.vertx.ext.web.RoutingContext";

    private final VerifiedTokens<SecurityIdentity> verified = new VerifiedTokens<>(10_000, Clock.systemUTC());

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * As a provider, asked before the JWT verifier (a provider's default priority is 1001); as an augmentor, run
     * before the others (an augmentor's default is 0), so that it keeps the identity as the verifier made it.
     */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(verified.get(request.getToken().getToken())
                .map(kept -> copy(kept, request.getAttribute(ROUTING_CONTEXT))).orElse(null));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null
                && token.getExpirationTime() > 0 && verified.get(token.getRawToken()).isEmpty()) {
            verified.put(token.getRawToken(), copy(identity, null), Instant.ofEpochSecond(token.getExpirationTime()));
        }
        return Uni.createFrom().item(identity);
    }

    /** The identity with the given routing context, or none, in place of the one it came with. */
    private static SecurityIdentity copy(SecurityIdentity identity, Object routingContext) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        if (routingContext != null) {
            attributes.put(ROUTING_CONTEXT, routingContext);
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes).build();
    }
}
