package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

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
        Path kubectl = onPath("kubectl");
        assumeThat(kubectl).as("kubectl (with its kustomize) on PATH").isNotNull();

        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                .redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize: " + err).isZero();

        Map<String, Map<String, Object>> built = byId(Yaml.read(new StringReader(new String(out, StandardCharsets.UTF_8))));
        Map<String, Map<String, Object>> bundle = byId(Yaml.read(Path.of("target/kubernetes", environment, "sales-order.yml")));
        assertThat(bundle).hasSizeGreaterThan(40);
        assertThat(built.keySet()).containsExactlyInAnyOrderElementsOf(bundle.keySet());
        for (String id : bundle.keySet()) {
            assertThat(built.get(id)).as(id).isEqualTo(bundle.get(id));
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> documents) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> document : documents) {
            Resource resource = new Resource(document, "");
            if (!"Secret".equals(resource.kind())) {
                assertThat(byId.put(resource.id(), document)).as("one " + resource.id()).isNull();
            }
        }
        return byId;
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
