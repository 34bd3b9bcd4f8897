package dev.jfilter.ebpf.listing;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.encode.Decoder;
import dev.jfilter.ebpf.encode.Slot;
import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpReg;
import dev.jfilter.ebpf.insn.LoadAbs;
import dev.jfilter.ebpf.insn.LoadImm64;
import dev.jfilter.ebpf.insn.LoadInd;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;
import dev.jfilter.ebpf.insn.Width;
import java.util.List;

/**
 * Listings of eBPF programs in the text form of {@code bpftool prog dump xlated} (the kernel's
 * {@code kernel/bpf/disasm.c}): one line per instruction, {@code slot: (opcode) text}, with jumps as {@code pc+N}
 * slot offsets, 32-bit operations on {@code wN} registers, immediates of arithmetic in decimal and of comparisons in
 * hex. Two differences from bpftool: helper calls print the id only ({@code call #26}, bpftool resolves the name), and
 * 64-bit immediates are always hex.
 *
 * <p>{@link #cArray} gives the program as C {@code struct bpf_insn} initializers (linux/bpf.h), one per slot.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/bpftool-prog.8.html">bpftool-prog(8)</a>
 */
public final class Disassembler {
    private Disassembler() {
    }

    /** The listing of encoded bytes. */
    public static String listing(byte[] code) {
        return listing(Decoder.decode(code));
    }

    /** The listing of a program, one line per instruction, each ending in a newline. */
    public static String listing(Program program) {
        int[] at = Assembler.slotIndexes(program);
        List<Slot> slots = Assembler.slots(program);
        var out = new StringBuilder();
        for (int i = 0; i < program.insns().size(); i++) {
            Slot slot = slots.get(at[i]);
            out.append(at[i]).append(": ").append(String.format("(%02x) ", slot.opcode()))
                    .append(text(program.insns().get(i), slot.off())).append('\n');
        }
        return out.toString();
    }

    /** The text of one instruction after the opcode; {@code off} is its encoded jump offset. */
    static String text(Insn insn, int off) {
        return switch (insn) {
            case AluImm a when a.op() == AluOp.NEG -> reg(a.width(), a.dst()) + " = -" + reg(a.width(), a.dst());
            case AluImm a -> reg(a.width(), a.dst()) + " " + a.op().symbol() + " " + a.imm();
            case AluReg a -> reg(a.width(), a.dst()) + " " + a.op().symbol() + " " + reg(a.width(), a.src());
            case Endian e -> {
                String kind = switch (e.order()) {
                    case TO_LE -> "le";
                    case TO_BE -> "be";
                    case BSWAP -> "bswap";
                };
                yield reg(Width.W64, e.dst()) + " = " + kind + e.bits() + " " + reg(Width.W64, e.dst());
            }
            case JumpImm j -> "if " + reg(j.width(), j.dst()) + " " + j.op().symbol() + " "
                    + String.format("0x%x", j.imm()) + " goto " + pc(off);
            case JumpReg j -> "if " + reg(j.width(), j.dst()) + " " + j.op().symbol() + " " + reg(j.width(), j.src())
                    + " goto " + pc(off);
            case Ja _ -> "goto " + pc(off);
            case Call c -> "call #" + c.helper();
            case Exit _ -> "exit";
            case LoadImm64 l -> reg(Width.W64, l.dst()) + " = " + String.format("0x%x", l.imm());
            case LoadMem m -> reg(Width.W64, m.dst()) + " = *(" + m.size().cType() + " *)("
                    + reg(Width.W64, m.src()) + " " + signed(m.off()) + ")";
            case StoreReg s -> "*(" + s.size().cType() + " *)(" + reg(Width.W64, s.dst()) + " " + signed(s.off())
                    + ") = " + reg(Width.W64, s.src());
            case StoreImm s -> "*(" + s.size().cType() + " *)(" + reg(Width.W64, s.dst()) + " " + signed(s.off())
                    + ") = " + s.imm();
            case LoadAbs l -> "r0 = *(" + l.size().cType() + " *)skb[" + l.imm() + "]";
            case LoadInd l -> "r0 = *(" + l.size().cType() + " *)skb[" + reg(Width.W64, l.src()) + " + " + l.imm()
                    + "]";
        };
    }

    /**
     * The program as C initializers of {@code struct bpf_insn}, one slot per line, e.g.
     * {@code { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 },}; the second slot of a 64-bit load
     * has code 0, as in the kernel's {@code BPF_LD_IMM64} macro.
     */
    public static String cArray(Program program) {
        var out = new StringBuilder();
        for (Slot s : Assembler.slots(program)) {
            out.append(String.format("{ .code = 0x%02x, .dst_reg = %d, .src_reg = %d, .off = %d, .imm = %d },\n",
                    s.opcode(), s.dst(), s.src(), s.off(), s.imm()));
        }
        return out.toString();
    }

    private static String reg(Width width, Reg r) {
        return switch (width) {
            case W32 -> "w";
            case W64 -> "r";
        } + r.number();
    }

    private static String pc(int off) {
        return String.format("pc%+d", off);
    }

    private static String signed(int off) {
        return String.format("%+d", off);
    }
}
