package io.salesorder.platform.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the inputs of a render are in a checkout: the platform module's sources and each module's output. */
public final class Checkout {

    /** The module that holds the platform's sources and its own workload. */
    public static final String PLATFORM = "platform";

    private Checkout() {
    }

    /**
     * @param root     the checkout's root directory
     * @param services the services whose generated resources to take
     * @param platform whether to take the platform module's own generated workload
     */
    public static BundleRenderer.Inputs inputs(Path root, List<String> services, boolean platform, String version) {
        return inputs(root, services, platform, version, Instant.MAX);
    }

    /**
     * As above, with the digests of the images that this build pushed: a module's {@code target/jib-image.digest}
     * written after {@code imagesBuiltSince} (the build's start), keyed by the image repository the module's
     * generated resources name. An older digest file belongs to an earlier build and is ignored.
     */
    public static BundleRenderer.Inputs inputs(Path root, List<String> services, boolean platform, String version,
            Instant imagesBuiltSince) {
        Path sources = platformSources(root);
        if (!Files.isDirectory(sources)) {
            throw new BundleException("No platform sources at " + sources);
        }
        Map<String, Path> generated = new LinkedHashMap<>();
        for (String service : services) {
            Path file = generatedBy(root.resolve(service));
            if (!Files.isRegularFile(file)) {
                throw new BundleException(service + " has no generated resources at " + file
                        + ": build it first (mvn package from the root)");
            }
            generated.put(service, file);
        }
        Optional<Path> workload = Optional.empty();
        if (platform) {
            Path file = generatedBy(root.resolve(PLATFORM));
            if (!Files.isRegularFile(file)) {
                throw new BundleException("The platform module has no generated resources at " + file);
            }
            workload = Optional.of(file);
        }
        List<String> modules = new java.util.ArrayList<>(services);
        if (platform) {
            modules.add(PLATFORM);
        }
        return new BundleRenderer.Inputs(sources, workload, generated, version, pushedDigests(root, modules, imagesBuiltSince));
    }

    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s*(?:-\\s+)?image:\\s*\"?([^\\s\"]+)");

    static Map<String, String> pushedDigests(Path root, List<String> modules, Instant since) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String module : modules) {
            Path digest = root.resolve(module).resolve("target/jib-image.digest");
            Path generated = generatedBy(root.resolve(module));
            try {
                if (!Files.isRegularFile(digest) || !Files.isRegularFile(generated)
                        || Files.getLastModifiedTime(digest).toInstant().isBefore(since)) {
                    continue;
                }
                Matcher image = IMAGE.matcher(Files.readString(generated));
                String value = Files.readString(digest).strip();
                if (image.find() && value.matches("sha256:[0-9a-f]{64}")) {
                    digests.put(BundleRenderer.repository(image.group(1)), value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return digests;
    }

    /** What the platform's {@code system.yml} states. */
    public static SystemModel system(Path root) {
        return SystemModel.read(platformSources(root).resolve(SystemModel.FILE_NAME));
    }

    /** The platform module's own workload: its Quarkus application's name. */
    static String platformWorkload(Path root) {
        Path properties = root.resolve(PLATFORM).resolve("src/main/resources/application.properties");
        try {
            java.util.Properties read = new java.util.Properties();
            try (var in = Files.newInputStream(properties)) {
                read.load(in);
            }
            String name = read.getProperty("quarkus.application.name");
            if (name == null || name.isBlank()) {
                throw new BundleException(properties + " names no quarkus.application.name");
            }
            return name.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path platformSources(Path root) {
        return root.resolve(PLATFORM).resolve("src/main/platform");
    }

    public static Path generatedBy(Path module) {
        return module.resolve("target/kubernetes/kubernetes.yml");
    }

    /** The config file every module reads below its own application.properties. */
    static final String CONVENTIONS = "service-conventions/src/main/resources/META-INF/microprofile-config.properties";
    /** The config file every HTTP service reads below its own application.properties. */
    static final String HTTP_CONVENTIONS = "problem-details/src/main/resources/META-INF/microprofile-config.properties";

    /**
     * The settings each workload needs in production, from its module's application.properties and the shared
     * conventions, by workload name: the services, and the platform's own Job.
     */
    public static Map<String, java.util.Set<String>> productionSettings(Path root, SystemModel system) {
        Map<String, java.util.Set<String>> settings = new LinkedHashMap<>();
        for (String service : system.services()) {
            java.util.Set<String> own = settingsOf(root, service);
            own.addAll(ProductionSettings.read(root.resolve(HTTP_CONVENTIONS)));
            settings.put(service, own);
        }
        settings.put(platformWorkload(root), settingsOf(root, PLATFORM));
        return settings;
    }

    private static java.util.Set<String> settingsOf(Path root, String module) {
        java.util.Set<String> settings = new java.util.TreeSet<>(ProductionSettings.read(root.resolve(CONVENTIONS)));
        settings.addAll(ProductionSettings.read(root.resolve(module).resolve("src/main/resources/application.properties")));
        return settings;
    }
}
