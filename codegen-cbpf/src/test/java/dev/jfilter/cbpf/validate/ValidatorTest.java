package dev.jfilter.cbpf.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cbpf.validate.Problem.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {

    private static CbpfProgram ddd(String text) {
        return ListingParser.parseDecimal(text).orThrow();
    }

    /** tcpdump -ddd 'ip and tcp port 80' (libpcap 1.10.3). */
    private static final CbpfProgram TCP_PORT_80 = ddd("""
            13
            40 0 0 12
            21 0 10 2048
            48 0 0 23
            21 0 8 6
            40 0 0 20
            69 6 0 8191
            177 0 0 14
            72 0 0 14
            21 2 0 80
            72 0 0 16
            21 0 1 80
            6 0 0 262144
            6 0 0 0
            """);

    @Test
    void acceptsWhatLibpcapCompiles() {
        assertThat(Validator.kernel(TCP_PORT_80)).isEmpty();
        assertThat(Validator.libpcap(TCP_PORT_80)).isEmpty();
    }

    /**
     * Bad programs, the problem each rule set finds (null: that checker accepts), and where. Built so that the one
     * problem named is the only one.
     */
    static Stream<Arguments> badPrograms() {
        return Stream.of(
                Arguments.of("unknown opcode", "2\n14 0 0 0\n6 0 0 0\n", 0, Kind.UNKNOWN_OPCODE, null),
                // ld with the immediate mode and a half-word size: libpcap checks the mode only.
                Arguments.of("ld imm with a size", "2\n8 0 0 1\n6 0 0 0\n", 0, Kind.UNKNOWN_OPCODE, null),
                Arguments.of("unknown alu op", "2\n180 0 0 1\n6 0 0 0\n", 0, Kind.UNKNOWN_OPCODE,
                        Kind.UNKNOWN_OPCODE),
                Arguments.of("unknown load mode", "2\n192 0 0 1\n6 0 0 0\n", 0, Kind.UNKNOWN_OPCODE,
                        Kind.UNKNOWN_OPCODE),
                Arguments.of("unknown jump op", "3\n85 0 0 1\n6 0 0 0\n6 0 0 0\n", 0, Kind.UNKNOWN_OPCODE,
                        Kind.UNKNOWN_OPCODE),
                Arguments.of("division by 0", "2\n52 0 0 0\n6 0 0 0\n", 0, Kind.DIVISION_BY_ZERO,
                        Kind.DIVISION_BY_ZERO),
                Arguments.of("modulo by 0", "2\n148 0 0 0\n6 0 0 0\n", 0, Kind.DIVISION_BY_ZERO,
                        Kind.DIVISION_BY_ZERO),
                Arguments.of("lsh by 32", "2\n100 0 0 32\n6 0 0 0\n", 0, Kind.SHIFT_OUT_OF_RANGE, null),
                Arguments.of("rsh by -1", "2\n116 0 0 4294967295\n6 0 0 0\n", 0, Kind.SHIFT_OUT_OF_RANGE, null),
                Arguments.of("st M[16]", "2\n2 0 0 16\n6 0 0 0\n", 0, Kind.SCRATCH_OUT_OF_RANGE,
                        Kind.SCRATCH_OUT_OF_RANGE),
                Arguments.of("ldx M[16]", "3\n2 0 0 0\n97 0 0 16\n6 0 0 0\n", 1, Kind.SCRATCH_OUT_OF_RANGE,
                        Kind.SCRATCH_OUT_OF_RANGE),
                Arguments.of("jt past the end", "2\n21 1 0 0\n6 0 0 0\n", 0, Kind.JUMP_OUT_OF_RANGE,
                        Kind.JUMP_OUT_OF_RANGE),
                Arguments.of("jf past the end", "2\n21 0 1 0\n6 0 0 0\n", 0, Kind.JUMP_OUT_OF_RANGE,
                        Kind.JUMP_OUT_OF_RANGE),
                Arguments.of("ja past the end", "3\n5 0 0 2\n6 0 0 0\n6 0 0 0\n", 0, Kind.JUMP_OUT_OF_RANGE,
                        Kind.JUMP_OUT_OF_RANGE),
                Arguments.of("ja backwards", "3\n6 0 0 0\n5 0 0 4294967294\n6 0 0 0\n", 1, Kind.BACKWARD_JUMP, null),
                Arguments.of("ja before the start", "3\n6 0 0 0\n5 0 0 4294967293\n6 0 0 0\n", 1,
                        Kind.BACKWARD_JUMP, Kind.JUMP_OUT_OF_RANGE),
                Arguments.of("no final return", "2\n6 0 0 0\n7 0 0 0\n", 1, Kind.NO_FINAL_RETURN,
                        Kind.NO_FINAL_RETURN),
                // ret x: libpcap wants the RET class only; the kernel knows ret k and ret a.
                Arguments.of("ret x", "2\n14 0 0 0\n6 0 0 0\n", 0, Kind.UNKNOWN_OPCODE, null),
                Arguments.of("unknown ancillary", "2\n32 0 0 4294963202\n6 0 0 0\n", 0, Kind.UNKNOWN_ANCILLARY,
                        null),
                Arguments.of("ancillary past SKF_AD_MAX", "2\n32 0 0 4294963264\n6 0 0 0\n", 0,
                        Kind.UNKNOWN_ANCILLARY, null),
                Arguments.of("read before write", "2\n96 0 0 3\n6 0 0 0\n", 0, Kind.UNINITIALIZED_SCRATCH, null),
                Arguments.of("written on one path only", """
                        5
                        21 0 1 0
                        2 0 0 3
                        96 0 0 3
                        22 0 0 0
                        6 0 0 0
                        """, 2, Kind.UNINITIALIZED_SCRATCH, null),
                Arguments.of("empty", "0\n", -1, Kind.LENGTH, Kind.LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPrograms")
    void rejectsBadProgramsForTheRightReason(String name, String text, int index, Kind kernel, Kind libpcap) {
        CbpfProgram p = ddd(text);
        List<Problem> k = Validator.kernel(p);
        assertThat(k).extracting(Problem::kind).containsExactly(kernel);
        assertThat(k.getFirst().index()).isEqualTo(index);
        List<Problem> l = Validator.libpcap(p);
        if (libpcap == null) {
            assertThat(l).isEmpty();
        } else {
            assertThat(l).extracting(Problem::kind).containsExactly(libpcap);
            assertThat(l.getFirst().index()).isEqualTo(index);
        }
    }

    @Test
    void scratchWrittenOnEveryPathMayBeRead() {
        CbpfProgram p = ddd("""
                7
                21 0 2 0
                2 0 0 3
                5 0 0 1
                2 0 0 3
                96 0 0 3
                22 0 0 0
                6 0 0 0
                """);
        assertThat(Validator.kernel(p)).isEmpty();
    }

    @Test
    void codeAfterAReturnInheritsWhatTheReturnSaw() {
        // The kernel's check does not reset its state at a return: M[1], written before the ret, counts as
        // written for the dead ldx after it. (The kernel accepts this; see KernelCheckTest.)
        CbpfProgram p = ddd("4\n2 0 0 1\n6 0 0 0\n97 0 0 1\n6 0 0 0\n");
        assertThat(Validator.kernel(p)).isEmpty();
    }

    @Test
    void lengthLimitIsTheKernels() {
        List<String> lines = new ArrayList<>(Collections.nCopies(4096, "6 0 0 0"));
        assertThat(Validator.kernel(ddd("4096\n" + String.join("\n", lines)))).isEmpty();
        lines.add("6 0 0 0");
        CbpfProgram tooLong = ddd("4097\n" + String.join("\n", lines));
        assertThat(Validator.kernel(tooLong)).extracting(Problem::kind).containsExactly(Kind.LENGTH);
        assertThat(Validator.kernel(tooLong).getFirst().message()).contains("4097").contains("1 to 4096");
        assertThat(Validator.libpcap(tooLong)).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsInstruction() {
        CbpfProgram p = ddd("3\n52 0 0 0\n2 0 0 20\n7 0 0 0\n");
        assertThat(Validator.kernel(p)).extracting(Problem::toString).containsExactly(
                "(000): division by the constant 0",
                "(001): scratch word M[20] does not exist: there are 16, M[0] to M[15]",
                "(002): the last instruction does not return");
    }
}
