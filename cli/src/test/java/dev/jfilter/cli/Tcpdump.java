package dev.jfilter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the system tcpdump (the reference for {@code jfilter filter}), when there is one, with {@code TZ=UTC}. */
final class Tcpdump {
    private Tcpdump() {}

    /** tcpdump's path, from PATH or the usual places. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin";
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(d -> Path.of(d, "tcpdump"))
                .filter(Files::isExecutable).findFirst();
    }

    /** The exit code, standard output and standard error of {@code tcpdump args...}. */
    record Run(int exitCode, String out, String err) {}

    static Run run(Path tcpdump, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tcpdump.toString());
        command.addAll(args);
        Path errFile = Files.createTempFile("tcpdump-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errFile.toFile());
            builder.environment().put("TZ", "UTC");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("tcpdump " + args + " did not finish");
            }
            return new Run(process.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
