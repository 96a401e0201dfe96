package io.salesorder.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The provider answers a token the verifier verified before, and only such a token. */
class VerifiedTokenIdentitiesTests {

    private static JsonWebToken jwt(String raw, Instant expiry) {
        Map<String, Object> claims = Map.of(Claims.raw_token.name(), raw, Claims.exp.name(), expiry.getEpochSecond(),
                Claims.sub.name(), "johnsmith");
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "johnsmith";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }

    /** An identity as the JWT verifier makes one: a principal, the role USER, and the request it came with. */
    private static SecurityIdentity identity(Principal principal, Object routingContext) {
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRole("USER")
                .addAttribute(VerifiedTokenIdentities.ROUTING_CONTEXT, routingContext).build();
    }

    private static SecurityIdentity ask(VerifiedTokenIdentities provider, String token) {
        return ask(provider, token, null);
    }

    private static SecurityIdentity ask(VerifiedTokenIdentities provider, String token, Object routingContext) {
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
        if (routingContext != null) {
            request.setAttribute(VerifiedTokenIdentities.ROUTING_CONTEXT, routingContext);
        }
        return provider.authenticate(request, null).await().indefinitely();
    }

    @Test
    void a_token_the_verifier_verified_is_answered_with_its_identity() {
        VerifiedTokenIdentities provider = new VerifiedTokenIdentities();
        assertThat(ask(provider, "header.payload.signature")).as("never verified: left to the verifier").isNull();
        JsonWebToken token = jwt("header.payload.signature", Instant.now().plusSeconds(3600));
        SecurityIdentity verified = identity(token, "first request");
        assertThat(provider.augment(verified, null).await().indefinitely()).isSameAs(verified);
        SecurityIdentity answer = ask(provider, "header.payload.signature", "second request");
        assertThat(answer.getPrincipal()).isSameAs(token);
        assertThat(answer.getRoles()).containsExactly("USER");
        assertThat((Object) answer.getAttribute(VerifiedTokenIdentities.ROUTING_CONTEXT))
                .as("the asking request, never the one the token first came with").isEqualTo("second request");
        assertThat((Object) ask(provider, "header.payload.signature").getAttribute(VerifiedTokenIdentities.ROUTING_CONTEXT))
                .as("the kept identity holds no request").isNull();
        assertThat(ask(provider, "header.payload.other")).isNull();
    }

    @Test
    void an_expired_token_or_an_identity_that_is_no_token_is_not_kept() {
        VerifiedTokenIdentities provider = new VerifiedTokenIdentities();
        provider.augment(identity(jwt("old.token.here", Instant.now().minusSeconds(1)), "request"), null).await().indefinitely();
        assertThat(ask(provider, "old.token.here")).isNull();
        provider.augment(identity(() -> "basic-user", "request"), null).await().indefinitely();
        assertThat(ask(provider, "basic-user")).isNull();
    }

    @Test
    void it_is_asked_before_the_jwt_verifier_and_keeps_identities_before_other_augmentors() {
        VerifiedTokenIdentities provider = new VerifiedTokenIdentities();
        assertThat(provider.priority()).isGreaterThan(new io.quarkus.security.identity.IdentityProvider<TokenAuthenticationRequest>() {
            @Override
            public Class<TokenAuthenticationRequest> getRequestType() {
                return TokenAuthenticationRequest.class;
            }

            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                    io.quarkus.security.identity.AuthenticationRequestContext context) {
                return null;
            }
        }.priority());
        assertThat(provider.priority()).isGreaterThan(new TokenIssueTimeCheck(60).priority());
    }
}
