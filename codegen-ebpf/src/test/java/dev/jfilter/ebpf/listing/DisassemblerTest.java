package dev.jfilter.ebpf.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.encode.RandomPrograms;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.ByteOrder;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Ja;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Listings in bpftool's {@code dump xlated} text (kernel/bpf/disasm.c formats) and the struct bpf_insn C form. */
class DisassemblerTest {
    @Test
    void ipv4OverEthernetInTheBriefsExample() {
        var no = new Label("no");
        var p = Program.builder()
                .add(new AluReg(Width.W64, AluOp.MOV, Reg.R6, Reg.R1))
                .add(new LoadAbs(Size.B, 12))
                .add(new JumpImm(Width.W64, JumpOp.JEQ, Reg.R0, 0x800, no))
                .add(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0))
                .add(new Exit())
                .add(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0))
                .bind(no)
                .add(new Exit())
                .build();
        assertThat(Disassembler.listing(p)).isEqualTo("""
                0: (bf) r6 = r1
                1: (30) r0 = *(u8 *)skb[12]
                2: (15) if r0 == 0x800 goto pc+3
                3: (b7) r0 = 0
                4: (95) exit
                5: (b7) r0 = 0
                6: (95) exit
                """);
    }

    @Test
    void everyShapeInDisasmFormat() {
        var top = new Label("top");
        var p = Program.builder()
                .bind(top)
                .add(new AluImm(Width.W32, AluOp.ADD, Reg.R1, -8))
                .add(new AluImm(Width.W64, AluOp.NEG, Reg.R2, 0))
                .add(new AluImm(Width.W32, AluOp.NEG, Reg.R2, 0))
                .add(new AluReg(Width.W64, AluOp.ARSH, Reg.R3, Reg.R4))
                .add(new Endian(ByteOrder.TO_BE, Reg.R5, 16))
                .add(new Endian(ByteOrder.TO_LE, Reg.R5, 32))
                .add(new Endian(ByteOrder.BSWAP, Reg.R5, 64))
                .add(new LoadImm64(Reg.R1, 0x1122334455667788L))
                .add(new JumpImm(Width.W32, JumpOp.JSGT, Reg.R1, -1, top))
                .add(new JumpReg(Width.W64, JumpOp.JSET, Reg.R1, Reg.R2, top))
                .add(new Ja(top))
                .add(new Call(26))
                .add(new LoadMem(Size.H, Reg.R0, Reg.R6, 12))
                .add(new StoreReg(Size.DW, Reg.R10, -8, Reg.R1))
                .add(new StoreImm(Size.W, Reg.R10, -16, 7))
                .add(new LoadInd(Size.W, Reg.R7, 14))
                .add(new Exit())
                .build();
        assertThat(Disassembler.listing(p)).isEqualTo("""
                0: (04) w1 += -8
                1: (87) r2 = -r2
                2: (84) w2 = -w2
                3: (cf) r3 s>>= r4
                4: (dc) r5 = be16 r5
                5: (d4) r5 = le32 r5
                6: (d7) r5 = bswap64 r5
                7: (18) r1 = 0x1122334455667788
                9: (66) if w1 s> 0xffffffff goto pc-10
                10: (4d) if r1 & r2 goto pc-11
                11: (05) goto pc-12
                12: (85) call #26
                13: (69) r0 = *(u16 *)(r6 +12)
                14: (7b) *(u64 *)(r10 -8) = r1
                15: (62) *(u32 *)(r10 -16) = 7
                16: (40) r0 = *(u32 *)skb[r7 + 14]
                17: (95) exit
                """);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void listingOfBytesIsListingOfTheProgram(long seed) {
        Program p = new RandomPrograms(seed).next(50);
        String listing = Disassembler.listing(p);
        assertThat(Disassembler.listing(Assembler.assemble(p))).isEqualTo(listing);
        assertThat(listing.lines()).hasSize(p.insns().size());
    }

    @Test
    void cArrayIsStructBpfInsnInitializersOnePerSlot() {
        var p = Program.of(new AluImm(Width.W64, AluOp.MOV, Reg.R0, 0), new LoadImm64(Reg.R2, -2L), new Exit());
        assertThat(Disassembler.cArray(p)).isEqualTo("""
                { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 },
                { .code = 0x18, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = -2 },
                { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = -1 },
                { .code = 0x95, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 },
                """);
    }
}
