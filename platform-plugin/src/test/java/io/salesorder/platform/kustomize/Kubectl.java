package io.salesorder.platform.kustomize;

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

import io.salesorder.platform.bundle.Resource;
import io.salesorder.platform.bundle.Yaml;

/** kubectl's own kustomize, where kubectl is on PATH (the tests that need it are skipped elsewhere). */
public final class Kubectl {

    private Kubectl() {
    }

    /** {@code kubectl kustomize directory}: its resources, by kind/name, Secrets left out. */
    public static Map<String, Map<String, Object>> kustomize(Path directory) throws Exception {
        Path kubectl = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                kubectl = Path.of(dir, "kubectl");
                break;
            }
        }
        assumeThat(kubectl).as("kubectl (with its kustomize) on PATH").isNotNull();
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize: " + err).isZero();
        return byId(Yaml.read(new StringReader(out)));
    }

    /** Documents by kind/name, Secrets left out (the build's generated values are never written to a tree). */
    public static Map<String, Map<String, Object>> byId(List<Map<String, Object>> documents) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> document : documents) {
            Resource resource = new Resource(document, "");
            if (!"Secret".equals(resource.kind())) {
                assertThat(byId.put(resource.id(), document)).as("one " + resource.id()).isNull();
            }
        }
        return byId;
    }
}
