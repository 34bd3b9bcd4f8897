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

/**
 * A program of the system the tests compare with (tcpdump, the reference for {@code jfilter filter}; tshark,
 * capinfos and mergecap, Wireshark's independent reader), run with {@code TZ=UTC}.
 *
 * @param path where the program is
 */
record ExternalTool(Path path) {

    /** The program called {@code name}, from PATH or the usual places, when it is installed. */
    static Optional<ExternalTool> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin";
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst().map(ExternalTool::new);
    }

    /** tcpdump, when it is installed. */
    static Optional<ExternalTool> tcpdump() {
        return find("tcpdump");
    }

    /** The exit code, standard output and standard error of one run. */
    record Run(int exitCode, String out, String err) {}

    /** Runs the program with {@code args}; it has a minute. */
    Run run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(args);
        Path errFile = Files.createTempFile(path.getFileName() + "-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errFile.toFile());
            builder.environment().put("TZ", "UTC");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(path.getFileName() + " " + args + " did not finish");
            }
            return new Run(process.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    Run run(String... args) throws IOException, InterruptedException {
        return run(List.of(args));
    }
}
