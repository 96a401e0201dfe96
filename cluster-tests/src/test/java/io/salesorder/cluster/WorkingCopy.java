package io.salesorder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A copy of this checkout's sources, where the README's commands run as a user runs them: a build there cannot
 * disturb the build that runs these tests, and a test may edit a file as a user would before a deploy.
 */
final class WorkingCopy {


    private WorkingCopy() {
    }

    static Path checkoutRoot() {
        return Path.of(System.getProperty("checkout.root", "..")).toAbsolutePath().normalize();
    }

    /** A new copy for a test class, from the checkout's files as they are now: no other class's edits are in it. */
    static synchronized Path fresh(String name) {
        Path target = Path.of("target", "checkouts", name).toAbsolutePath();
        delete(target);
        copyTree(checkoutRoot(), target);
        return target;
    }

    /** Replaces every occurrence of {@code from} (at least one) in a file of the copy, as a user's edit. */
    static void edit(Path copy, String file, String from, String to) {
        Path path = copy.resolve(file);
        try {
            String text = Files.readString(path);
            assertThat(text).as(file).contains(from);
            Files.writeString(path, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a line at the end of a file of the copy, as a user's edit. */
    static void append(Path copy, String file, String text) {
        try {
            Path path = copy.resolve(file);
            String current = Files.readString(path);
            Files.writeString(path, current + (current.endsWith("\n") ? "" : "\n") + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(from) && (name.equals("target") || name.equals(".git") || name.equals(".idea"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
