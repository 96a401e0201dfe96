package io.salesorder.platform.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.salesorder.platform.kustomize.Kustomization;
import io.salesorder.platform.kustomize.Kustomize;
import io.salesorder.platform.kustomize.KustomizeTree;

/**
 * Assembles one environment's bundle from the platform's kustomize sources and what the modules generate.
 *
 * <p>
 * The platform sources directory holds {@code base/} and {@code datastores/} (kustomizations), {@code
 * overlays/<env>/} (one kustomization per environment, with its local-config {@code platform-settings}),
 * {@code edge/} (the edge's templates) and {@code secrets.yml} (the secret plan). A render is:
 * <ol>
 * <li><b>load</b>: each module's generated resources join the base's, their images named by repository alone
 * ({@code sales-order/<name>:<tag>}), so the overlay's {@code images} say where each environment pulls them from;</li>
 * <li><b>kustomize</b>: the overlay is built as {@code kubectl kustomize} builds it ({@link Kustomize});</li>
 * <li><b>edge and secrets</b>, the two steps kustomize cannot do: the edge the settings choose, with the network
 * policies that follow from its routes ({@link EdgeResources}), and the secret plan's Secrets (values generated
 * once and kept) or ExternalSecrets ({@link SecretPlan}); both join the base, whose namespace and labels they take;</li>
 * <li><b>build-time additions</b> in kustomize's own terms: the system's version as a label of the base, the removal
 * of {@code spec.replicas} from the Deployments an autoscaler owns, and the digests this build pushed;</li>
 * <li><b>order</b>: the apply order ({@link Bundle#sortForApply}).</li>
 * </ol>
 * {@link KustomizeTree} lays the same out as a tree {@code kubectl kustomize} builds to the same resources.
 */
public final class BundleRenderer {

    /** Service images as Quarkus names them: an optional registry, then the {@code sales-order} group. */
    private static final Pattern SERVICE_IMAGE = Pattern.compile("^(?:[^/]*[.:][^/]*/)?(sales-order/[^/]+)$");

    /** An environment's rendered bundle, and the build that rendered it (to lay out as a kustomize tree). */
    public record Rendering(Bundle bundle, Kustomize kustomize, Path overlay) {

        /** Writes the tree {@code kubectl kustomize} builds; returns the overlay's directory in it. */
        public Path writeTree(Path sources, Path output) {
            return KustomizeTree.write(kustomize, sources, overlay, output);
        }
    }

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

