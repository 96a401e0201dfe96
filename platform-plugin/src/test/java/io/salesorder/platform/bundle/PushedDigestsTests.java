package io.salesorder.platform.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushedDigestsTests {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static void module(Path root, String name, Instant digestWritten) throws Exception {
        Path target = Files.createDirectories(root.resolve(name).resolve("target/kubernetes"));
        Files.writeString(target.resolve("kubernetes.yml"), """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - image: localhost:5000/sales-order/%s:2.1.0
                """.formatted(name));
        Path digest = root.resolve(name).resolve("target/jib-image.digest");
        Files.writeString(digest, DIGEST + "\n");
        Files.setLastModifiedTime(digest, FileTime.from(digestWritten));
    }

    @Test
    void only_digests_written_by_this_build_pin_an_image(@TempDir Path root) throws Exception {
        Instant buildStarted = Instant.parse("2026-12-02T10:00:00Z");
        module(root, "fresh-service", buildStarted.plusSeconds(30));
        module(root, "stale-service", buildStarted.minusSeconds(3600));
        assertThat(Checkout.pushedDigests(root, List.of("fresh-service", "stale-service"), buildStarted))
                .containsExactly(java.util.Map.entry("localhost:5000/sales-order/fresh-service", DIGEST));
    }

    @Test
    void a_repository_is_the_reference_without_its_tag_or_digest() {
        assertThat(BundleRenderer.repository("localhost:5000/sales-order/user-service:2.1.0")).isEqualTo("localhost:5000/sales-order/user-service");
        assertThat(BundleRenderer.repository("localhost:5000/sales-order/user-service:2.1.0@" + DIGEST)).isEqualTo("localhost:5000/sales-order/user-service");
        assertThat(BundleRenderer.repository("registry.example/sales-order/user-service")).isEqualTo("registry.example/sales-order/user-service");
    }

    @Test
    void the_summary_says_which_service_images_are_pinned() {
        assertThat(Bundle.pinning("localhost:5000/sales-order/user-service:2.1.0@" + DIGEST)).contains("the digest this build pushed");
        assertThat(Bundle.pinning("localhost:5000/sales-order/user-service:2.1.0")).contains("unpinned");
        assertThat(Bundle.pinning("redis:7.2.5")).isEmpty();
    }
}
