package io.salesorder.platform.kustomize;

import java.util.List;
import java.util.Map;

import io.salesorder.platform.bundle.Resource;

/**
 * kustomize's {@code labels}: each pair is set on every resource and, with {@code includeTemplates}, on its pod
 * templates and on a StatefulSet's volume claim templates (never on selectors: the build refuses
 * {@code includeSelectors}).
 */
final class LabelTransformer {

    private LabelTransformer() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Kustomization.LabelSet labels, List<Resource> resources) {
        for (Resource resource : resources) {
            resource.labels().putAll(labels.pairs());
            if (!labels.includeTemplates()) {
                continue;
            }
            for (Map<String, Object> template : PodSpecs.templates(resource.document())) {
                Resource.map(Resource.map(template, "metadata"), "labels").putAll(labels.pairs());
            }
            if ("StatefulSet".equals(resource.kind())
                    && Resource.map(resource.document(), "spec").get("volumeClaimTemplates") instanceof List<?> claims) {
                for (Object claim : claims) {
                    Resource.map(Resource.map((Map<String, Object>) claim, "metadata"), "labels").putAll(labels.pairs());
                }
            }
        }
    }
}
