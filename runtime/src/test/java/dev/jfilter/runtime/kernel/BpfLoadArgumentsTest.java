package dev.jfilter.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Load arguments the kernel would refuse are refused before the call: these need no privilege. */
class BpfLoadArgumentsTest {

    @BeforeEach
    void needsThePlatform() {
        assumeTrue(BpfProgram.unavailableReason().isEmpty(),
                () -> "bpf(2) is not bound here: " + BpfProgram.unavailableReason().orElse(""));
    }

    static Stream<Arguments> refusedBeforeTheCall() {
        byte[] exit = Assembler.assemble(Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0), new Exit()));
        return Stream.of(
                Arguments.of("no instruction", "ok", new byte[0], "GPL", "has 0 bytes"),
                Arguments.of("half an instruction", "ok", Arrays.copyOf(exit, 12), "GPL", "has 12 bytes"),
                Arguments.of("name too long", "sixteen_chars_xx", exit, "GPL", "at most 15 characters"),
                Arguments.of("name with a dash", "jfilter-test", exit, "GPL", "program name 'jfilter-test'"),
                Arguments.of("license with NUL", "ok", exit, "G\0PL", "the license must be ASCII"),
                Arguments.of("too many instructions", "ok", new byte[8 * (BpfProgram.MAX_INSNS + 1)], "GPL",
                        "the kernel loads at most 1000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeTheCall")
    void badLoadArgumentsAreRefusedBeforeTheCall(String what, String name, byte[] code, String license,
            String reason) {
        BpfLoadResult result = BpfProgram.load(BpfProgramType.SOCKET_FILTER, name, code, license);
        assertThat(result).isInstanceOfSatisfying(BpfLoadResult.Rejected.class, rejected -> {
            assertThat(rejected.error().errno()).isEmpty();
            assertThat(rejected.error().reason()).contains(reason);
            assertThat(rejected.verifierLog()).isEmpty();
        });
    }

}
