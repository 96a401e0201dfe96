package io.salesorder.platform.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/**
 * Lays out an overlay and every kustomization it reaches as a tree {@code kubectl kustomize} builds: each directory's
 * files copied, its {@code kustomization.yaml} rewritten with what the build adds (the modules' generated resources
 * as files of their own, the version label, the pushed digests, the autoscaled Deployments' patch). Secrets the build
 * generates are left out: their values never go to disk outside the bundle.
 */
public final class KustomizeTree {

    private KustomizeTree() {
    }

    /**
     * @param kustomize the build, with its injections
     * @param sources   the directory the kustomizations live under (paths in the tree are relative to it)
     * @param overlay   the overlay's directory
     * @param output    the tree's root, emptied first
     * @return the overlay's directory in the tree
     */
    public static Path write(Kustomize kustomize, Path sources, Path overlay, Path output) {
        Path root = sources.toAbsolutePath().normalize();
        try {
            delete(output);
            Deque<Path> pending = new ArrayDeque<>(List.of(overlay.toAbsolutePath().normalize()));
            Set<Path> done = new LinkedHashSet<>();
            while (!pending.isEmpty()) {
                Path directory = pending.pop();
                if (!done.add(directory)) {
                    continue;
                }
                if (!directory.startsWith(root)) {
                    throw new BundleException(directory + " is outside " + root + ": the tree holds only the platform's sources");
                }
                Path target = output.resolve(root.relativize(directory).toString());
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        if (!file.getFileName().toString().equals(Kustomization.FILE_NAME)) {
                            Files.copy(file, target.resolve(file.getFileName().toString()));
                        }
                    }
                }
                Kustomization kustomization = kustomize.effective(directory);
                for (String resource : kustomization.resources()) {
                    Path path = directory.resolve(resource).normalize();
                    if (Files.isDirectory(path)) {
                        pending.add(path);
                    }
                }
                List<String> resources = new ArrayList<>(kustomization.resources());
                Map<String, List<Resource>> byFile = new LinkedHashMap<>();
                for (Resource resource : kustomize.injectedResources(directory)) {
                    if (!"Secret".equals(resource.kind())) {
                        byFile.computeIfAbsent(fileName(resource.origin()), k -> new ArrayList<>()).add(resource);
                    }
                }
                if (!byFile.isEmpty()) {
                    Files.createDirectories(target.resolve("generated"));
                }
                for (Map.Entry<String, List<Resource>> file : byFile.entrySet()) {
                    StringBuilder yaml = new StringBuilder("# ").append(file.getValue().get(0).origin())
                            .append(": added by the build.\n");
                    for (Resource resource : file.getValue()) {
                        yaml.append("---\n").append(Yaml.write(resource.document()));
                    }
                    Files.writeString(target.resolve("generated").resolve(file.getKey()), yaml);
                    resources.add("generated/" + file.getKey());
                }
                Files.writeString(target.resolve(Kustomization.FILE_NAME),
                        "# " + root.relativize(directory) + "/kustomization.yaml with what the build adds; generated, do not edit.\n"
                                + Yaml.write(document(kustomization, resources)));
            }
            return output.resolve(root.relativize(overlay.toAbsolutePath().normalize()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the kustomize tree into " + output, e);
        }
    }

    private static Map<String, Object> document(Kustomization kustomization, List<String> resources) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", Kustomization.API_VERSION);
        document.put("kind", "Kustomization");
        document.put("resources", resources);
        kustomization.namespace().ifPresent(namespace -> document.put("namespace", namespace));
        if (!kustomization.labels().isEmpty()) {
            List<Object> labels = new ArrayList<>();
            for (Kustomization.LabelSet set : kustomization.labels()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("pairs", set.pairs());
                entry.put("includeTemplates", set.includeTemplates());
                labels.add(entry);
            }
            document.put("labels", labels);
        }
        if (!kustomization.images().isEmpty()) {
            List<Object> images = new ArrayList<>();
            for (Kustomization.Image image : kustomization.images()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", image.name());
                image.newName().ifPresent(v -> entry.put("newName", v));
                image.newTag().ifPresent(v -> entry.put("newTag", v));
                image.digest().ifPresent(v -> entry.put("digest", v));
                images.add(entry);
            }
            document.put("images", images);
        }
        if (!kustomization.patches().isEmpty()) {
            document.put("patches", kustomization.patches().stream().map(Kustomization.Patch::entry)
                    .filter(java.util.Objects::nonNull).toList());
        }
        return document;
    }

    private static String fileName(String origin) {
        String slug = origin.replace("(generated)", "").replace(".yml", "").toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return (slug.isEmpty() ? "resources" : slug) + ".yml";
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
