package dev.jfilter.testpcaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus expression compiles with libpcap for its link type, and most of them split the captures of that
 * link type (match some packets, not all). libpcap is reached through the shared oracle
 * ({@code $jfilter.shared/tools/oracle}, the system libpcap: {@code pcap_compile} on {@code pcap_open_dead}, then
 * {@code bpf_filter} on every packet); the test skips, saying why, when it is not there or cannot run.
 */
class CorpusOracleTest {
    /** The share of expressions that must split the traffic, over the whole corpus. */
    private static final double MIN_SPLIT_SHARE = 0.80;

    private static Path oracle;
    private static String whyNot;

    @BeforeAll
    static void findOracle() throws Exception {
        String shared = System.getProperty("jfilter.shared");
        if (shared == null) {
            whyNot = "system property jfilter.shared is not set";
            return;
        }
        Path o = Path.of(shared, "tools", "oracle");
        if (!Files.isExecutable(o)) {
            whyNot = "no libpcap oracle at " + o;
            return;
        }
        Result probe = run(List.of(o.toString(), "compile", "EN10MB", "262144", "1", "ip"));
        if (probe.exit != 0) {
            whyNot = "the oracle does not run (needs gcc and libpcap-dev): " + probe.out;
            return;
        }
        oracle = o;
    }

    /** Each test skips, with the reason, when the oracle is missing (a class-level skip would not be counted). */
    private static void needsTheOracle() {
        Assumptions.assumeTrue(oracle != null, whyNot);
    }

    static List<String> dlts() {
        return TestPcaps.DLT_NAMES;
    }

    @ParameterizedTest
    @MethodSource("dlts")
    void everyExpressionCompilesForItsLinkType(String dlt) throws Exception {
        needsTheOracle();
        List<String> failures = new ArrayList<>();
        for (TestPcaps.CorpusLine l : TestPcaps.corpusLines(dlt)) {
            Result r = run(List.of(oracle.toString(), "compile", dlt, "262144", "1", l.expression()));
            if (r.exit != 0) {
                failures.add("line " + l.line() + ": " + l.expression() + " -> " + r.out.strip());
            }
        }
        assertThat(failures).as("%s expressions libpcap rejects", dlt).isEmpty();
    }

    @Test
    void mostExpressionsSplitTheTraffic() throws Exception {
        needsTheOracle();
        int total = 0;
        int split = 0;
        StringBuilder report = new StringBuilder();
        for (String dlt : TestPcaps.DLT_NAMES) {
            int n = 0;
            int s = 0;
            for (TestPcaps.CorpusLine l : TestPcaps.corpusLines(dlt)) {
                int matched = 0;
                int packets = 0;
                for (TestPcap pcap : TestPcaps.forDlt(dlt)) {
                    Result r = run(List.of(oracle.toString(), "verdicts", dlt, "262144", l.expression(),
                            pcap.path().toString()));
                    assertThat(r.exit).as("%s %s: %s", dlt, l.expression(), r.out).isZero();
                    for (String v : r.out.split("\n")) {
                        if (!v.isBlank()) {
                            packets++;
                            matched += v.strip().equals("0") ? 0 : 1;
                        }
                    }
                }
                n++;
                if (matched > 0 && matched < packets) {
                    s++;
                }
            }
            report.append(String.format("%-10s %4d expressions, %4d split (%.1f%%)%n", dlt, n, s, 100.0 * s / n));
            total += n;
            split += s;
        }
        report.append(String.format("total      %4d expressions, %4d split (%.1f%%)%n", total, split,
                100.0 * split / total));
        System.out.print(report);
        assertThat((double) split / total).as(report.toString()).isGreaterThanOrEqualTo(MIN_SPLIT_SHARE);
    }

    private record Result(int exit, String out) {
    }

    /** Runs a command; a command that does not finish in 60 s fails the test (libpcap's protochain can loop). */
    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("oracle-", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
