package dev.jfilter.runtime.kernel.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a system command with a time limit, stdout and stderr together; for the network namespace fixtures. */
public final class Command {
    /** The limit for a command that does not say otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Command() {}

    /** A finished command: its exit status (-1 when it timed out and was killed) and output. */
    public record Result(List<String> command, int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }

        /** This result when it succeeded; otherwise an {@link IllegalStateException} with the command and output. */
        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output);
            }
            return this;
        }
    }

    /** Runs {@code command} with the {@link #DEFAULT_TIMEOUT}. */
    public static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, command);
    }

    /** Runs {@code command}, killing it after {@code timeout}. */
    public static Result run(Duration timeout, String... command) {
        List<String> argv = List.of(command);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(argv, -1, "timed out after " + timeout);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(argv, process.exitValue(), output);
        } catch (IOException e) {
            return new Result(argv, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        }
    }

    /** The absolute path of {@code tool} in PATH or the usual system directories, if it is there. */
    public static Optional<String> find(String tool) {
        var dirs = new java.util.ArrayList<String>(
                Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .map(Path::toString).findFirst();
    }

    /** True when this process runs as root (uid 0). */
    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
