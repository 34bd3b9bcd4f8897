package dev.jfilter.runtime.ebpf;

import static dev.jfilter.ebpf.insn.AluOp.ADD;
import static dev.jfilter.ebpf.insn.AluOp.AND;
import static dev.jfilter.ebpf.insn.AluOp.ARSH;
import static dev.jfilter.ebpf.insn.AluOp.DIV;
import static dev.jfilter.ebpf.insn.AluOp.LSH;
import static dev.jfilter.ebpf.insn.AluOp.MOD;
import static dev.jfilter.ebpf.insn.AluOp.MOV;
import static dev.jfilter.ebpf.insn.AluOp.MUL;
import static dev.jfilter.ebpf.insn.AluOp.NEG;
import static dev.jfilter.ebpf.insn.AluOp.OR;
import static dev.jfilter.ebpf.insn.AluOp.RSH;
import static dev.jfilter.ebpf.insn.AluOp.SUB;
import static dev.jfilter.ebpf.insn.AluOp.XOR;
import static dev.jfilter.ebpf.insn.Width.W32;
import static dev.jfilter.ebpf.insn.Width.W64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.ByteOrder;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Width;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ALU operation, register and immediate forms, against values worked out from the kernel's semantics. */
class AluTest {

    /** {@code r0 = dst; r1 = src; r0 op= r1; exit}. */
    static Stream<Arguments> registerForms() {
        return Stream.of(
                arguments(W64, ADD, -1L, 1L, 0L),
                arguments(W32, ADD, 0x1_ffff_ffffL, 1L, 0L),
                arguments(W32, ADD, 0x7fff_ffffL, 1L, 0x8000_0000L), // zero-extended, not sign-extended
                arguments(W64, SUB, 0L, 1L, -1L),
                arguments(W32, SUB, 0L, 1L, 0xffff_ffffL),
                arguments(W64, MUL, 0x1_0000_0000L, 0x1_0000_0000L, 0L),
                arguments(W32, MUL, 0xffff_ffffL, 0xffff_ffffL, 1L),
                arguments(W64, DIV, 100L, 0L, 0L), // division by zero gives 0
                arguments(W32, DIV, 100L, 0L, 0L),
                arguments(W32, DIV, 100L, 0x1_0000_0000L, 0L), // the 32-bit divisor is 0
                arguments(W64, DIV, 0x5_0000_0000L, 0x1_0000_0000L, 5L),
                arguments(W64, DIV, -1L, 2L, 0x7fff_ffff_ffff_ffffL), // unsigned
                arguments(W32, DIV, 0xffff_ffffL, 2L, 0x7fff_ffffL),
                arguments(W32, DIV, 0x7_0000_0009L, 2L, 4L), // dividend truncated
                arguments(W64, MOD, 0x1_2345_6789L, 0L, 0x1_2345_6789L), // modulo by zero keeps the dividend
                arguments(W32, MOD, 0x1_2345_6789L, 0L, 0x2345_6789L), // ... truncated to 32 bits
                arguments(W32, MOD, 0x1_2345_6789L, 0x1_0000_0000L, 0x2345_6789L),
                arguments(W64, MOD, 10L, 3L, 1L),
                arguments(W64, MOD, -1L, 10L, 5L), // 18446744073709551615 % 10
                arguments(W32, MOD, 0x1_0000_000aL, 3L, 1L),
                arguments(W64, OR, 0xf0L, 0x0fL, 0xffL),
                arguments(W32, OR, 0xffff_ffff_0000_0000L, 1L, 1L),
                arguments(W64, AND, 0xff00_ff00_ff00_ff00L, 0x0ff0_0ff0_0ff0_0ff0L, 0x0f00_0f00_0f00_0f00L),
                arguments(W32, AND, -1L, -1L, 0xffff_ffffL),
                arguments(W64, XOR, -1L, 0xffL, 0xffff_ffff_ffff_ff00L),
                arguments(W32, XOR, -1L, 0xffL, 0xffff_ff00L),
                arguments(W64, LSH, 1L, 63L, Long.MIN_VALUE),
                arguments(W64, LSH, 1L, 65L, 2L), // masked with 63
                arguments(W32, LSH, 1L, 33L, 2L), // masked with 31
                arguments(W32, LSH, 1L, 31L, 0x8000_0000L),
                arguments(W32, LSH, 0x1_0000_0001L, 4L, 0x10L),
                arguments(W64, RSH, Long.MIN_VALUE, 63L, 1L),
                arguments(W64, RSH, Long.MIN_VALUE, 64L, Long.MIN_VALUE), // by 0
                arguments(W32, RSH, 0x8000_0000L, 31L, 1L),
                arguments(W32, RSH, 0xffff_ffff_0000_0000L, 32L, 0L), // by 0, and truncated
                arguments(W64, ARSH, Long.MIN_VALUE, 63L, -1L),
                arguments(W32, ARSH, 0x8000_0000L, 31L, 0xffff_ffffL), // sign of bit 31, zero-extended
                arguments(W32, ARSH, 0x8000_0000L, 33L, 0xc000_0000L),
                arguments(W32, ARSH, 0x1_4000_0000L, 1L, 0x2000_0000L),
                arguments(W64, MOV, 0L, 0xffff_ffff_1234_5678L, 0xffff_ffff_1234_5678L),
                arguments(W32, MOV, 0L, 0xffff_ffff_1234_5678L, 0x1234_5678L));
    }

