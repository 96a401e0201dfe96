package io.salesorder.platform.kustomize;

import java.util.List;
import java.util.Map;

import io.salesorder.platform.bundle.Resource;

/**
 * kustomize's {@code images}: a container whose image is the entry's {@code name} (with any tag or digest) gets
 * {@code newName} where the entry sets it; a {@code digest} replaces the tag and digest (kept as {@code tag@digest}
 * only with a {@code newTag}), a {@code newTag} alone replaces both; otherwise the reference keeps them.
 */
final class ImageTransformer {

    /** An image reference split as kustomize splits it. */
    record Reference(String name, String tag, String digest) {

        static Reference parse(String image) {
            String digest = null;
            String rest = image;
            int at = image.indexOf('@');
            if (at >= 0) {
                digest = image.substring(at + 1);
                rest = image.substring(0, at);
            }
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                return new Reference(rest.substring(0, colon), rest.substring(colon + 1), digest);
            }
            return new Reference(rest, null, digest);
        }

        @Override
        public String toString() {
            return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
        }
    }

    private ImageTransformer() {
    }

    static void apply(Kustomization.Image entry, List<Resource> resources) {
        for (Resource resource : resources) {
            for (Map<String, Object> container : PodSpecs.containers(resource.document())) {
                Object image = container.get("image");
                if (image == null) {
                    continue;
                }
                Reference reference = Reference.parse(image.toString());
                if (!reference.name().equals(entry.name())) {
                    continue;
                }
                String tag = reference.tag();
                String digest = reference.digest();
                if (entry.digest().isPresent()) {
                    tag = entry.newTag().orElse(null);
                    digest = entry.digest().get();
                } else if (entry.newTag().isPresent()) {
                    tag = entry.newTag().get();
                    digest = null;
                }
                container.put("image", new Reference(entry.newName().orElse(reference.name()), tag, digest).toString());
            }
        }
    }
}
