package dev.jfilter.runtime.cbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.runtime.kernel.FilterSocket;
import dev.jfilter.runtime.kernel.KernelResult;
import dev.jfilter.runtime.kernel.SocketKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel rule set against the running kernel's checker: {@code SO_ATTACH_FILTER} through FFM for many programs,
 * and {@code /work/shared/tools/oracle kcheck} (the same call from C) for a set of good and bad ones. Skips, saying
 * why, where either cannot run.
 */
class KernelCheckTest {
    private static FilterSocket kernel;
    private static String whyNot = "";

    @BeforeAll
    static void openSocket() {
        switch (FilterSocket.open(SocketKind.UDP)) {
            case KernelResult.Ok<FilterSocket> ok -> kernel = ok.value();
            case KernelResult.Failed<FilterSocket> failed -> whyNot = failed.error().message();
        }
    }

    @AfterAll
    static void closeSocket() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private static FilterSocket kernel() {
        Assumptions.assumeTrue(kernel != null, () -> "the kernel's checker is not reachable: " + whyNot);
        return kernel;
    }

    private static CbpfProgram ddd(String text) {
        return ListingParser.parseDecimal(text).orThrow();
    }

    /** Good and bad programs: the kernel must agree with the validator on each. */
    static final Map<String, CbpfProgram> CRAFTED = crafted();

    private static Map<String, CbpfProgram> crafted() {
        Map<String, CbpfProgram> m = new TreeMap<>();
        m.put("good: ip", ddd("4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n"));
        m.put("good: ret a", ddd("1\n22 0 0 0\n"));
        m.put("good: every ancillary load", ddd(
                "4\n32 0 0 4294963200\n40 0 0 4294963260\n48 0 0 4294963248\n22 0 0 0\n"));
        m.put("good: SKF_NET_OFF load", ddd("2\n32 0 0 4293918720\n6 0 0 0\n"));
        m.put("good: lsh #31, div #1", ddd("3\n100 0 0 31\n52 0 0 1\n22 0 0 0\n"));
        m.put("good: scratch written on both paths", ddd(
                "7\n21 0 2 0\n2 0 0 3\n5 0 0 1\n2 0 0 3\n96 0 0 3\n22 0 0 0\n6 0 0 0\n"));
        m.put("good: dead code after ret inherits scratch", ddd("4\n2 0 0 1\n6 0 0 0\n97 0 0 1\n6 0 0 0\n"));
        m.put("good: 4096 instructions", ddd("4096\n" + String.join("\n", Collections.nCopies(4096, "6 0 0 0"))));
        m.put("good: ja to the last", ddd("3\n5 0 0 1\n6 0 0 0\n6 0 0 0\n"));
        m.put("bad: 4097 instructions", ddd("4097\n" + String.join("\n", Collections.nCopies(4097, "6 0 0 0"))));
        m.put("bad: empty", new CbpfProgram(List.of()));
        m.put("bad: unknown opcode", ddd("2\n14 0 0 0\n6 0 0 0\n"));
        m.put("bad: ld imm with a size", ddd("2\n8 0 0 1\n6 0 0 0\n"));
        m.put("bad: div #0", ddd("2\n52 0 0 0\n6 0 0 0\n"));
        m.put("bad: mod #0", ddd("2\n148 0 0 0\n6 0 0 0\n"));
        m.put("bad: lsh #32", ddd("2\n100 0 0 32\n6 0 0 0\n"));
        m.put("bad: st M[16]", ddd("2\n2 0 0 16\n6 0 0 0\n"));
        m.put("bad: jt past the end", ddd("2\n21 1 0 0\n6 0 0 0\n"));
        m.put("bad: ja past the end", ddd("3\n5 0 0 2\n6 0 0 0\n6 0 0 0\n"));
        m.put("bad: ja backwards", ddd("3\n6 0 0 0\n5 0 0 4294967294\n6 0 0 0\n"));
        m.put("bad: last is not ret", ddd("2\n6 0 0 0\n7 0 0 0\n"));
        m.put("bad: unknown ancillary", ddd("2\n32 0 0 4294963202\n6 0 0 0\n"));
        m.put("bad: ancillary past SKF_AD_MAX", ddd("2\n32 0 0 4294963264\n6 0 0 0\n"));
        m.put("bad: read before write", ddd("2\n96 0 0 3\n6 0 0 0\n"));
        m.put("bad: written on one path only", ddd("5\n21 0 1 0\n2 0 0 3\n96 0 0 3\n22 0 0 0\n6 0 0 0\n"));
        return m;
    }

