package dev.jfilter.ebpf.encode;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.ByteOrder;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes encoded eBPF back into a {@link Program} with synthetic labels named after the instruction index they mark
 * ({@code L5}); the result equals {@link Program#canonical()} of the program that was encoded. Decoding is strict, so
 * that re-encoding gives the same bytes: unknown opcodes, instructions outside the model (atomics, sign-extending
 * loads, pseudo calls, ...), reserved fields that are not zero and jumps that leave the program or land inside a
 * {@link LoadImm64} are {@link EncodingException}s naming the slot.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#instruction-encoding">BPF Instruction Set: instruction encoding</a>
 */
public final class Decoder {
    private Decoder() {
    }

    /** The slots of an encoded program. */
    public static List<Slot> slots(byte[] code) {
        if (code.length % Slot.BYTES != 0) {
            throw new EncodingException("program length " + code.length + " is not a multiple of 8 bytes");
        }
        var out = new ArrayList<Slot>(code.length / Slot.BYTES);
        for (int pos = 0; pos < code.length; pos += Slot.BYTES) {
            out.add(Slot.read(code, pos));
        }
        return out;
    }

    /** The program encoded in {@code code}. */
    public static Program decode(byte[] code) {
        return decode(slots(code));
    }

    /** The program of these slots. */
    public static Program decode(List<Slot> slots) {
        // First pass: where each instruction starts, so that jumps can name the instruction they reach.
        int[] insnAt = new int[slots.size() + 1];
        Arrays.fill(insnAt, -1);
        int count = 0;
        for (int s = 0; s < slots.size(); s += isWide(slots.get(s)) ? 2 : 1) {
            insnAt[s] = count++;
        }
        var insns = new ArrayList<Insn>(count);
        var labels = new HashMap<Label, Integer>();
        for (int s = 0; s < slots.size(); s += insns.getLast().slots()) {
            insns.add(decodeAt(slots, s, insnAt, labels));
        }
        return new Program(insns, labels);
    }

    private static boolean isWide(Slot slot) {
        return slot.opcode() == (Opcodes.LD | Opcodes.MODE_IMM | Size.DW.code());
    }

    private static Insn decodeAt(List<Slot> slots, int s, int[] insnAt, Map<Label, Integer> labels) {
        Slot slot = slots.get(s);
        int code = slot.opcode();
        return switch (code & Opcodes.CLASS_MASK) {
            case Opcodes.ALU, Opcodes.ALU64 -> alu(slot, s);
            case Opcodes.JMP, Opcodes.JMP32 -> jump(slot, s, insnAt, labels);
            case Opcodes.LD -> load(slots, s);
            case Opcodes.LDX -> {
                requireMode(slot, s);
                zero(s, "imm", slot.imm());
                yield new LoadMem(size(slot), reg(slot.dst(), s), reg(slot.src(), s), slot.off());
            }
            case Opcodes.ST -> {
                requireMode(slot, s);
                zero(s, "src", slot.src());
                yield new StoreImm(size(slot), reg(slot.dst(), s), slot.off(), slot.imm());
            }
            case Opcodes.STX -> {
                requireMode(slot, s);
                zero(s, "imm", slot.imm());
                yield new StoreReg(size(slot), reg(slot.dst(), s), slot.off(), reg(slot.src(), s));
            }
            default -> throw new IllegalStateException("three class bits have eight values");
        };
    }

    private static Insn alu(Slot slot, int s) {
        int code = slot.opcode();
        Width width = (code & Opcodes.CLASS_MASK) == Opcodes.ALU64 ? Width.W64 : Width.W32;
        boolean x = (code & Opcodes.SOURCE_X) != 0;
        zero(s, "off", slot.off());
        if ((code & Opcodes.OP_MASK) == Opcodes.END) {
            zero(s, "src", slot.src());
            // ALU64 with the X bit set is not a byte swap.
            if ((width == Width.W64 && x) || (slot.imm() != 16 && slot.imm() != 32 && slot.imm() != 64)) {
                throw unsupported(slot, s);
            }
            ByteOrder order = width == Width.W64 ? ByteOrder.BSWAP : x ? ByteOrder.TO_BE : ByteOrder.TO_LE;
            return new Endian(order, reg(slot.dst(), s), slot.imm());
        }
        AluOp op = Arrays.stream(AluOp.values()).filter(o -> o.code() == (code & Opcodes.OP_MASK)).findFirst()
                .orElseThrow(() -> unsupported(slot, s));
        if (x) {
            zero(s, "imm", slot.imm());
            if (op == AluOp.NEG) {
                throw unsupported(slot, s);
            }
            return new AluReg(width, op, reg(slot.dst(), s), reg(slot.src(), s));
        }
        zero(s, "src", slot.src());
        if (op == AluOp.NEG) {
            zero(s, "imm", slot.imm());
        }
        return new AluImm(width, op, reg(slot.dst(), s), slot.imm());
    }

    private static Insn jump(Slot slot, int s, int[] insnAt, Map<Label, Integer> labels) {
        int code = slot.opcode();
        boolean wide = (code & Opcodes.CLASS_MASK) == Opcodes.JMP;
        boolean x = (code & Opcodes.SOURCE_X) != 0;
        int op = code & Opcodes.OP_MASK;
        if (op == Opcodes.JA || op == Opcodes.CALL || op == Opcodes.EXIT) {
            if (!wide || x) {
                throw unsupported(slot, s);
            }
            zero(s, "dst", slot.dst());
            zero(s, "src", slot.src());
            return switch (op) {
                case Opcodes.JA -> {
                    zero(s, "imm", slot.imm());
                    yield new Ja(target(slot, s, insnAt, labels));
                }
                case Opcodes.CALL -> {
                    zero(s, "off", slot.off());
                    yield new Call(slot.imm());
                }
                default -> {
                    zero(s, "off", slot.off());
                    zero(s, "imm", slot.imm());
                    yield new Exit();
                }
            };
        }
        JumpOp jop = Arrays.stream(JumpOp.values()).filter(o -> o.code() == op).findFirst()
                .orElseThrow(() -> unsupported(slot, s));
        Width width = wide ? Width.W64 : Width.W32;
        if (x) {
            zero(s, "imm", slot.imm());
            return new JumpReg(width, jop, reg(slot.dst(), s), reg(slot.src(), s), target(slot, s, insnAt, labels));
        }
        zero(s, "src", slot.src());
        return new JumpImm(width, jop, reg(slot.dst(), s), slot.imm(), target(slot, s, insnAt, labels));
    }

    private static Insn load(List<Slot> slots, int s) {
        Slot slot = slots.get(s);
        int mode = slot.opcode() & Opcodes.MODE_MASK;
        Size size = size(slot);
        zero(s, "off", slot.off());
        if (mode == Opcodes.MODE_IMM && size == Size.DW) {
            zero(s, "src (pseudo source)", slot.src());
            if (s + 1 >= slots.size()) {
                throw new EncodingException("slot " + s + ": 64-bit immediate load lacks its second slot");
            }
            Slot high = slots.get(s + 1);
            if (high.opcode() != 0 || high.dst() != 0 || high.src() != 0 || high.off() != 0) {
                throw new EncodingException("slot " + (s + 1) + ": second slot of a 64-bit load must be zero but imm");
            }
            return new LoadImm64(reg(slot.dst(), s), (long) high.imm() << 32 | (slot.imm() & 0xffffffffL));
        }
        if ((mode == Opcodes.MODE_ABS || mode == Opcodes.MODE_IND) && size != Size.DW) {
            zero(s, "dst", slot.dst());
            if (mode == Opcodes.MODE_ABS) {
                zero(s, "src", slot.src());
                return new LoadAbs(size, slot.imm());
            }
            return new LoadInd(size, reg(slot.src(), s), slot.imm());
        }
        throw unsupported(slot, s);
    }

    private static Label target(Slot slot, int s, int[] insnAt, Map<Label, Integer> labels) {
        int to = s + 1 + slot.off();
        if (to < 0 || to >= insnAt.length - 1 || insnAt[to] < 0) {
            throw new EncodingException("slot " + s + ": jump offset " + slot.off() + " reaches slot " + to
                    + ", which starts no instruction");
        }
        var label = new Label("L" + insnAt[to]);
        labels.put(label, insnAt[to]);
        return label;
    }

    private static void requireMode(Slot slot, int s) {
        if ((slot.opcode() & Opcodes.MODE_MASK) != Opcodes.MODE_MEM) {
            throw unsupported(slot, s);
        }
    }

    private static Size size(Slot slot) {
        int bits = slot.opcode() & Opcodes.SIZE_MASK;
        return Arrays.stream(Size.values()).filter(z -> z.code() == bits).findFirst().orElseThrow();
    }

    private static Reg reg(int n, int s) {
        if (n > 10) {
            throw new EncodingException("slot " + s + ": no register r" + n);
        }
        return Reg.of(n);
    }

    private static void zero(int s, String field, int value) {
        if (value != 0) {
            throw new EncodingException("slot " + s + ": reserved field " + field + " is " + value + ", not 0");
        }
    }

    private static EncodingException unsupported(Slot slot, int s) {
        return new EncodingException(String.format("slot %d: opcode 0x%02x is not an instruction of this model (%s)",
                s, slot.opcode(), slot));
    }
}
