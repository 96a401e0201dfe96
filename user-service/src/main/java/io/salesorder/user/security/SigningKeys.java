package io.salesorder.user.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.quarkus.runtime.Startup;
import io.salesorder.user.config.UserServiceConfig;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RS256 key pair tokens are signed with. Read once at start from the mounted Secret so that a missing or
 * mismatched key stops the pod at once instead of failing the first login.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final PrivateKey privateKey;
    private final String keyId;
    private final String jwks;

    public SigningKeys(UserServiceConfig config) {
        UserServiceConfig.Token token = config.token();
        if (token.generateIfMissing()) {
            generateIfMissing(token.privateKeyLocation(), token.publicKeyLocation());
        }
        requireFile(token.privateKeyLocation(), "private");
        requireFile(token.publicKeyLocation(), "public");
        try {
            this.privateKey = KeyUtils.decodePrivateKey(Files.readString(fileOf(token.privateKeyLocation())));
            RSAPublicKey publicKey = (RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(fileOf(token.publicKeyLocation())));
            if (privateKey instanceof RSAPrivateCrtKey crt && !crt.getModulus().equals(publicKey.getModulus())) {
                throw new IllegalStateException("The token public key at " + token.publicKeyLocation()
                        + " does not match the private key at " + token.privateKeyLocation());
            }
            RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            this.keyId = jwk.getKeyId();
            this.jwks = new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Cannot read the token signing keys (" + token.privateKeyLocation()
                    + ", " + token.publicKeyLocation() + "): " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The {@code kid} of the signing key: its RFC 7638 thumbprint. */
    public String keyId() {
        return keyId;
    }

    /** The JSON Web Key Set with the public key, for verifiers. */
    public String jwks() {
        return jwks;
    }

    private static void generateIfMissing(String privateLocation, String publicLocation) {
        Path privateFile = fileOf(privateLocation);
        Path publicFile = fileOf(publicLocation);
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return;
        }
        try {
            KeyPair pair = KeyUtils.generateKeyPair(2048);
            Files.createDirectories(privateFile.toAbsolutePath().getParent());
            Files.createDirectories(publicFile.toAbsolutePath().getParent());
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            LOG.infof("Generated a development token key pair in %s", privateFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a development key pair", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireFile(String location, String which) {
        if (!Files.isReadable(fileOf(location))) {
            throw new IllegalStateException("No readable token " + which + " key at " + location
                    + ": mount the user-service-credentials Secret there, or point user-service.token."
                    + which + "-key-location elsewhere");
        }
    }

    private static Path fileOf(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
