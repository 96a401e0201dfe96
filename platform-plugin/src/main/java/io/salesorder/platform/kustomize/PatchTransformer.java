package io.salesorder.platform.kustomize;

import java.util.List;

import io.salesorder.platform.bundle.BundleException;
import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/**
 * kustomize's {@code patches}: each patch applies to every resource its target selects, or (a strategic-merge
 * patch without target) to the one resource of its kind and name.
 */
final class PatchTransformer {

    private PatchTransformer() {
    }

    /**
     * @param complete whether every resource is present: a patch naming a resource that is absent then fails (as
     *                 kustomize does); otherwise (a render of some services) it is skipped
     */
    static void apply(Kustomization.Patch patch, List<Resource> resources, boolean complete) {
        List<Resource> targets;
        if (patch.target().isPresent()) {
            targets = resources.stream().filter(r -> patch.target().get().matches(r.document())).toList();
        } else {
            Resource named = new Resource(Yaml.copy(patch.document().get()), patch.origin());
            targets = resources.stream()
                    .filter(r -> r.kind().equals(named.kind()) && r.name().equals(named.name())).toList();
            if (targets.isEmpty() && complete) {
                throw new BundleException(patch.origin() + " patches " + named.id() + ", which no resource is");
            }
        }
        for (Resource target : targets) {
            if (patch.document().isPresent()) {
                StrategicMerge.apply(patch.origin(), target.document(), Yaml.copy(patch.document().get()));
            } else {
                JsonPatch.apply(patch.origin(), target.id(), target.document(), patch.ops().get());
            }
        }
    }
}
