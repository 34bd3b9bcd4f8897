package dev.jfilter.ebpf.encode;

import dev.jfilter.ebpf.insn.AluImm;
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
import dev.jfilter.ebpf.insn.StoreImm;
import dev.jfilter.ebpf.insn.StoreReg;
import dev.jfilter.ebpf.insn.Width;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link Program}: lays instructions out in 8-byte slots ({@link LoadImm64} takes two), resolves each label
 * to the signed 16-bit slot offset from the slot after the jump, and writes the slots little-endian. A jump whose
 * offset does not fit in 16 bits is an {@link EncodingException} naming the instruction.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#instruction-encoding">BPF Instruction Set: instruction encoding</a>
 */
public final class Assembler {
    private Assembler() {
    }

    /** The encoded program, {@code 8 * slots} bytes. */
    public static byte[] assemble(Program program) {
        List<Slot> slots = slots(program);
        byte[] out = new byte[slots.size() * Slot.BYTES];
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).write(out, i * Slot.BYTES);
        }
        return out;
    }

    /** The slot index of every instruction, plus one entry for the end of the program. */
    public static int[] slotIndexes(Program program) {
        int[] at = new int[program.insns().size() + 1];
        for (int i = 0; i < program.insns().size(); i++) {
            at[i + 1] = at[i] + program.insns().get(i).slots();
        }
        return at;
    }

    /** The program's slots, with jump offsets resolved. */
    public static List<Slot> slots(Program program) {
        int[] at = slotIndexes(program);
        var out = new ArrayList<Slot>(at[at.length - 1]);
        for (int i = 0; i < program.insns().size(); i++) {
            Insn insn = program.insns().get(i);
            int next = at[i] + 1;
            int rel = Program.target(insn).map(l -> at[program.labels().get(l)] - next).orElse(0);
            if (rel < Short.MIN_VALUE || rel > Short.MAX_VALUE) {
                throw new EncodingException("instruction " + i + " (" + insn + "): jump offset " + rel
                        + " does not fit in 16 signed bits");
            }
            encode(insn, rel, out);
        }
        return out;
    }

    /** Appends the slots of one instruction; {@code off} is the resolved jump offset (0 for other instructions). */
    static void encode(Insn insn, int off, List<Slot> out) {
        switch (insn) {
            case AluImm a -> out.add(new Slot(a.op().code() | alu(a.width()), a.dst().number(), 0, 0, a.imm()));
            case AluReg a -> out.add(new Slot(
                    a.op().code() | Opcodes.SOURCE_X | alu(a.width()), a.dst().number(), a.src().number(), 0, 0));
            case Endian e -> {
                int cls = switch (e.order()) {
                    case TO_LE -> Opcodes.ALU;
                    case TO_BE -> Opcodes.ALU | Opcodes.SOURCE_X;
                    case BSWAP -> Opcodes.ALU64;
                };
                out.add(new Slot(Opcodes.END | cls, e.dst().number(), 0, 0, e.bits()));
            }
            case JumpImm j -> out.add(new Slot(j.op().code() | jmp(j.width()), j.dst().number(), 0, off, j.imm()));
            case JumpReg j -> out.add(new Slot(
                    j.op().code() | Opcodes.SOURCE_X | jmp(j.width()), j.dst().number(), j.src().number(), off, 0));
            case Ja _ -> out.add(new Slot(Opcodes.JA | Opcodes.JMP, 0, 0, off, 0));
            case Call c -> out.add(new Slot(Opcodes.CALL | Opcodes.JMP, 0, 0, 0, c.helper()));
            case Exit _ -> out.add(new Slot(Opcodes.EXIT | Opcodes.JMP, 0, 0, 0, 0));
            case LoadImm64 l -> {
                out.add(new Slot(Opcodes.LD | Opcodes.MODE_IMM | 0x18, l.dst().number(), 0, 0, (int) l.imm()));
                out.add(new Slot(0, 0, 0, 0, (int) (l.imm() >>> 32)));
            }
            case LoadMem m -> out.add(new Slot(
                    Opcodes.LDX | Opcodes.MODE_MEM | m.size().code(), m.dst().number(), m.src().number(), m.off(), 0));
            case StoreReg s -> out.add(new Slot(
                    Opcodes.STX | Opcodes.MODE_MEM | s.size().code(), s.dst().number(), s.src().number(), s.off(), 0));
            case StoreImm s -> out.add(new Slot(
                    Opcodes.ST | Opcodes.MODE_MEM | s.size().code(), s.dst().number(), 0, s.off(), s.imm()));
            case LoadAbs l -> out.add(new Slot(Opcodes.LD | Opcodes.MODE_ABS | l.size().code(), 0, 0, 0, l.imm()));
            case LoadInd l -> out.add(new Slot(
                    Opcodes.LD | Opcodes.MODE_IND | l.size().code(), 0, l.src().number(), 0, l.imm()));
        }
    }

    private static int alu(Width w) {
        return switch (w) {
            case W32 -> Opcodes.ALU;
            case W64 -> Opcodes.ALU64;
        };
    }

    private static int jmp(Width w) {
        return switch (w) {
            case W32 -> Opcodes.JMP32;
            case W64 -> Opcodes.JMP;
        };
    }
}
