package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared libpcap oracle ({@code $jfilter.shared/tools/oracle}: the installed libpcap's {@code pcap_compile} on
 * {@code pcap_open_dead}, and its {@code bpf_filter} on every packet of a capture), found once per test run. Tests
 * call {@link #require()} first: it skips them, saying why, when the oracle is missing or cannot run.
 */
final class Oracle {
    private static final Oracle INSTANCE = find();

    private final Path path;
    private final String whyNot;

    private Oracle(Path path, String whyNot) {
        this.path = path;
        this.whyNot = whyNot;
    }

    /** The result of one oracle command: its exit status and its output (standard output and error). */
    record Result(int exit, String out) {
        /** The non-blank output lines, stripped. */
        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
        }
    }

    /** The oracle, or a skip of the calling test with the reason it is not available. */
    static Oracle require() {
        Assumptions.assumeTrue(INSTANCE.path != null, INSTANCE.whyNot);
        return INSTANCE;
    }

    /** {@code oracle compile DLT 262144 OPT EXPR}: libpcap's program (exit 0) or its error (exit 1). */
    Result compile(String dlt, boolean optimize, String expression) {
        return run(List.of(path.toString(), "compile", dlt, "262144", optimize ? "1" : "0", expression));
    }

    /** {@code oracle verdicts DLT 262144 EXPR PCAP}: the optimized program's return value for each packet. */
    Result verdicts(String dlt, String expression, Path pcap) {
        return run(List.of(path.toString(), "verdicts", dlt, "262144", expression, pcap.toString()));
    }

    /** {@code oracle run PROG PCAP}: libpcap's {@code bpf_filter} running a program given as -ddd lines. */
    Result runProgram(List<int[]> program, Path pcap) {
        try {
            Path ddd = Files.createTempFile("prog-", ".ddd");
            try {
                List<String> lines = new ArrayList<>();
                lines.add(Integer.toString(program.size()));
                program.forEach(i -> lines.add(i[0] + " " + i[1] + " " + i[2] + " " + Integer.toUnsignedString(i[3])));
                Files.write(ddd, lines);
                return run(List.of(path.toString(), "run", ddd.toString(), pcap.toString()));
            } finally {
                Files.deleteIfExists(ddd);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs a command; one that does not finish in 60 s fails the test (libpcap's protochain can loop). */
    private static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("oracle-", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Oracle find() {
        String shared = System.getProperty("jfilter.shared");
        if (shared == null) {
            return new Oracle(null, "system property jfilter.shared is not set");
        }
        Path o = Path.of(shared, "tools", "oracle");
        if (!Files.isExecutable(o)) {
            return new Oracle(null, "no libpcap oracle at " + o);
        }
        Result probe = run(List.of(o.toString(), "compile", "EN10MB", "262144", "1", "ip"));
        if (probe.exit() != 0) {
            return new Oracle(null, "the oracle does not run (needs gcc and libpcap-dev): " + probe.out());
        }
        return new Oracle(o, null);
    }
}