    @ParameterizedTest(name = "{0} {1}: {2} op {3} = {4}")
    @MethodSource("registerForms")
    void registerForm(Width width, AluOp op, long dst, long src, long expected) {
        var program = Program.of(new LoadImm64(Reg.R0, dst), new LoadImm64(Reg.R1, src),
                new AluReg(width, op, Reg.R0, Reg.R1), new Exit());
        assertThat(Run.socket(program)).isEqualTo(expected);
    }

    /** {@code r0 = dst; r0 op= imm; exit}: the immediate is sign-extended for ALU64, its 32 bits used for ALU. */
    static Stream<Arguments> immediateForms() {
        return Stream.of(
                arguments(W64, MOV, 0L, -1, -1L),
                arguments(W32, MOV, 0x1234_5678_0000_0000L, -1, 0xffff_ffffL),
                arguments(W64, ADD, 0L, -2, -2L),
                arguments(W32, ADD, 0L, -2, 0xffff_fffeL),
                arguments(W64, AND, -1L, 0x8000_0000, 0xffff_ffff_8000_0000L),
                arguments(W32, AND, -1L, 0x8000_0000, 0x8000_0000L),
                arguments(W64, DIV, -1L, -1, 1L), // divided by 0xffffffffffffffff
                arguments(W64, DIV, 5L, -1, 0L),
                arguments(W32, DIV, -1L, -1, 1L), // 0xffffffff / 0xffffffff
                arguments(W64, MOD, 7L, -1, 7L),
                arguments(W32, MOD, 0x1_0000_0007L, 4, 3L),
                arguments(W64, LSH, 3L, 62, Long.MIN_VALUE | 1L << 62),
                arguments(W32, RSH, -1L, 28, 0xfL),
                arguments(W64, ARSH, -16L, 2, -4L),
                arguments(W32, ARSH, 0xf000_0000L, 4, 0xff00_0000L),
                arguments(W64, NEG, 1L, 0, -1L),
                arguments(W32, NEG, 1L, 0, 0xffff_ffffL),
                arguments(W32, NEG, 0x1_0000_0000L, 0, 0L),
                arguments(W64, NEG, Long.MIN_VALUE, 0, Long.MIN_VALUE),
                arguments(W64, SUB, 5L, 7, -2L),
                arguments(W64, MUL, 3L, -1, -3L),
                arguments(W32, MUL, 3L, -1, 0xffff_fffdL),
                arguments(W64, OR, 0L, -256, -256L),
                arguments(W64, XOR, 0L, Integer.MIN_VALUE, 0xffff_ffff_8000_0000L));
    }

    @ParameterizedTest(name = "{0} {1}: {2} op {3} = {4}")
    @MethodSource("immediateForms")
    void immediateForm(Width width, AluOp op, long dst, int imm, long expected) {
        var program = Program.of(new LoadImm64(Reg.R0, dst), new AluImm(width, op, Reg.R0, imm), new Exit());
        assertThat(Run.socket(program)).isEqualTo(expected);
    }

    static Stream<Arguments> byteSwaps() {
        long v = 0x1122_3344_5566_7788L;
        return Stream.of(
                arguments(ByteOrder.TO_BE, 16, v, 0x8877L), // zero-extended
                arguments(ByteOrder.TO_BE, 32, v, 0x8877_6655L),
                arguments(ByteOrder.TO_BE, 64, v, 0x8877_6655_4433_2211L),
                arguments(ByteOrder.TO_LE, 16, v, 0x7788L), // a truncation on a little-endian host
                arguments(ByteOrder.TO_LE, 32, v, 0x5566_7788L),
                arguments(ByteOrder.TO_LE, 64, v, v), // a no-op
                arguments(ByteOrder.BSWAP, 16, v, 0x8877L),
                arguments(ByteOrder.BSWAP, 32, v, 0x8877_6655L),
                arguments(ByteOrder.BSWAP, 64, v, 0x8877_6655_4433_2211L));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("byteSwaps")
    void byteSwap(ByteOrder order, int bits, long value, long expected) {
        var program = Program.of(new LoadImm64(Reg.R0, value), new Endian(order, Reg.R0, bits), new Exit());
        assertThat(Run.socket(program)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jfilter.runtime.ebpf.AluTest#wideConstants")
    void loadImm64KeepsAll64Bits(long value) {
        assertThat(Run.socket(Program.of(new LoadImm64(Reg.R3, value), new AluReg(W64, MOV, Reg.R0, Reg.R3),
                new Exit()))).isEqualTo(value);
    }

    static Stream<Long> wideConstants() {
        return Stream.of(0L, -1L, Long.MIN_VALUE, 0x8000_0000L, 0xffff_ffffL, 0x1234_5678_9abc_def0L);
    }
}
