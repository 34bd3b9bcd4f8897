package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the system tcpdump, when there is one. */
final class Tcpdump {
    private Tcpdump() {}

    /** tcpdump's path, from PATH or the usual places. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin";
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(d -> Path.of(d, "tcpdump"))
                .filter(Files::isExecutable).findFirst();
    }

    /** The exit code and output (stdout and stderr) of {@code tcpdump args...}. */
    record Run(int exitCode, String output) {}

    static Run run(Path tcpdump, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tcpdump.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tcpdump " + args + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
