package io.salesorder.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The Kubernetes resources a module's build generated, read into the typed model. */
public final class GeneratedManifests {

    private final Path file;
    private final List<HasMetadata> resources;

    private GeneratedManifests(Path file, List<HasMetadata> resources) {
        this.file = file;
        this.resources = resources;
    }

    /** Reads {@code target/kubernetes/kubernetes.yml} of the module under test. */
    public static GeneratedManifests ofThisModule() {
        return read(Path.of("target", "kubernetes", "kubernetes.yml"));
    }

    @SuppressWarnings("unchecked")
    public static GeneratedManifests read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " does not exist: run the package phase first");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            List<HasMetadata> resources = parsed instanceof KubernetesList list ? list.getItems()
                    : parsed instanceof List<?> items ? (List<HasMetadata>) items
                    : List.of((HasMetadata) parsed);
            return new GeneratedManifests(file, resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<HasMetadata> all() {
        return resources;
    }

    public <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                file + " has no " + kind.getSimpleName() + " named " + name + "; it has " + summary()));
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return resources.stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
    }

    public List<String> summary() {
        return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }
}
