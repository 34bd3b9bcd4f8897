package dev.jfilter.ebpf.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.Width;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Programs that cannot be encoded and bytes that cannot be decoded fail with a message naming where and why. */
class ErrorsTest {
    private static final AluImm NOP = new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0);

    private static Program jumpOver(int filler) {
        var end = new Label("end");
        var b = Program.builder().add(new Ja(end));
        for (int i = 0; i < filler; i++) {
            b.add(NOP);
        }
        return b.bind(end).add(new Exit()).build();
    }

    @Test
    void largestForwardOffsetEncodes() {
        byte[] code = Assembler.assemble(jumpOver(Short.MAX_VALUE));
        assertThat(code[2] & 0xff | (code[3] & 0xff) << 8).isEqualTo(0x7fff);
    }

    @Test
    void offsetBeyond16BitsFails() {
        assertThatThrownBy(() -> Assembler.assemble(jumpOver(Short.MAX_VALUE + 1)))
                .isInstanceOf(EncodingException.class)
                .hasMessageContaining("instruction 0")
                .hasMessageContaining("jump offset 32768 does not fit in 16 signed bits");
    }

    @Test
    void backwardOffsetBeyond16BitsFails() {
        var top = new Label("top");
        var b = Program.builder().bind(top);
        for (int i = 0; i < Short.MAX_VALUE + 1; i++) {
            b.add(NOP);
        }
        var p = b.add(new Ja(top)).build();
        assertThatThrownBy(() -> Assembler.assemble(p))
                .isInstanceOf(EncodingException.class)
                .hasMessageContaining("jump offset -32769");
    }

    @Test
    void unboundOrEndLabelIsRejectedByTheProgram() {
        var nowhere = new Label("nowhere");
        assertThatThrownBy(() -> Program.builder().add(new Ja(nowhere)).build())
                .hasMessageContaining("jumps to nowhere, which marks no instruction");
        assertThatThrownBy(() -> Program.builder().add(new Ja(nowhere)).bind(nowhere).build())
                .hasMessageContaining("which marks no instruction");
        assertThatThrownBy(() -> Program.builder().bind(nowhere).bind(nowhere))
                .hasMessageContaining("bound twice");
    }

    @Test
    void invalidShapesAreRejectedByTheirRecords() {
        assertThatThrownBy(() -> new AluReg(Width.W64, AluOp.NEG, Reg.R0, Reg.R1)).hasMessageContaining("NEG");
        assertThatThrownBy(() -> new AluImm(Width.W64, AluOp.NEG, Reg.R0, 1)).hasMessageContaining("NEG");
        assertThatThrownBy(() -> new LoadAbs(Size.DW, 0)).hasMessageContaining("DW");
        assertThatThrownBy(() -> new LoadMem(Size.W, Reg.R0, Reg.R1, 40000)).hasMessageContaining("16 signed bits");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated             | 95000000000000           | not a multiple of 8 bytes
            unknown ALU op        | e700000000000000         | opcode 0xe7 is not an instruction
            atomic add            | db12000000000000         | opcode 0xdb is not an instruction
            ALU64 END with X bit  | df01000010000000         | opcode 0xdf is not an instruction
            swap of 8 bits        | dc01000008000000         | opcode 0xdc is not an instruction
            register 11           | b70b000000000000         | no register r11
            exit with imm         | 9500000001000000         | reserved field imm is 1
            mov reg with offset   | bf16010000000000         | slot 0: reserved field off is 1
            pseudo map fd         | 1811000000000000 0000000000000000 | pseudo source
            lddw lacks 2nd slot   | 1801000000000000         | lacks its second slot
            lddw 2nd slot opcode  | 1801000000000000 9500000000000000 | second slot of a 64-bit load
            jump past the end     | 0500010000000000 9500000000000000 | reaches slot 2, which starts no instruction
            jump before the start | 9500000000000000 0500fdff00000000 | reaches slot -1
            jump into lddw        | 0500010000000000 1801000000000000 0000000000000000 | reaches slot 2
            """)
    void badBytesFailWithTheSlotAndReason(String what, String hex, String message) {
        byte[] code = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThatThrownBy(() -> Decoder.decode(code)).isInstanceOf(EncodingException.class)
                .hasMessageContaining(message);
    }
}
