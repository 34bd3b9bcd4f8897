package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of the FFM attach against the shared oracle's C program ({@code oracle kcheck}, which calls
 * {@code setsockopt(SO_ATTACH_FILTER)} from C): seeded random programs, accepted or refused alike.
 */
class KernelOracleTest {

    /** Opcodes of every class, valid and not (0xff, 0x07 with a bad field, ...). */
    private static final int[] OPCODES = {
        0x00, 0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x60, 0x80, 0x01, 0x61, 0xb1, 0x02, 0x03,
        0x04, 0x0c, 0x14, 0x24, 0x34, 0x94, 0x44, 0x54, 0x64, 0x74, 0x84, 0xa4, 0x3c,
        0x05, 0x15, 0x1d, 0x25, 0x35, 0x45, 0x06, 0x16, 0x07, 0x87, 0xff, 0xe0, 0x0e
    };
    private static final int[] CONSTANTS = {0, 1, 2, 3, 12, 14, 15, 16, 23, 0x800, 0xfffff000, 65535};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theFfmAttachAgreesWithTheCOracle(long seed) throws Exception {
        assumeTrue(Platform.isSupported(), () -> Platform.unavailableReason().orElse(""));
        Path oracle = Path.of(System.getProperty("jfilter.shared", "../shared"), "tools", "oracle");
        assumeTrue(Files.isExecutable(oracle), "no shared oracle at " + oracle);
        assumeTrue(runOracle(oracle, write(new CbpfProgram(List.of(new SockFilter(0x06, 0, 0, 0))))).equals("ok"),
                "the oracle does not run here (it needs gcc, libpcap-dev and AF_PACKET)");
        Random random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            CbpfProgram program = randomProgram(random);
            String expected = runOracle(oracle, write(program));
            Optional<String> actual = KernelChecker.check(program);
            if (expected.equals("ok")) {
                assertThat(actual).as("%s", program).isEmpty();
                accepted++;
            } else {
                assertThat(expected).startsWith("rejected: ");
                assertThat(actual).as("%s", program)
                        .hasValueSatisfying(m -> assertThat(m).endsWith(": " + expected.substring(10)));
                refused++;
            }
        }
        assertThat(accepted).as("accepted programs").isGreaterThan(5);
        assertThat(refused).as("refused programs").isGreaterThan(5);
    }

    private static CbpfProgram randomProgram(Random random) {
        int length = 1 + random.nextInt(6);
        List<SockFilter> insns = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            boolean last = i == length - 1;
            int code = last && random.nextInt(10) < 8
                    ? (random.nextBoolean() ? 0x06 : 0x16)
                    : OPCODES[random.nextInt(OPCODES.length)];
            int k = random.nextInt(4) == 0 ? random.nextInt() : CONSTANTS[random.nextInt(CONSTANTS.length)];
            insns.add(new SockFilter(code, random.nextInt(4), random.nextInt(4), k));
        }
        return new CbpfProgram(insns);
    }

    private Path write(CbpfProgram program) throws IOException {
        StringBuilder text = new StringBuilder().append(program.size()).append('\n');
        for (SockFilter insn : program.instructions()) {
            text.append(insn.code()).append(' ').append(insn.jt()).append(' ').append(insn.jf()).append(' ')
                    .append(Integer.toUnsignedLong(insn.k())).append('\n');
        }
        Path file = Files.createTempFile(dir, "prog", ".ddd");
        Files.writeString(file, text);
        return file;
    }

    private static String runOracle(Path oracle, Path program) throws Exception {
        Process process = new ProcessBuilder(oracle.toString(), "kcheck", program.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
