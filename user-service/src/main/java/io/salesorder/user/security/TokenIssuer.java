package io.salesorder.user.security;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.salesorder.user.config.UserServiceConfig;
import io.salesorder.user.model.Role;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Issues the system's bearer tokens: subject = username, roles in {@code groups}, audience this system, RS256. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final UserServiceConfig.Token config;

    public TokenIssuer(SigningKeys keys, UserServiceConfig config) {
        this.keys = keys;
        this.config = config.token();
    }

    public String issue(String username, Set<Role> roles) {
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(username)
                .upn(username)
                .groups(roles.stream().map(Role::name).collect(Collectors.toSet()))
                .expiresIn(config.lifetime())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }
}
