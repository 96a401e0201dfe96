package io.salesorder.user.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of user-service that are not Quarkus's own. */
@ConfigMapping(prefix = "user-service")
public interface UserServiceConfig {

    Token token();

    /** Loads the demo users at start; only the dev and test profiles turn it on. */
    @WithDefault("false")
    boolean demoData();

    /** The first administrator, created at start when absent (from the Secret in production). */
    BootstrapAdmin bootstrapAdmin();

    interface Token {

        /** The {@code iss} claim of every token; verifiers require it. */
        @WithDefault("Sales Order System")
        String issuer();

        /** The {@code aud} claim of every token: this system; verifiers require it. */
        @WithDefault("sales-order-system")
        String audience();

        @WithDefault("PT5H")
        Duration lifetime();

        /** Where the RS256 private key (PKCS#8 PEM) is read from. */
        String privateKeyLocation();

        /** Where the matching public key (X.509 PEM) is read from. */
        String publicKeyLocation();

        /** Writes a fresh key pair at the configured locations when none is there (dev profile only). */
        @WithDefault("false")
        boolean generateIfMissing();
    }

    interface BootstrapAdmin {

        Optional<String> username();

        Optional<String> password();
    }
}
