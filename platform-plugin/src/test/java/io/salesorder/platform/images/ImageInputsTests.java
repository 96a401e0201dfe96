package io.salesorder.platform.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image fingerprint: what goes into an image changes it, where and whether to push does not. */
class ImageInputsTests {

    @TempDir
    Path dir;

    private Path classes;
    private Path jar;
    private Path jib;
    private Map<String, String> settings;

    @BeforeEach
    void module() throws IOException {
        classes = dir.resolve("module/target/classes");
        Files.createDirectories(classes.resolve("io/example"));
        Files.write(classes.resolve("io/example/Shop.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});
        Files.writeString(classes.resolve("application.properties"), "quarkus.http.port=8080\n");
        jar = Files.write(dir.resolve("lib.jar"), new byte[] {1, 2, 3});
        jib = dir.resolve("module/src/main/jib");
        settings = new HashMap<>(Map.of(
                "quarkus.jib.base-jvm-image", "eclipse-temurin:17.0.15_6-jre-noble",
                "quarkus.container-image.name", "shop",
                "quarkus.container-image.build", "true",
                "quarkus.container-image.push", "true",
                "project.build.sourceEncoding", "UTF-8"));
    }

    private String fingerprint() {
        return fingerprint(classes, "io.example:lib:jar:1.0");
    }

    private String fingerprint(Path classesDir, String coordinates) {
        return ImageInputs.fingerprint(classesDir, List.of(jib),
                List.of(new ImageInputs.Artifact(coordinates, jar)), settings);
    }

    @Test
    void the_same_inputs_give_the_same_fingerprint_wherever_they_lie() throws IOException {
        String first = fingerprint();
        assertThat(first).hasSize(64).isEqualTo(fingerprint());
        Path copy = dir.resolve("elsewhere/classes");
        Files.createDirectories(copy.resolve("io/example"));
        Files.copy(classes.resolve("io/example/Shop.class"), copy.resolve("io/example/Shop.class"));
        Files.copy(classes.resolve("application.properties"), copy.resolve("application.properties"));
        assertThat(fingerprint(copy, "io.example:lib:jar:1.0")).isEqualTo(first);
    }

    @Test
    void a_changed_class_resource_or_added_file_changes_it() throws IOException {
        String first = fingerprint();
        Files.write(classes.resolve("io/example/Shop.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 3});
        String changedClass = fingerprint();
        assertThat(changedClass).isNotEqualTo(first);
        Files.writeString(classes.resolve("application.properties"), "quarkus.http.port=8081\n");
        assertThat(fingerprint()).isNotEqualTo(changedClass);
        String beforeJib = fingerprint();
        Files.createDirectories(jib);
        Files.writeString(jib.resolve("motd"), "hello\n");
        assertThat(fingerprint()).isNotEqualTo(beforeJib);
    }

    @Test
    void a_dependency_changes_it_by_content_or_by_coordinates() throws IOException {
        String first = fingerprint();
        assertThat(fingerprint(classes, "io.example:lib:jar:1.1")).isNotEqualTo(first);
        Files.write(jar, new byte[] {1, 2, 4});
        assertThat(fingerprint()).isNotEqualTo(first);
    }

    @Test
    void image_settings_change_it_and_push_settings_credentials_and_deploy_settings_do_not() {
        String first = fingerprint();
        settings.put("quarkus.container-image.build", "false");
        settings.put("quarkus.container-image.push", "false");
        settings.put("quarkus.container-image.additional-tags", "inputs-0123");
        settings.put("quarkus.container-image.password", "changes-every-login");
        settings.put("quarkus.kubernetes.deploy", "true");
        settings.put("project.build.sourceEncoding", "ISO-8859-1");
        assertThat(fingerprint()).isEqualTo(first);
        settings.put("quarkus.jib.base-jvm-image", "mirror.example/temurin:17.0.15_6-jre-noble");
        String newBase = fingerprint();
        assertThat(newBase).isNotEqualTo(first);
        settings.put("quarkus.jib.user", "10001:10001");
        assertThat(fingerprint()).isNotEqualTo(newBase);
    }
}