    @Test
    void craftedProgramsGetTheKernelsVerdict() {
        FilterSocket k = kernel();
        for (Map.Entry<String, CbpfProgram> e : CRAFTED.entrySet()) {
            boolean good = e.getKey().startsWith("good");
            List<Problem> problems = Validator.kernel(e.getValue());
            assertThat(problems.isEmpty()).as("%s: %s", e.getKey(), problems).isEqualTo(good);
            assertThat(k.attach(e.getValue()).isEmpty()).as("kernel on %s", e.getKey()).isEqualTo(good);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void randomProgramsGetTheKernelsVerdict(long seed) {
        FilterSocket k = kernel();
        Random random = new Random(seed);
        int programs = 20_000;
        int accepted = 0;
        for (int i = 0; i < programs; i++) {
            CbpfProgram p = RandomPrograms.anyProgram(random, 8);
            boolean ours = Validator.kernel(p).isEmpty();
            var refusal = k.attach(p);
            assertThat(ours).as("%s: %s, kernel %s", p, Validator.kernel(p), refusal).isEqualTo(refusal.isEmpty());
            accepted += ours ? 1 : 0;
        }
        System.out.printf("kernel check (seed %d): %d random programs, %d accepted, all agree%n", seed, programs,
                accepted);
        assertThat(accepted).isGreaterThan(programs / 50);
    }

    @Test
    void libpcapsTestSuiteGetsTheKernelsVerdict() throws IOException {
        FilterSocket k = kernel();
        int accepted = 0;
        List<String> rejected = new ArrayList<>();
        List<TestData.SuiteProgram> programs = TestData.suitePrograms();
        for (TestData.SuiteProgram p : programs) {
            boolean ours = Validator.kernel(p.program()).isEmpty();
            assertThat(ours).as("%s: %s", p.name(), Validator.kernel(p.program())).isEqualTo(k.attach(p.program()).isEmpty());
            if (ours) {
                accepted++;
            } else {
                rejected.add(p.name() + " " + Validator.kernel(p.program()).getFirst().kind());
            }
        }
        System.out.printf("kernel check: libpcap test suite, %d programs, %d accepted, %d rejected (%s...)%n",
                programs.size(), accepted, rejected.size(), rejected.stream().limit(3).toList());
        // libpcap's protochain loops backwards, which the kernel refuses. And libpcap master's geneve/vxlan over
        // radiotap reads M[1] where no path wrote it (ldx M[1] at 17 of geneve_and_tcp_index_IEEE802_11_RADIO):
        // the kernel refuses that too. Everything else it accepts.
        assertThat(rejected).allMatch(r -> r.contains("protochain") && r.endsWith("BACKWARD_JUMP")
                || r.matches("(geneve|vxlan)_.*IEEE802_11_RADIO/.* UNINITIALIZED_SCRATCH"));
        assertThat(rejected).hasSize(16);
    }

    @Test
    void theOracleToolAgrees(@TempDir Path dir) throws Exception {
        String shared = System.getProperty("jfilter.shared");
        Assumptions.assumeTrue(shared != null, "jfilter.shared is not set");
        Path oracle = Path.of(shared, "tools", "oracle");
        Assumptions.assumeTrue(Files.isExecutable(oracle), oracle + " is missing");
        Path probe = dir.resolve("probe.ddd");
        Files.writeString(probe, "1\n6 0 0 0\n");
        Assumptions.assumeTrue(runOracle(oracle, probe).startsWith("ok"),
                "the oracle cannot run here (needs gcc and libpcap-dev): " + runOracle(oracle, probe));
        int checked = 0;
        for (Map.Entry<String, CbpfProgram> e : CRAFTED.entrySet()) {
            if (e.getValue().size() == 0) {
                continue; // the oracle's -ddd reader refuses a count of 0 before asking the kernel
            }
            Path file = dir.resolve("p" + checked + ".ddd");
            Files.writeString(file, Listing.format(e.getValue(), ListingFormat.DECIMAL));
            String verdict = runOracle(oracle, file);
            boolean good = e.getKey().startsWith("good");
            assertThat(verdict).as(e.getKey()).startsWith(good ? "ok" : "rejected");
            assertThat(Validator.kernel(e.getValue()).isEmpty()).as(e.getKey()).isEqualTo(good);
            checked++;
        }
        System.out.printf("oracle kcheck: %d crafted programs, all agree%n", checked);
    }

    private static String runOracle(Path oracle, Path program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(oracle.toString(), "kcheck", program.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.strip();
    }

    @Test
    void theFfmCheckSeesRejections() {
        assertThat(kernel().attach(new CbpfProgram(List.of(new SockFilter(0x34, 0, 0, 0),
                new SockFilter(6, 0, 0, 0))))).hasValueSatisfying(e -> assertThat(e.message()).contains("EINVAL"));
    }
}
