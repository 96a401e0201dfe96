package io.salesorder.platform.kustomize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/**
 * Builds a kustomization as {@code kubectl kustomize} does, for the subset of fields {@link Kustomization} reads: the
 * resources (files, and directories built first, each with its own transformers), then this level's patches,
 * namespace, labels and images, in kustomize's order. Resources marked {@code config.kubernetes.io/local-config}
 * are kept apart: kustomize leaves them out of its output, the build reads them as settings.
 */
public final class Kustomize {

    public static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

    /**
     * @param resources   what kustomize outputs
     * @param localConfig the local-config resources (settings for the build's own steps)
     */
    public record Result(List<Resource> resources, List<Resource> localConfig) {
    }

    /**
     * What the build adds to one kustomization, in kustomize's own terms: resources no source file can list (what
     * the modules generate), and labels, images and patches that depend on the build (the version, the pushed
     * digests, which Deployments an autoscaler owns). {@link KustomizeTree} writes them into the tree it lays out.
     */
    public record Injection(List<Resource> resources, List<Kustomization.LabelSet> labels, List<Kustomization.Image> images,
            List<Kustomization.Patch> patches) {

        public static Injection none() {
            return new Injection(List.of(), List.of(), List.of(), List.of());
        }

        public Injection plus(Injection more) {
            return new Injection(concat(resources, more.resources), concat(labels, more.labels),
                    concat(images, more.images), concat(patches, more.patches));
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }
    }

    private final Map<Path, Injection> injections;
    private final boolean complete;

    /**
     * @param injections what the build adds to a kustomization, by its directory
     * @param complete   whether every input is present (see {@link PatchTransformer#apply})
     */
    public Kustomize(Map<Path, Injection> injections, boolean complete) {
        this.injections = new LinkedHashMap<>();
        injections.forEach((dir, injection) -> this.injections.merge(dir.toAbsolutePath().normalize(), injection, Injection::plus));
        this.complete = complete;
    }

    /** The kustomization of {@code directory} with what the build adds to it. */
    public Kustomization effective(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Kustomization own = Kustomization.read(dir);
        Injection added = injections.getOrDefault(dir, Injection.none());
        return new Kustomization(own.directory(), own.resources(), own.namespace(),
                Injection.concat(own.labels(), added.labels()), Injection.concat(own.images(), added.images()),
                Injection.concat(own.patches(), added.patches()));
    }

    /** The resources the build adds to {@code directory}'s kustomization. */
    public List<Resource> injectedResources(Path directory) {
        return injections.getOrDefault(directory.toAbsolutePath().normalize(), Injection.none()).resources();
    }

    public Result build(Path directory) {
        List<Resource> all = build(directory.toAbsolutePath().normalize(), new LinkedHashSet<>());
        List<Resource> output = new ArrayList<>();
        List<Resource> local = new ArrayList<>();
        for (Resource resource : all) {
            Object annotations = resource.metadata().get("annotations");
            boolean isLocal = annotations instanceof Map<?, ?> map && "true".equals(String.valueOf(map.get(LOCAL_CONFIG)));
            (isLocal ? local : output).add(resource);
        }
        return new Result(output, local);
    }

    private List<Resource> build(Path directory, Set<Path> visiting) {
        if (!visiting.add(directory)) {
            throw new BundleException(directory + " is reached again through its own resources: " + visiting);
        }
        Kustomization kustomization = effective(directory);
        Map<String, Resource> byId = new LinkedHashMap<>();
        for (String entry : kustomization.resources()) {
            Path path = directory.resolve(entry).normalize();
            if (Files.isDirectory(path)) {
                build(path, visiting).forEach(resource -> add(byId, resource, false));
            } else if (Files.isRegularFile(path)) {
                for (Map<String, Object> document : Yaml.read(path)) {
                    add(byId, new Resource(document, directory.getParent().relativize(path).toString()), true);
                }
            } else {
                throw new BundleException(directory.resolve(Kustomization.FILE_NAME) + ": resources lists " + entry
                        + ", which is neither a file nor a directory");
            }
        }
        injectedResources(directory).forEach(resource -> add(byId, new Resource(Yaml.copy(resource.document()), resource.origin()), true));
        visiting.remove(directory);

        List<Resource> resources = new ArrayList<>(byId.values());
        for (Kustomization.Patch patch : kustomization.patches()) {
            PatchTransformer.apply(patch, resources, complete);
        }
        kustomization.namespace().ifPresent(namespace -> NamespaceTransformer.apply(namespace, resources));
        for (Kustomization.LabelSet labels : kustomization.labels()) {
            LabelTransformer.apply(labels, resources);
        }
        for (Kustomization.Image image : kustomization.images()) {
            ImageTransformer.apply(image, resources);
        }
        return resources;
    }

    /** Adds a resource; one {@code loaded} from a file or the build has its label maps sorted (see {@link Resource#sortLabels}). */
    private static void add(Map<String, Resource> byId, Resource resource, boolean loaded) {
        Map<String, Object> document = resource.document();
        if (document.get("kind") == null || !(document.get("metadata") instanceof Map<?, ?> metadata)
                || metadata.get("name") == null) {
            throw new BundleException(resource.origin() + " holds a document without kind or metadata.name");
        }
        if (loaded) {
            Resource.sortLabels(document);
        }
        Resource clash = byId.putIfAbsent(resource.id(), resource);
        if (clash != null) {
            throw new BundleException(resource.id() + " is defined twice: in " + clash.origin() + " and in " + resource.origin());
        }
    }
}
