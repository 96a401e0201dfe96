package io.salesorder.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens shaped like user-service's (RS256, issuer {@value #ISSUER}, roles in {@code groups}), signed with a
 * key pair generated for this test JVM and never written anywhere but a temporary directory. Verifiers are
 * configured with the public key alone; the forged variants prove they check what they should.
 */
public final class TestTokens {

    public static final String ISSUER = "Sales Order System";
    /** The audience user-service issues every token for, and every service requires. */
    public static final String AUDIENCE = "sales-order-system";

    private static final Path DIRECTORY = Path.of(JvmShared.getOrCreate("token-keys", () -> writeKeys(generate()).toString()));
    private static final PrivateKey SIGNING_KEY = readPrivateKey(DIRECTORY.resolve("private-key.pem"));
    private static final KeyPair STRANGER_KEYS = generate();
    private static final RsaJsonWebKey PUBLIC_JWK = publicJwk(DIRECTORY.resolve("public-key.pem"));

    private TestTokens() {
    }

    /** A PEM file with the private signing key, as user-service reads it from its mounted Secret. */
    public static Path privateKeyFile() {
        return DIRECTORY.resolve("private-key.pem");
    }

    /** A PEM file with the public verification key. */
    public static Path publicKeyFile() {
        return DIRECTORY.resolve("public-key.pem");
    }

    /** A valid token for {@code username} with {@code roles}, as user-service would issue it. */
    public static String token(String username, String... roles) {
        return sign(username, roles, ISSUER, Instant.now().plus(Duration.ofHours(5)), SIGNING_KEY);
    }

    /** A token that expired an hour ago. */
    public static String expired(String username, String... roles) {
        return sign(username, roles, ISSUER, Instant.now().minus(Duration.ofHours(1)), SIGNING_KEY);
    }

    /** A well-signed token from another issuer. */
    public static String wrongIssuer(String username, String... roles) {
        return sign(username, roles, "Someone Else", Instant.now().plus(Duration.ofHours(1)), SIGNING_KEY);
    }

    /** A token of the right shape signed with a key the verifier does not trust. */
    public static String forged(String username, String... roles) {
        return sign(username, roles, ISSUER, Instant.now().plus(Duration.ofHours(1)), STRANGER_KEYS.getPrivate());
    }

    /** The public key as a JSON Web Key Set, as user-service publishes it at /.well-known/jwks.json. */
    public static String jwks() {
        return new JsonWebKeySet(PUBLIC_JWK).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The value of an Authorization header carrying {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A well-signed token for another audience (another system trusting the same issuer). */
    public static String otherAudience(String username, String... roles) {
        return sign(username, roles, ISSUER, "another-system", Instant.now(), Instant.now().plus(Duration.ofHours(1)), SIGNING_KEY);
    }

    /** A well-signed token issued a year from now, as a stolen signing key or a skewed issuer would make it. */
    public static String issuedInTheFuture(String username, String... roles) {
        Instant issued = Instant.now().plus(Duration.ofDays(365));
        return sign(username, roles, ISSUER, AUDIENCE, issued, issued.plus(Duration.ofHours(5)), SIGNING_KEY);
    }

    private static String sign(String username, String[] roles, String issuer, Instant expiry, PrivateKey key) {
        return sign(username, roles, issuer, AUDIENCE, expiry.minus(Duration.ofHours(5)), expiry, key);
    }

    private static String sign(String username, String[] roles, String issuer, String audience, Instant issued, Instant expiry,
            PrivateKey key) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(username)
                .upn(username)
                .groups(Set.of(roles))
                .issuedAt(issued)
                .expiresAt(expiry)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .keyId(PUBLIC_JWK.getKeyId())
                .sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeKeys(KeyPair keys) {
        try {
            Path directory = Files.createTempDirectory("test-jwt-keys");
            Files.writeString(directory.resolve("private-key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(directory.resolve("public-key.pem"), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            directory.toFile().deleteOnExit();
            directory.resolve("private-key.pem").toFile().deleteOnExit();
            directory.resolve("public-key.pem").toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RsaJsonWebKey publicJwk(Path file) {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(file)));
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            return jwk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
