package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.salesorder.platform.bundle.Yaml;
import io.salesorder.platform.kustomize.Kubectl;

/**
 * The build reads the platform's kustomizations as kustomize does: {@code kubectl kustomize} of the tree that
 * {@code mvn package} laid out under {@code target/kustomize/<env>} yields the bundle's resources, field for field
 * (the generated Secrets aside: their values stay in the bundle alone).
 */
class KustomizeAgreementIT {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "staging", "prod" })
    void kubectl_kustomize_of_the_overlay_builds_the_bundle(String environment) throws Exception {
        Path overlay = Path.of("target/kustomize", environment, "overlays", environment);
        assertThat(overlay.resolve("kustomization.yaml")).exists();
        Map<String, Map<String, Object>> built = Kubectl.kustomize(overlay);
        Map<String, Map<String, Object>> bundle = Kubectl.byId(Yaml.read(Path.of("target/kubernetes", environment, "sales-order.yml")));
        assertThat(bundle).hasSizeGreaterThan(40);
        assertThat(built.keySet()).containsExactlyInAnyOrderElementsOf(bundle.keySet());
        for (String id : bundle.keySet()) {
            assertThat(built.get(id)).as(id).isEqualTo(bundle.get(id));
        }
    }
}
