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

    /** An identity as a provider makes one: a principal and the role USER. */
    private static SecurityIdentity identity(Principal principal) {
        return new SecurityIdentity() {
            @Override
            public Principal getPrincipal() {
                return principal;
            }

            @Override
            public boolean isAnonymous() {
                return false;
            }

            @Override
            public Set<String> getRoles() {
                return Set.of("USER");
            }

            @Override
            public boolean hasRole(String role) {
                return "USER".equals(role);
            }

            @Override
            public Set<java.security.Permission> getPermissions() {
                return Set.of();
            }

            @Override
            public <T extends io.quarkus.security.credential.Credential> T getCredential(Class<T> type) {
                return null;
            }

            @Override
            public Set<io.quarkus.security.credential.Credential> getCredentials() {
                return Set.of();
            }

            @Override
            public <T> T getAttribute(String name) {
                return null;
            }

            @Override
            public Map<String, Object> getAttributes() {
                return Map.of();
            }

            @Override
            public Uni<Boolean> checkPermission(java.security.Permission permission) {
                return Uni.createFrom().item(false);
            }
        };
    }

    private static SecurityIdentity ask(VerifiedTokenIdentities provider, String token) {
        return provider.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await().indefinitely();
    }

    @Test
    void a_token_the_verifier_verified_is_answered_with_its_identity() {
        VerifiedTokenIdentities provider = new VerifiedTokenIdentities();
        assertThat(ask(provider, "header.payload.signature")).as("never verified: left to the verifier").isNull();
        SecurityIdentity verified = identity(jwt("header.payload.signature", Instant.now().plusSeconds(3600)));
        assertThat(provider.augment(verified, null).await().indefinitely()).isSameAs(verified);
        assertThat(ask(provider, "header.payload.signature")).isSameAs(verified);
        assertThat(ask(provider, "header.payload.other")).isNull();
    }

    @Test
    void an_expired_token_or_an_identity_that_is_no_token_is_not_kept() {
        VerifiedTokenIdentities provider = new VerifiedTokenIdentities();
        provider.augment(identity(jwt("old.token.here", Instant.now().minusSeconds(1))), null).await().indefinitely();
        assertThat(ask(provider, "old.token.here")).isNull();
        provider.augment(identity(() -> "basic-user"), null).await().indefinitely();
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
