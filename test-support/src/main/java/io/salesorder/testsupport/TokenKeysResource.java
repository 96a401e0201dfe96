package io.salesorder.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application under test the key files of {@link TestTokens}: the public key to verify tokens with,
 * and (for the issuer, user-service) the private key to sign them with.
 */
public class TokenKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toString(),
                "smallrye.jwt.sign.key.location", TestTokens.privateKeyFile().toString());
    }

    @Override
    public void stop() {
        // Key files are temporary and removed when the JVM exits.
    }
}