    /** The environments the platform defines: the overlays' directory names. */
    public List<String> environments() {
        try (Stream<Path> dirs = Files.list(overlays())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(Kustomization.FILE_NAME)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path overlays() {
        return inputs.platformSources().resolve("overlays");
    }

    private Path base() {
        return inputs.platformSources().resolve("base");
    }

    /**
     * Renders an environment. {@code knownSecretValues} are generated values that already exist (on a cluster)
     * and must be kept. A {@code complete} render needs every input and refuses a patch that names a resource
     * that is absent; a partial one (deploying some services) skips the patches of what it does not hold.
     */
    public Bundle render(String environmentName, Map<String, String> knownSecretValues, boolean complete) {
        return rendering(environmentName, knownSecretValues, complete).bundle();
    }

    public Rendering rendering(String environmentName, Map<String, String> knownSecretValues, boolean complete) {
        Path overlay = overlays().resolve(environmentName);
        if (!Files.isRegularFile(overlay.resolve(Kustomization.FILE_NAME))) {
            throw new BundleException("No environment " + environmentName + ": the platform defines " + environments());
        }
        Kustomize.Injection modules = new Kustomize.Injection(loadModules(),
                List.of(new Kustomization.LabelSet(Map.of(Resource.VERSION_LABEL, inputs.version()), true)),
                List.of(), List.of());
        Kustomize.Result declared = new Kustomize(Map.of(base(), modules), complete).build(overlay);
        Environment environment = Environment.fromSettings(environmentName,
                "overlays/" + environmentName + "/" + Kustomization.FILE_NAME, declared.localConfig());

        List<Resource> generated = new ArrayList<>(EdgeResources.render(edgeTemplates(), declared.resources(), environment.edge()));
        if (environment.secrets().store() == Environment.Store.GENERATED) {
            secretPlan.renderGenerated(secretPlan.generate(knownSecretValues))
                    .forEach(doc -> generated.add(new Resource(doc, "secrets.yml (generated values)")));
        } else {
            secretPlan.renderExternal(environment.secrets())
                    .forEach(doc -> generated.add(new Resource(doc, "secrets.yml (" + environment.secrets().store().name().toLowerCase() + ")")));
        }
        Kustomize.Injection steps = new Kustomize.Injection(generated, List.of(), List.of(),
                autoscaledReplicas(declared.resources()));
        Kustomize.Injection pins = new Kustomize.Injection(List.of(), List.of(), pins(declared.resources()), List.of());
        Kustomize build = new Kustomize(Map.of(base(), modules.plus(steps), overlay, pins), complete);
        List<Resource> resources = new ArrayList<>(build.build(overlay).resources());
        Bundle.sortForApply(resources);
        return new Rendering(new Bundle(environmentName, resources), build, overlay);
    }

    /** Each module's generated resources, its service image named by repository alone. */
    private List<Resource> loadModules() {
        List<Resource> resources = new ArrayList<>();
        inputs.platformWorkload().ifPresent(file -> load(resources, file, "platform module (generated)"));
        inputs.services().forEach((service, file) -> load(resources, file, service + " (generated)"));
        return resources;
    }

    private static void load(List<Resource> resources, Path file, String origin) {
        for (Map<String, Object> document : Yaml.read(file)) {
            Resource resource = new Resource(document, origin);
            for (Map<String, Object> container : resource.containers()) {
                Object image = container.get("image");
                Matcher service = image == null ? null : SERVICE_IMAGE.matcher(repository(image.toString()));
                if (service != null && service.matches()) {
                    container.put("image", service.group(1) + image.toString().substring(repository(image.toString()).length()));
                }
            }
            resources.add(resource);
        }
    }

    private List<Resource> edgeTemplates() {
        List<Resource> templates = new ArrayList<>();
        Path edge = inputs.platformSources().resolve("edge");
        try (Stream<Path> files = Files.list(edge)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Yaml.read(file).forEach(document -> templates.add(new Resource(document, "edge/" + file.getFileName())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the edge's templates in " + edge, e);
        }
        return templates;
    }

    /**
     * The autoscaler owns the replica count of the Deployments it targets; an applied count would reset it on every
     * deploy. A patch of the base removes it (kustomize cannot remove a field by another resource's reference).
     */
    private static List<Kustomization.Patch> autoscaledReplicas(List<Resource> resources) {
        Set<String> autoscaled = new TreeSet<>();
        for (Resource resource : resources) {
            if ("HorizontalPodAutoscaler".equals(resource.kind())) {
                autoscaled.add(targetOf(resource));
            }
        }
        List<String> owned = resources.stream()
                .filter(r -> "Deployment".equals(r.kind()) && autoscaled.contains(r.name())
                        && Resource.map(r.document(), "spec").containsKey("replicas"))
                .map(Resource::name).sorted().toList();
        if (owned.isEmpty()) {
            return List.of();
        }
        return List.of(Kustomization.Patch.json6902("the Deployments an autoscaler owns (added by the build)",
                SecretPlan.ordered("kind", "Deployment", "name", String.join("|", owned)),
                List.of(SecretPlan.ordered("op", "remove", "path", "/spec/replicas"))));
    }

    /** Where this build pushed an image the overlay names, that image pinned to the pushed digest (its tag kept). */
    private List<Kustomization.Image> pins(List<Resource> resources) {
        Map<String, Kustomization.Image> pins = new TreeMap<>();
        for (Resource resource : resources) {
            for (Map<String, Object> container : resource.containers()) {
                String image = String.valueOf(container.get("image"));
                String repository = repository(image);
                String digest = inputs.pushedDigests().get(repository);
                if (digest != null && !image.contains("@")) {
                    String rest = image.substring(repository.length());
                    Optional<String> tag = rest.startsWith(":") ? Optional.of(rest.substring(1)) : Optional.empty();
                    pins.put(repository, new Kustomization.Image(repository, Optional.empty(), tag, Optional.of(digest)));
                }
            }
        }
        return List.copyOf(pins.values());
    }

    @SuppressWarnings("unchecked")
    private static String targetOf(Resource autoscaler) {
        Map<String, Object> spec = Resource.map(autoscaler.document(), "spec");
        Map<String, Object> target = (Map<String, Object>) spec.getOrDefault("scaleTargetRef", Map.of());
        return String.valueOf(target.get("name"));
    }
}
