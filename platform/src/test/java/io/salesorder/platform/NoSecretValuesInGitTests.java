package io.salesorder.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No file of the checkout (outside build output) holds a private key, a token or a password value: the secret plan
 * names values, the platform and services reference Secrets, and generated values exist only under target/.
 */
class NoSecretValuesInGitTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Key material and tokens, in any file. */
    private static final List<Pattern> KEYS = List.of(
            Pattern.compile("-----BEGIN (RSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
            // A signed JWT: header.payload.signature, base64url.
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));

    /**
     * In configuration files: a key named like a password with a literal value, rather than a reference
     * ({@code ${...}}, {@code {value: ...}}, {@code {{ ... }}}) or nothing.
     */
    private static final Pattern PASSWORD = Pattern.compile(
            "(?im)^[\\s-]*[\\w.\"-]*(password|passwd)\"?\\s*[:=]\\s*(?![\\s{$\"]|\\$\\{)[^\\s#]{6,}");
    private static final Pattern CONFIGURATION = Pattern.compile(".*\\.(ya?ml|properties|env|json|conf|sh|sql)$");

    @Test
    void no_tracked_source_holds_a_secret_value() throws IOException {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !isBuildOutputOrTooling(ROOT.relativize(f)))
                    .forEach(f -> scan(f, findings));
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void the_scan_would_see_a_leak() throws IOException {
        Path leak = Files.createTempFile("leak", ".yml");
        try {
            Files.writeString(leak, "stringData:\n  DB_PASSWORD: hunter2hunter2\n");
            List<String> findings = new ArrayList<>();
            scan(leak, findings);
            assertThat(findings).hasSize(1);
        } finally {
            Files.delete(leak);
        }
    }

    private static boolean isBuildOutputOrTooling(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git") || name.equals("node_modules")) {
                return true;
            }
        }
        // This test names the patterns it looks for.
        return relative.endsWith("NoSecretValuesInGitTests.java");
    }

    private static void scan(Path file, List<String> findings) {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException e) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Pattern> patterns = new ArrayList<>(KEYS);
        if (CONFIGURATION.matcher(file.getFileName().toString()).matches()) {
            patterns.add(PASSWORD);
        }
        for (Pattern pattern : patterns) {
            var matcher = pattern.matcher(text);
            if (matcher.find()) {
                findings.add(file + ": " + matcher.group().strip());
            }
        }
    }
}
