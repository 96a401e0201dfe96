package io.salesorder.conventions;

import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Answers {@code quarkus.kubernetes.deploy=false} above system properties. The flag
 * {@code -Dquarkus.kubernetes.deploy=true} then reaches only sales-order-maven-plugin's deploy goal, which applies
 * the environment's bundle; Quarkus's own deploy would apply the module's environment-neutral manifests (image
 * registry, replica count) and fight it.
 */
public class DeploysThroughThePlatform implements ConfigSource {

    static final String DEPLOY = "quarkus.kubernetes.deploy";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(DEPLOY);
    }

    @Override
    public String getValue(String propertyName) {
        return DEPLOY.equals(propertyName) ? "false" : null;
    }

    @Override
    public String getName() {
        return "sales-order: deploys go through the platform bundle";
    }

    @Override
    public int getOrdinal() {
        // Above system properties (400), so that the command-line flag is left to the platform plugin.
        return 500;
    }
}
