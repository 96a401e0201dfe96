package io.salesorder.platform.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Assembles one environment's bundle: the platform's base resources and its own workload, every service's
 * generated resources, the environment's overlay and the Secrets (generated or from a secure store).
 *
 * <p>
 * The platform sources directory holds {@code base/*.yml}, {@code secrets.yml} and
 * {@code environments/<name>.yml}.
 */
public final class BundleRenderer {

    /** Service images as Quarkus names them: an optional registry, then the {@code sales-order} group. */
    private static final Pattern SERVICE_IMAGE = Pattern.compile("^(?:[^/]*[.:][^/]*/)?(sales-order/[^/]+)$");

    /**
     * @param platformSources  the platform's base, environments and secret plan
     * @param platformWorkload what Quarkus generated for the platform module itself, if built
     * @param services         each service's generated {@code kubernetes.yml}, by service name
     * @param version          the system's version, stamped as {@code app.kubernetes.io/version}
     * @param pushedDigests    the digest this build pushed for an image repository ({@code registry/group/name})
     */
    public record Inputs(Path platformSources, Optional<Path> platformWorkload, Map<String, Path> services, String version,
            Map<String, String> pushedDigests) {

        public Inputs(Path platformSources, Optional<Path> platformWorkload, Map<String, Path> services, String version) {
            this(platformSources, platformWorkload, services, version, Map.of());
        }
    }

    /** An image reference without its tag or digest: the repository. */
    public static String repository(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(0, colon) : name;
    }

    private final Inputs inputs;
    private final SecretPlan secretPlan;

    public BundleRenderer(Inputs inputs) {
        this.inputs = inputs;
        this.secretPlan = SecretPlan.read(inputs.platformSources().resolve("secrets.yml"));
    }

    public SecretPlan secretPlan() {
        return secretPlan;
    }

    /** The environments the platform defines, by file name. */
    public List<String> environments() {
        try (Stream<Path> files = Files.list(inputs.platformSources().resolve("environments"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Environment environment(String name) {
        Path file = inputs.platformSources().resolve("environments").resolve(name + ".yml");
        if (!Files.isRegularFile(file)) {
            throw new BundleException("No environment " + name + ": the platform defines " + environments());
        }
        Environment environment = Environment.parse(file.toString(), Yaml.read(file));
        if (!environment.name().equals(name)) {
            throw new BundleException(file + " names itself " + environment.name());
        }
        return environment;
    }

    /**
     * Renders an environment. {@code knownSecretValues} are generated values that already exist (on a cluster)
     * and must be kept. A {@code complete} render needs every input and refuses a patch that targets nothing; a
     * partial one (deploying some services) skips the patches of what it does not hold.
     */
    public Bundle render(String environmentName, Map<String, String> knownSecretValues, boolean complete) {
        Environment environment = environment(environmentName);
        Map<String, Resource> byId = new LinkedHashMap<>();
        for (Path file : baseFiles()) {
            add(byId, file, file.getFileName().toString());
        }
        inputs.platformWorkload().ifPresent(file -> add(byId, file, "platform module (generated)"));
        inputs.services().forEach((service, file) -> add(byId, file, service + " (generated)"));

        for (Map<String, Object> patch : environment.patches()) {
            Resource target = byId.get(id(patch));
            if (target == null) {
                if (complete) {
                    throw new BundleException("environments/" + environmentName + ".yml patches " + id(patch)
                            + ", which no module defines");
                }
                continue;
            }
            Merge.into(target.document(), patch);
        }

        List<Resource> resources = new ArrayList<>(byId.values());
        if (environment.secrets().store() == Environment.Store.GENERATED) {
            secretPlan.renderGenerated(secretPlan.generate(knownSecretValues))
                    .forEach(doc -> resources.add(new Resource(doc, "secrets.yml (generated values)")));
        } else {
            secretPlan.renderExternal(environment.secrets())
                    .forEach(doc -> resources.add(new Resource(doc, "secrets.yml (" + environment.secrets().store() + ")")));
        }

        List<Resource> withEdge = EdgeResources.apply(resources, environment.edge());
        resources.clear();
        resources.addAll(withEdge);

        Set<String> autoscaled = new HashSet<>();
        for (Resource resource : resources) {
            if ("HorizontalPodAutoscaler".equals(resource.kind())) {
                autoscaled.add(targetOf(resource));
            }
        }
        for (Resource resource : resources) {
            normalize(resource, environment);
            if ("Deployment".equals(resource.kind()) && autoscaled.contains(resource.name())) {
                // The autoscaler owns the replica count; an applied count would reset it on every deploy.
                Resource.map(resource.document(), "spec").remove("replicas");
            }
        }
        Bundle.sortForApply(resources);
        return new Bundle(environmentName, resources);
    }

    private void normalize(Resource resource, Environment environment) {
        if (!"Namespace".equals(resource.kind())) {
            resource.metadata().put("namespace", Bundle.NAMESPACE);
        }
        Map<String, Object> labels = resource.labels();
        labels.put(Resource.PART_OF_LABEL, "sales-order-system");
        labels.putIfAbsent(Resource.VERSION_LABEL, inputs.version());
        Map<String, Object> template = resource.podTemplate();
        if (template != null) {
            Map<String, Object> podLabels = Resource.map(Resource.map(template, "metadata"), "labels");
            podLabels.put(Resource.PART_OF_LABEL, "sales-order-system");
            podLabels.putIfAbsent(Resource.VERSION_LABEL, labels.get(Resource.VERSION_LABEL));
        }
        for (Map<String, Object> container : resource.containers()) {
            Object image = container.get("image");
            if (image != null) {
                Matcher service = SERVICE_IMAGE.matcher(image.toString());
                if (service.matches()) {
                    String reference = environment.imageRegistry() + "/" + service.group(1);
                    // Pinned where this build pushed the image: a deploy then rolls out exactly what changed.
                    String digest = inputs.pushedDigests().get(repository(reference));
                    container.put("image", digest == null ? reference : reference + "@" + digest);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String targetOf(Resource autoscaler) {
        Map<String, Object> spec = Resource.map(autoscaler.document(), "spec");
        Map<String, Object> target = (Map<String, Object>) spec.getOrDefault("scaleTargetRef", Map.of());
        return String.valueOf(target.get("name"));
    }

    private List<Path> baseFiles() {
        try (Stream<Path> files = Files.list(inputs.platformSources().resolve("base"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Map<String, Resource> byId, Path file, String origin) {
        for (Map<String, Object> document : Yaml.read(file)) {
            if (document.get("kind") == null || !(document.get("metadata") instanceof Map<?, ?> metadata)
                    || metadata.get("name") == null) {
                throw new BundleException(origin + " holds a document without kind or metadata.name");
            }
            sortLabels(document);
            Resource resource = new Resource(document, origin);
            Resource clash = byId.putIfAbsent(resource.id(), resource);
            if (clash != null) {
                throw new BundleException(resource.id() + " is defined twice: in " + clash.origin() + " and in " + origin);
            }
        }
    }

    /**
     * Puts every label map ({@code labels}, {@code matchLabels}) in name order. quarkus-kubernetes writes a service's
     * labels in an order that changes from one build to the next; sorted, two builds of one commit render the same
     * bundle.
     */
    @SuppressWarnings("unchecked")
    static void sortLabels(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> fields = (Map<String, Object>) map;
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if ((field.getKey().equals("labels") || field.getKey().equals("matchLabels"))
                        && field.getValue() instanceof Map<?, ?> labels) {
                    field.setValue(new LinkedHashMap<>(new java.util.TreeMap<>((Map<String, Object>) labels)));
                } else {
                    sortLabels(field.getValue());
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(BundleRenderer::sortLabels);
        }
    }

    @SuppressWarnings("unchecked")
    private static String id(Map<String, Object> document) {
        return document.get("kind") + "/" + ((Map<String, Object>) document.getOrDefault("metadata", Map.of())).get("name");
    }
}
