package io.salesorder.platform.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.maven.plugin.MojoExecutionException;

import io.salesorder.platform.bundle.BundleRenderer;

/** Where the inputs of a render are in the checkout: the platform module's sources and each module's output. */
final class BundleInputs {

    /** The services of the system, in the order the reactor builds them. */
    static final List<String> SERVICES = List.of("user-service", "customer-service", "order-service", "product-service");
    static final String PLATFORM = "platform";

    private BundleInputs() {
    }

    /**
     * @param root     the checkout's root directory
     * @param services the services whose generated resources to take
     * @param platform whether to take the platform module's own generated workload
     * @param complete whether every input must exist
     */
    static BundleRenderer.Inputs of(Path root, List<String> services, boolean platform, boolean complete, String version)
            throws MojoExecutionException {
        Path sources = root.resolve(PLATFORM).resolve("src/main/platform");
        if (!Files.isDirectory(sources)) {
            throw new MojoExecutionException("No platform sources at " + sources);
        }
        Map<String, Path> generated = new LinkedHashMap<>();
        for (String service : services) {
            Path file = generatedBy(root.resolve(service));
            if (Files.isRegularFile(file)) {
                generated.put(service, file);
            } else if (complete) {
                throw new MojoExecutionException(service + " has no generated resources at " + file
                        + ": build it first (mvn package from the root)");
            }
        }
        Optional<Path> workload = Optional.empty();
        if (platform) {
            Path file = generatedBy(root.resolve(PLATFORM));
            if (!Files.isRegularFile(file)) {
                throw new MojoExecutionException("The platform module has no generated resources at " + file);
            }
            workload = Optional.of(file);
        }
        return new BundleRenderer.Inputs(sources, workload, generated, version);
    }

    static Path generatedBy(Path module) {
        return module.resolve("target/kubernetes/kubernetes.yml");
    }
}
