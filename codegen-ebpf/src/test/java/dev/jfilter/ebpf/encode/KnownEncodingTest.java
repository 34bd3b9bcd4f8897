package dev.jfilter.ebpf.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.ByteOrder;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.LoadInd;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;
import dev.jfilter.ebpf.insn.Width;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single instructions against bytes written out by hand from the kernel's instruction-set document, linux/bpf.h and
 * clang/bpftool output ({@code llvm-objdump -d} of XDP programs shows e.g. {@code 61 12 00 00 00 00 00 00}).
 */
class KnownEncodingTest {
    private static final Label HERE = new Label("here");

    static Stream<Arguments> singles() {
        return Stream.of(
                Arguments.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0), "b700000000000000"),
                Arguments.of(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), "b400000001000000"),
                Arguments.of(new AluReg(Width.W64, AluOp.MOV, Reg.R6, Reg.R1), "bf16000000000000"),
                Arguments.of(new AluImm(Width.W64, AluOp.ADD, Reg.R1, -8), "07010000f8ffffff"),
                Arguments.of(new AluImm(Width.W64, AluOp.NEG, Reg.R3, 0), "8703000000000000"),
                Arguments.of(new AluReg(Width.W32, AluOp.XOR, Reg.R2, Reg.R9), "ac92000000000000"),
                Arguments.of(new AluImm(Width.W64, AluOp.ARSH, Reg.R4, 63), "c70400003f000000"),
                Arguments.of(new Endian(ByteOrder.TO_BE, Reg.R1, 16), "dc01000010000000"),
                Arguments.of(new Endian(ByteOrder.TO_LE, Reg.R1, 32), "d401000020000000"),
                Arguments.of(new Endian(ByteOrder.BSWAP, Reg.R1, 64), "d701000040000000"),
                Arguments.of(new Call(26), "850000001a000000"),
                Arguments.of(new Exit(), "9500000000000000"),
                Arguments.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), "6112000000000000"),
                Arguments.of(new LoadMem(Size.W, Reg.R3, Reg.R1, 4), "6113040000000000"),
                Arguments.of(new StoreReg(Size.DW, Reg.R10, -8, Reg.R1), "7b1af8ff00000000"),
                Arguments.of(new StoreImm(Size.B, Reg.R10, -1, 0x7f), "720affff7f000000"),
                Arguments.of(new LoadAbs(Size.B, 12), "300000000c000000"),
                Arguments.of(new LoadAbs(Size.H, 12), "280000000c000000"),
                Arguments.of(new LoadAbs(Size.W, 26), "200000001a000000"),
                Arguments.of(new LoadInd(Size.B, Reg.R7, 14), "507000000e000000"),
                Arguments.of(new LoadImm64(Reg.R1, 0x5566778811223344L), "1801000044332211" + "0000000088776655"));
    }

    @ParameterizedTest
    @MethodSource("singles")
    void encodesAndDecodesOneInstruction(Insn insn, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(HexFormat.of().formatHex(Assembler.assemble(Program.of(insn)))).isEqualTo(hex);
        assertThat(Decoder.decode(bytes).insns()).containsExactly(insn);
    }

    @Test
    void returnZeroIsTheKernelDocumentsBytes() {
        var p = Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0), new Exit());
        assertThat(HexFormat.of().formatHex(Assembler.assemble(p)))
                .isEqualTo("b700000000000000" + "9500000000000000");
    }

    @Test
    void jumpOffsetsCountSlotsFromTheNextInstructionAndLdImm64TakesTwo() {
        var out = new Label("out");
        var back = new Label("back");
        var p = Program.builder()
                .bind(back)
                .add(new JumpImm(Width.W64, JumpOp.JEQ, Reg.R0, 0x800, out)) // slot 0 -> slot 4: +3
                .add(new LoadImm64(Reg.R1, -1L)) // slots 1-2
                .add(new JumpReg(Width.W32, JumpOp.JNE, Reg.R1, Reg.R2, back)) // slot 3 -> slot 0: -4
                .bind(out)
                .add(new Exit())
                .build();
        assertThat(HexFormat.of().formatHex(Assembler.assemble(p))).isEqualTo(
                "1500030000080000"
                + "18010000ffffffff" + "00000000ffffffff"
                + "5e21fcff00000000"
                + "9500000000000000");
        assertThat(Decoder.decode(Assembler.assemble(p)).labels().values()).containsExactlyInAnyOrder(0, 3);
        assertThat(Decoder.decode(Assembler.assemble(p))).isEqualTo(p.canonical());
    }
}
