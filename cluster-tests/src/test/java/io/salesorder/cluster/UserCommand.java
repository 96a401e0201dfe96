package io.salesorder.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A command as a user types it, run by bash in a copy of the checkout with the test cluster as the current kube context
 * (KUBECONFIG), and what it printed. Nothing is added to the command line: what the README shows is what runs.
 */
final class UserCommand {

    private static final Duration LIMIT = Duration.ofMinutes(20);
    private static int count;

    /** What the command did. */
    record Result(String command, int exitCode, String output, Duration took) {

        Result succeeded() {
            assertThat(exitCode).as("exit code of `" + command + "`; it printed:\n" + tail()).isZero();
            return this;
        }

        Result failed() {
            assertThat(exitCode).as("exit code of `" + command + "`; it printed:\n" + tail()).isNotZero();
            return this;
        }

        /** The lines the sales-order plugin logged, without Maven's "[INFO] " prefix. */
        java.util.List<String> lines() {
            return output.lines().map(line -> line.replaceFirst("^\\[(INFO|ERROR|WARNING)\\] ", "")).toList();
        }

        String tail() {
            java.util.List<String> all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 80), all.size()));
        }
    }

    private UserCommand() {
    }

    /** Runs a command that the README shows, verbatim (the test fails if the README does not show it). */
    static Result fromReadme(String command, Path copy, Cluster cluster) {
        try {
            // A line of its own in a shell block, perhaps with a comment after it.
            assertThat(Files.readAllLines(WorkingCopy.checkoutRoot().resolve("README.md")))
                    .as("the README shows the command `" + command + "`")
                    .anyMatch(line -> line.replaceFirst("\\s+#.*$", "").strip().equals(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(command, copy, cluster);
    }

    /** Runs a command as typed. */
    static synchronized Result run(String command, Path copy, Cluster cluster) {
        Path log = Path.of("target", "commands", String.format("%02d.log", ++count)).toAbsolutePath();
        System.out.println("$ " + command + "    (in " + copy + "; output in " + log + ")");
        Instant start = Instant.now();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(copy.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
            Process process = builder.start();
            if (!process.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                throw new IllegalStateException("`" + command + "` did not end within " + LIMIT.toMinutes() + " minutes");
            }
            Duration took = Duration.between(start, Instant.now());
            // Maven colours its output even into a file; the assertions read the text.
            String output = Files.readString(log, StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "");
            Result result = new Result(command, process.exitValue(), output, took);
            System.out.println("  exit " + result.exitCode() + " after " + took.toSeconds() + " s");
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
