package dev.jfilter.runtime.ebpf;

import static dev.jfilter.ebpf.insn.JumpOp.JEQ;
import static dev.jfilter.ebpf.insn.JumpOp.JGE;
import static dev.jfilter.ebpf.insn.JumpOp.JGT;
import static dev.jfilter.ebpf.insn.JumpOp.JLE;
import static dev.jfilter.ebpf.insn.JumpOp.JLT;
import static dev.jfilter.ebpf.insn.JumpOp.JNE;
import static dev.jfilter.ebpf.insn.JumpOp.JSET;
import static dev.jfilter.ebpf.insn.JumpOp.JSGE;
import static dev.jfilter.ebpf.insn.JumpOp.JSGT;
import static dev.jfilter.ebpf.insn.JumpOp.JSLE;
import static dev.jfilter.ebpf.insn.JumpOp.JSLT;
import static dev.jfilter.ebpf.insn.Width.W32;
import static dev.jfilter.ebpf.insn.Width.W64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conditional jump, 64- and 32-bit, register and immediate forms; JA. */
class JumpTest {
    private static final Label TAKEN = new Label("taken");

    /** Returns 1 when {@code if r1 op operand} jumps, 0 otherwise. */
    private static long taken(Width width, JumpOp op, long left, long right, boolean immediate) {
        var b = Program.builder().add(new AluImm(W64, AluOp.MOV, Reg.R0, 0), new LoadImm64(Reg.R1, left));
        if (immediate) {
            b.add(new JumpImm(width, op, Reg.R1, (int) right, TAKEN));
        } else {
            b.add(new LoadImm64(Reg.R2, right), new JumpReg(width, op, Reg.R1, Reg.R2, TAKEN));
        }
        b.add(new Exit()).bind(TAKEN).add(new AluImm(W64, AluOp.MOV, Reg.R0, 1), new Exit());
        return Run.socket(b.build());
    }

    static Stream<Arguments> registerForms() {
        return Stream.of(
                arguments(W64, JEQ, 5L, 5L, true),
                arguments(W64, JEQ, 0x1_0000_0005L, 5L, false),
                arguments(W32, JEQ, 0x1_0000_0005L, 5L, true), // only the low halves
                arguments(W64, JNE, 0x1_0000_0005L, 5L, true),
                arguments(W32, JNE, 0x1_0000_0005L, 5L, false),
                arguments(W64, JGT, -1L, 1L, true), // unsigned
                arguments(W64, JSGT, -1L, 1L, false), // signed
                arguments(W32, JGT, 0xffff_ffffL, 1L, true),
                arguments(W32, JSGT, 0xffff_ffffL, 1L, false), // -1 as s32
                arguments(W64, JSGT, 0xffff_ffffL, 1L, true), // 4294967295 as s64
                arguments(W64, JGE, 7L, 7L, true),
                arguments(W64, JGE, 6L, 7L, false),
                arguments(W64, JSGE, Long.MIN_VALUE, 0L, false),
                arguments(W32, JSGE, 0x8000_0000L, 0L, false),
                arguments(W64, JLT, 1L, -1L, true),
                arguments(W64, JSLT, 1L, -1L, false),
                arguments(W32, JLT, 0x2_0000_0001L, 0x1_0000_0002L, true),
                arguments(W64, JLT, 0x2_0000_0001L, 0x1_0000_0002L, false),
                arguments(W64, JLE, 7L, 7L, true),
                arguments(W64, JSLE, -7L, -7L, true),
                arguments(W32, JSLE, 0x8000_0000L, 0x7fff_ffffL, true),
                arguments(W64, JSET, 0x1_0000_0000L, 0x1_0000_0000L, true),
                arguments(W32, JSET, 0x1_0000_0000L, 0x1_0000_0000L, false),
                arguments(W64, JSET, 6L, 1L, false));
    }

    @ParameterizedTest(name = "{0} {1}: {2} vs {3} -> {4}")
    @MethodSource("registerForms")
    void registerForm(Width width, JumpOp op, long left, long right, boolean expected) {
        assertThat(taken(width, op, left, right, false)).isEqualTo(expected ? 1L : 0L);
    }

    static Stream<Arguments> immediateForms() {
        return Stream.of(
                // The 64-bit immediate is sign-extended: 0x80000000 is 0xffffffff80000000.
                arguments(W64, JEQ, 0x8000_0000L, 0x8000_0000L, false),
                arguments(W32, JEQ, 0x8000_0000L, 0x8000_0000L, true),
                arguments(W64, JEQ, 0xffff_ffff_8000_0000L, 0x8000_0000L, true),
                arguments(W64, JEQ, -1L, -1L, true),
                arguments(W64, JGT, 0x8000_0000L, 0x8000_0000L, false), // 0x80000000 > 0xffffffff80000000 is false
                arguments(W32, JGT, 0x8000_0001L, 0x8000_0000L, true),
                arguments(W64, JSGT, 0L, -1L, true),
                arguments(W64, JGT, 0L, -1L, false),
                arguments(W32, JSLT, 0xffff_ffffL, 0L, true),
                arguments(W64, JSLT, 0xffff_ffffL, 0L, false),
                arguments(W64, JNE, 0xffff_ffffL, -1L, true),
                arguments(W32, JNE, 0xffff_ffffL, -1L, false),
                arguments(W64, JSET, 0x8000_0000_0000_0000L, 0x8000_0000L, true), // sign-extended mask
                arguments(W32, JSET, 0x8000_0000_0000_0000L, 0x8000_0000L, false),
                arguments(W64, JLE, 3L, 3L, true),
                arguments(W64, JGE, 2L, 3L, false),
                arguments(W64, JSGE, -3L, -3L, true),
                arguments(W32, JLT, 0x1_0000_0000L, 1L, true),
                arguments(W64, JSLE, -4L, -3L, true));
    }

    @ParameterizedTest(name = "{0} {1}: {2} vs imm {3} -> {4}")
    @MethodSource("immediateForms")
    void immediateForm(Width width, JumpOp op, long left, long right, boolean expected) {
        assertThat(taken(width, op, left, right, true)).isEqualTo(expected ? 1L : 0L);
    }

    @Test
    void jaSkipsForwardAndBackward() {
        var back = new Label("back");
        var forward = new Label("forward");
        var end = new Label("end");
        var program = Program.builder()
                .add(new AluImm(W64, AluOp.MOV, Reg.R0, 1), new Ja(forward))
                .bind(back).add(new AluImm(W64, AluOp.ADD, Reg.R0, 10), new Ja(end))
                .bind(forward).add(new AluImm(W64, AluOp.MUL, Reg.R0, 3), new Ja(back))
                .bind(end).add(new Exit())
                .build();
        assertThat(Run.socket(program)).isEqualTo(13L);
    }
}
