package dev.jfilter.runtime.ebpf;

import static dev.jfilter.ebpf.insn.Width.W32;
import static dev.jfilter.ebpf.insn.Width.W64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stack and packet memory: sizes, byte order, bounds, initialisation, pointer spills. */
class MemoryTest {
    private static final Label OUT = new Label("out");

    private static EbpfException failure(Program p) {
        try {
            Run.socket(p);
        } catch (EbpfException e) {
            return e;
        }
        throw new AssertionError("no EbpfException");
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void stackStoreAndLoadOfEachSize(Size size) {
        long value = 0x8877_6655_4433_2211L;
        var program = Program.of(new LoadImm64(Reg.R1, value), new StoreImm(Size.DW, Reg.R10, -16, -1),
                new StoreReg(size, Reg.R10, -16, Reg.R1), new LoadMem(size, Reg.R0, Reg.R10, -16), new Exit());
        long mask = switch (size) {
            case B -> 0xffL;
            case H -> 0xffffL;
            case W -> 0xffff_ffffL;
            case DW -> -1L;
        };
        assertThat(Run.socket(program)).isEqualTo(value & mask);
    }

    @Test
    void stackIsLittleEndianAndStoreImmSignExtendsForDw() {
        var program = Program.of(new StoreImm(Size.DW, Reg.R10, -8, -2), new LoadMem(Size.B, Reg.R0, Reg.R10, -1),
                new LoadMem(Size.B, Reg.R2, Reg.R10, -8), new AluImm(W64, AluOp.LSH, Reg.R0, 8),
                new AluReg(W64, AluOp.OR, Reg.R0, Reg.R2), new Exit());
        assertThat(Run.socket(program)).isEqualTo(0xfffeL);
    }

    @Test
    void stackPointersMoveThroughRegisters() {
        var program = Program.of(new AluReg(W64, AluOp.MOV, Reg.R1, Reg.R10), new AluImm(W64, AluOp.ADD, Reg.R1, -24),
                new StoreImm(Size.W, Reg.R1, 4, 99), new LoadMem(Size.W, Reg.R0, Reg.R10, -20), new Exit());
        assertThat(Run.socket(program)).isEqualTo(99L);
    }

    @Test
    void uninitialisedStackReads() {
        assertThat(failure(Program.of(new LoadMem(Size.W, Reg.R0, Reg.R10, -4), new Exit())))
                .hasMessageContaining("invalid read from stack off -4+0 size 4");
        // Half written is not written.
        assertThat(failure(Program.of(new StoreImm(Size.W, Reg.R10, -8, 1), new LoadMem(Size.DW, Reg.R0, Reg.R10, -8),
                new Exit()))).hasMessageContaining("invalid read from stack off -8+4 size 8");
    }

    @Test
    void stackWritesDoNotSurviveIntoTheNextRun() {
        // Writes fp-8 only when the packet's first byte is 0x45, then reads it.
        var skip = new Label("skip");
        var program = Program.builder().add(new AluReg(W64, AluOp.MOV, Reg.R6, Reg.R1),
                        new dev.jfilter.ebpf.insn.LoadAbs(Size.B, 0), new JumpImm(W64, JumpOp.JNE, Reg.R0, 0x45, skip),
                        new StoreImm(Size.DW, Reg.R10, -8, 5))
                .bind(skip).add(new LoadMem(Size.DW, Reg.R0, Reg.R10, -8), new Exit()).build();
        var interpreter = new EbpfInterpreter(program);
        byte[] ip = {0x45, 0};
        byte[] other = {0x60, 0};
        var ctx = Run.socket(Run.FRAME);
        assertThat(interpreter.run(ip, ctx)).isEqualTo(5L);
        assertThatThrownBy(() -> interpreter.run(other, ctx)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid read from stack");
    }

    @Test
    void stackBoundsAndAlignment() {
        assertThat(failure(Program.of(new StoreImm(Size.B, Reg.R10, -513, 0), new AluImm(W64, AluOp.MOV, Reg.R0, 0),
                new Exit()))).hasMessageContaining("invalid write to stack off=-513 size=1");
        assertThat(failure(Program.of(new StoreImm(Size.W, Reg.R10, 0, 0), new AluImm(W64, AluOp.MOV, Reg.R0, 0),
                new Exit()))).hasMessageContaining("invalid write to stack off=0 size=4");
        assertThat(failure(Program.of(new StoreImm(Size.W, Reg.R10, -6, 0), new AluImm(W64, AluOp.MOV, Reg.R0, 0),
                new Exit()))).hasMessageContaining("misaligned stack access off -6 size 4");
        assertThat(Run.socket(Program.of(new StoreImm(Size.B, Reg.R10, -512, 7),
                new LoadMem(Size.B, Reg.R0, Reg.R10, -512), new Exit()))).isEqualTo(7L);
    }

    /** tc: {@code r2 = data; r3 = data_end; r4 = r2 + 14; if r4 > r3 goto out; r0 = *(u16 *)(r2 + 12)}. */
    private static Program etherType() {
        return Program.builder().add(new AluImm(W64, AluOp.MOV, Reg.R0, 0xbad),
                        new LoadMem(Size.W, Reg.R2, Reg.R1, 76), new LoadMem(Size.W, Reg.R3, Reg.R1, 80),
                        new AluReg(W64, AluOp.MOV, Reg.R4, Reg.R2), new AluImm(W64, AluOp.ADD, Reg.R4, 14),
                        new JumpReg(W64, JumpOp.JGT, Reg.R4, Reg.R3, OUT),
                        new LoadMem(Size.H, Reg.R0, Reg.R2, 12))
                .bind(OUT).add(new Exit()).build();
    }

    @Test
    void packetPointersComparedWithDataEnd() {
        assertThat(Run.tc(etherType(), Run.FRAME)).isEqualTo(0x0008L); // a direct load is little-endian
        assertThat(Run.tc(etherType(), Run.frame(14))).isEqualTo(0x0008L);
        byte[] short13 = Run.frame(14);
        assertThat(new EbpfInterpreter(etherType()).run(short13, 0, 13, Run.tc(short13))).isEqualTo(0xbadL);
        assertThat(Run.xdp(Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new LoadMem(Size.W, Reg.R3, Reg.R1, 4),
                new AluReg(W64, AluOp.SUB, Reg.R3, Reg.R2), new AluReg(W64, AluOp.MOV, Reg.R0, Reg.R3), new Exit()),
                Run.FRAME)).isEqualTo(60L); // data_end - data
    }

    @Test
    void packetAccessOutsideThePacket() {
        var unchecked = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new LoadMem(Size.W, Reg.R0, Reg.R2, 58),
                new Exit());
        assertThatThrownBy(() -> Run.xdp(unchecked, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("insn 1: R2 invalid access to packet, off=58 size=4");
        var before = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new AluImm(W64, AluOp.ADD, Reg.R2, 4),
                new LoadMem(Size.B, Reg.R0, Reg.R2, -5), new Exit());
        assertThatThrownBy(() -> Run.xdp(before, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("off=-1 size=1");
        var throughEnd = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 4), new LoadMem(Size.B, Reg.R0, Reg.R2, -1),
                new Exit());
        assertThatThrownBy(() -> Run.xdp(throughEnd, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid mem access 'pkt_end'");
        var throughMeta = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 8), new LoadMem(Size.B, Reg.R0, Reg.R2, 0),
                new Exit());
        assertThatThrownBy(() -> Run.xdp(throughMeta, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("metadata area is empty");
    }

    @Test
    void pointerArithmeticTheVerifierRefuses() {
        var multiply = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new AluImm(W64, AluOp.MUL, Reg.R2, 2),
                new AluImm(W64, AluOp.MOV, Reg.R0, 0), new Exit());
        assertThatThrownBy(() -> Run.xdp(multiply, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("R2 pointer arithmetic with *= operator prohibited");
        var narrow = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new AluImm(W32, AluOp.ADD, Reg.R2, 2),
                new AluImm(W64, AluOp.MOV, Reg.R0, 0), new Exit());
        assertThatThrownBy(() -> Run.xdp(narrow, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("R2 32-bit pointer arithmetic prohibited");
        var endArithmetic = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 4), new AluImm(W64, AluOp.ADD, Reg.R2, -1),
                new AluImm(W64, AluOp.MOV, Reg.R0, 0), new Exit());
        assertThatThrownBy(() -> Run.xdp(endArithmetic, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("pointer arithmetic on pkt_end prohibited");
        var leak = Program.of(new LoadMem(Size.W, Reg.R0, Reg.R1, 0), new Exit());
        assertThatThrownBy(() -> Run.xdp(leak, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("R0 leaks addr as return value");
    }

    @Test
    void scalarPlusPointerAndSpilledPointers() {
        // r3 = 20 + data; spill r3 to fp-8; fill it into r4; r0 = *(u8 *)(r4 + 1)
        var program = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new AluImm(W64, AluOp.MOV, Reg.R3, 20),
                new AluReg(W64, AluOp.ADD, Reg.R3, Reg.R2), new StoreReg(Size.DW, Reg.R10, -8, Reg.R3),
                new LoadMem(Size.DW, Reg.R4, Reg.R10, -8), new LoadMem(Size.B, Reg.R0, Reg.R4, 1), new Exit());
        assertThat(Run.xdp(program, Run.FRAME)).isEqualTo(21L - 14);
        var partialFill = Program.of(new LoadMem(Size.W, Reg.R2, Reg.R1, 0), new StoreReg(Size.DW, Reg.R10, -8, Reg.R2),
                new LoadMem(Size.W, Reg.R0, Reg.R10, -8), new Exit());
        assertThatThrownBy(() -> Run.xdp(partialFill, Run.FRAME)).isInstanceOf(EbpfException.class)
                .hasMessageContaining("invalid size of register fill");
    }

    @Test
    void packetWritesGoToACopy() {
        byte[] frame = Run.frame(20);
        byte[] before = frame.clone();
        var withOut = Program.builder().add(new LoadMem(Size.W, Reg.R2, Reg.R1, 0),
                        new LoadMem(Size.W, Reg.R3, Reg.R1, 4), new AluReg(W64, AluOp.MOV, Reg.R4, Reg.R2),
                        new AluImm(W64, AluOp.ADD, Reg.R4, 2), new JumpReg(W64, JumpOp.JGT, Reg.R4, Reg.R3, OUT),
                        new StoreImm(Size.H, Reg.R2, 0, 0x7766), new LoadMem(Size.B, Reg.R0, Reg.R2, 1), new Exit())
                .bind(OUT).add(new AluImm(W64, AluOp.MOV, Reg.R0, 0), new Exit()).build();
        var interpreter = new EbpfInterpreter(withOut);
        assertThat(interpreter.run(frame, XdpContext.testRun())).isEqualTo(0x77L);
        assertThat(frame).isEqualTo(before);
        assertThat(interpreter.run(frame, XdpContext.testRun())).isEqualTo(0x77L);
    }

    @Test
    void scalarsAreNotPointers() {
        assertThat(failure(Program.of(new AluImm(W64, AluOp.MOV, Reg.R2, 0), new LoadMem(Size.B, Reg.R0, Reg.R2, 0),
                new Exit()))).hasMessageContaining("R2 invalid mem access 'scalar'");
    }
}
