package dev.jfilter.cbpf;

import static dev.jfilter.cbpf.Opcodes.A;
import static dev.jfilter.cbpf.Opcodes.ABS;
import static dev.jfilter.cbpf.Opcodes.ALU;
import static dev.jfilter.cbpf.Opcodes.B;
import static dev.jfilter.cbpf.Opcodes.H;
import static dev.jfilter.cbpf.Opcodes.IMM;
import static dev.jfilter.cbpf.Opcodes.IND;
import static dev.jfilter.cbpf.Opcodes.JMP;
import static dev.jfilter.cbpf.Opcodes.K;
import static dev.jfilter.cbpf.Opcodes.LD;
import static dev.jfilter.cbpf.Opcodes.LDX;
import static dev.jfilter.cbpf.Opcodes.LEN;
import static dev.jfilter.cbpf.Opcodes.MEM;
import static dev.jfilter.cbpf.Opcodes.MISC;
import static dev.jfilter.cbpf.Opcodes.MSH;
import static dev.jfilter.cbpf.Opcodes.RET;
import static dev.jfilter.cbpf.Opcodes.ST;
import static dev.jfilter.cbpf.Opcodes.STX;
import static dev.jfilter.cbpf.Opcodes.W;
import static dev.jfilter.cbpf.Opcodes.X;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import java.util.Objects;

/**
 * One classic BPF instruction, decoded: one record per instruction shape of linux/filter.h, so code that reads
 * programs matches on shapes instead of opcode bits. {@link #assemble()} encodes it; {@link #disassemble(SockFilter)}
 * decodes any encoding, and {@code disassemble(s).assemble().equals(s)} holds for every {@link SockFilter}.
 *
 * <p>Shapes carry operands as they are encoded and do not judge them: a scratch slot of 20, a division by the
 * constant 0 or a shift by 40 are representable, and the {@link dev.jfilter.cbpf.validate.Validator} reports them.
 * Encodings without a shape, an unknown opcode or a non-zero field the opcode does not use, are {@link Raw}.
 * Jumps carry numeric offsets here; the {@link dev.jfilter.cbpf.asm.Assembler} computes them from labels.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux Socket Filtering (BPF)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/filter.h">linux/filter.h</a>
 */
public sealed interface Instruction {

    /** The encoded form. */
    SockFilter assemble();

    /** {@code ld/ldh/ldb [k]}: {@code A = P[k : size]}. The offset is never one that names an {@link Ancillary}. */
    record LoadAbsolute(LoadSize size, int offset) implements Instruction {
        public LoadAbsolute {
            Objects.requireNonNull(size);
            if (Ancillary.ofAbsoluteOffset(offset).isPresent()) {
                throw new IllegalArgumentException(
                        "offset " + offset + " names ancillary field " + Ancillary.ofAbsoluteOffset(offset).get()
                                + ": use LoadExtension");
            }
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(LD | sizeBits(size) | ABS, 0, 0, offset);
        }
    }

    /**
     * {@code ld/ldh/ldb [SKF_AD_OFF + n]}: {@code A = } packet metadata (a Linux ancillary load, libpcap's
     * {@code [proto]}, {@code [vlanp]}, ...). The kernel ignores the width and loads the whole value.
     */
    record LoadExtension(LoadSize size, Ancillary field) implements Instruction {
        public LoadExtension {
            Objects.requireNonNull(size);
            Objects.requireNonNull(field);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(LD | sizeBits(size) | ABS, 0, 0, field.absoluteOffset());
        }
    }

    /** {@code ld/ldh/ldb [x + k]}: {@code A = P[X + k : size]}. */
    record LoadIndirect(LoadSize size, int offset) implements Instruction {
        public LoadIndirect {
            Objects.requireNonNull(size);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(LD | sizeBits(size) | IND, 0, 0, offset);
        }
    }

    /** {@code ld #k}, {@code ldx #k}: {@code reg = k}. */
    record LoadConstant(Register dst, int value) implements Instruction {
        public LoadConstant {
            Objects.requireNonNull(dst);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(loadClass(dst) | IMM, 0, 0, value);
        }
    }

    /** {@code ld M[k]}, {@code ldx M[k]}: {@code reg = M[slot]}. */
    record LoadScratch(Register dst, int slot) implements Instruction {
        public LoadScratch {
            Objects.requireNonNull(dst);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(loadClass(dst) | MEM, 0, 0, slot);
        }
    }

    /** {@code ld #pktlen}, {@code ldx #pktlen}: {@code reg = } the packet's wire length. */
    record LoadLength(Register dst) implements Instruction {
        public LoadLength {
            Objects.requireNonNull(dst);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(loadClass(dst) | W | LEN, 0, 0, 0);
        }
    }

    /** {@code ldxb 4*([k]&0xf)}: {@code X = 4 * (P[k] & 0xf)}, the IPv4 header length. */
    record LoadMemShift(int offset) implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(LDX | B | MSH, 0, 0, offset);
        }
    }

    /** {@code st M[k]}, {@code stx M[k]}: {@code M[slot] = reg}. */
    record StoreScratch(Register src, int slot) implements Instruction {
        public StoreScratch {
            Objects.requireNonNull(src);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(src == Register.A ? ST : STX, 0, 0, slot);
        }
    }

    /** {@code add #k}, ...: {@code A = A op k}. */
    record AluConstant(AluOp op, int operand) implements Instruction {
        public AluConstant {
            Objects.requireNonNull(op);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(ALU | aluBits(op) | K, 0, 0, operand);
        }
    }

    /** {@code add x}, ...: {@code A = A op X}. */
    record AluX(AluOp op) implements Instruction {
        public AluX {
            Objects.requireNonNull(op);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(ALU | aluBits(op) | X, 0, 0, 0);
        }
    }

    /** {@code neg}: {@code A = -A}. */
    record Negate() implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(ALU | Opcodes.NEG, 0, 0, 0);
        }
    }

    /**
     * {@code ja}: continue at {@code offset} instructions after the next one. The kernel reads the offset as unsigned
     * and accepts only forward jumps; libpcap's interpreter sign-extends it (its {@code protochain} jumps back).
     */
    record Jump(int offset) implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(JMP | Opcodes.JA, 0, 0, offset);
        }
    }

    /** {@code jeq/jgt/jge/jset #k}: skip {@code ifTrue} instructions when {@code A op k} holds, else {@code ifFalse}. */
    record JumpIf(JumpOp op, int value, int ifTrue, int ifFalse) implements Instruction {
        public JumpIf {
            Objects.requireNonNull(op);
            checkOffsets(ifTrue, ifFalse);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(JMP | jumpBits(op) | K, ifTrue, ifFalse, value);
        }
    }

    /** {@code jeq/jgt/jge/jset x}: skip {@code ifTrue} instructions when {@code A op X} holds, else {@code ifFalse}. */
    record JumpIfX(JumpOp op, int ifTrue, int ifFalse) implements Instruction {
        public JumpIfX {
            Objects.requireNonNull(op);
            checkOffsets(ifTrue, ifFalse);
        }

        @Override
        public SockFilter assemble() {
            return new SockFilter(JMP | jumpBits(op) | X, ifTrue, ifFalse, 0);
        }
    }

    /** {@code ret #k}: end the program, accepting {@code k} bytes (0 rejects). */
    record ReturnConstant(int value) implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(RET | K, 0, 0, value);
        }
    }

    /** {@code ret a}: end the program, returning the accumulator. */
    record ReturnA() implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(RET | A, 0, 0, 0);
        }
    }

    /** {@code tax}: {@code X = A}. */
    record Tax() implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(MISC | Opcodes.TAX, 0, 0, 0);
        }
    }

    /** {@code txa}: {@code A = X}. */
    record Txa() implements Instruction {
        @Override
        public SockFilter assemble() {
            return new SockFilter(MISC | Opcodes.TXA, 0, 0, 0);
        }
    }

    /**
     * An encoding with no shape: an opcode neither the kernel nor libpcap executes, or a known opcode with a non-zero
     * field it does not use (which both ignore). Never an encoding another record produces, so the model stays
     * canonical.
     */
    record Raw(SockFilter encoding) implements Instruction {
        public Raw {
            Objects.requireNonNull(encoding);
            if (hasShape(encoding)) {
                throw new IllegalArgumentException(encoding + " is " + shapeOf(encoding) + ", not a raw encoding");
            }
        }

        @Override
        public SockFilter assemble() {
            return encoding;
        }
    }

    /** Whether this instruction ends the program. */
    default boolean isReturn() {
        return this instanceof ReturnConstant || this instanceof ReturnA;
    }

    /** The shape of an encoded instruction; {@link Raw} if it has none. */
    static Instruction disassemble(SockFilter encoding) {
        return shapeOf(encoding);
    }

    /**
     * The encoding with every field its opcode does not use cleared, as a {@code -d} listing shows it (libpcap's
     * optimizer leaves stale values there, such as a {@code k} on {@code tax}). Unknown opcodes are returned as
     * they are.
     */
    static SockFilter usedFields(SockFilter encoding) {
        Instruction candidate = candidate(encoding);
        return candidate == null ? encoding : candidate.assemble();
    }

    private static Instruction shapeOf(SockFilter f) {
        Instruction candidate = candidate(f);
        return candidate != null && candidate.assemble().equals(f) ? candidate : new Raw(f);
    }

    /** Whether the encoding has a shape: a known opcode, and no field set that the opcode does not use. */
    private static boolean hasShape(SockFilter f) {
        Instruction candidate = candidate(f);
        return candidate != null && candidate.assemble().equals(f);
    }

    /** The shape the opcode names, built from the fields it uses, or null for an unknown opcode. */
    private static Instruction candidate(SockFilter f) {
        int code = f.code();
        if (!Opcodes.isKnown(code)) {
            return null;
        }
        int k = f.k();
        return switch (Opcodes.classOf(code)) {
            case LD -> switch (Opcodes.modeOf(code)) {
                case ABS -> Ancillary.ofAbsoluteOffset(k)
                        .<Instruction>map(a -> new LoadExtension(sizeOf(code), a))
                        .orElseGet(() -> new LoadAbsolute(sizeOf(code), k));
                case IND -> new LoadIndirect(sizeOf(code), k);
                case IMM -> new LoadConstant(Register.A, k);
                case MEM -> new LoadScratch(Register.A, k);
                case LEN -> new LoadLength(Register.A);
                default -> null;
            };
            case LDX -> switch (Opcodes.modeOf(code)) {
                case IMM -> new LoadConstant(Register.X, k);
                case MEM -> new LoadScratch(Register.X, k);
                case LEN -> new LoadLength(Register.X);
                case MSH -> new LoadMemShift(k);
                default -> null;
            };
            case ST -> new StoreScratch(Register.A, k);
            case STX -> new StoreScratch(Register.X, k);
            case Opcodes.ALU -> Opcodes.opOf(code) == Opcodes.NEG
                    ? new Negate()
                    : Opcodes.srcOf(code) == K ? new AluConstant(aluOp(code), k) : new AluX(aluOp(code));
            case JMP -> {
                if (Opcodes.opOf(code) == Opcodes.JA) {
                    yield new Jump(k);
                }
                yield Opcodes.srcOf(code) == K
                        ? new JumpIf(jumpOp(code), k, f.jt(), f.jf())
                        : new JumpIfX(jumpOp(code), f.jt(), f.jf());
            }
            case RET -> (code & 0x18) == A ? new ReturnA() : new ReturnConstant(k);
            case MISC -> (code & 0xf8) == Opcodes.TXA ? new Txa() : new Tax();
            default -> null;
        };
    }

    private static void checkOffsets(int ifTrue, int ifFalse) {
        if (ifTrue < 0 || ifTrue > 0xff || ifFalse < 0 || ifFalse > 0xff) {
            throw new IllegalArgumentException("jump offsets " + ifTrue + "/" + ifFalse + " do not fit 8 bits");
        }
    }

    private static int loadClass(Register r) {
        return r == Register.A ? LD : LDX;
    }

    private static int sizeBits(LoadSize size) {
        return switch (size) {
            case WORD -> W;
            case HALF -> H;
            case BYTE -> B;
        };
    }

    private static LoadSize sizeOf(int code) {
        return switch (Opcodes.sizeOf(code)) {
            case H -> LoadSize.HALF;
            case B -> LoadSize.BYTE;
            default -> LoadSize.WORD;
        };
    }

    private static int aluBits(AluOp op) {
        return switch (op) {
            case ADD -> Opcodes.ADD;
            case SUB -> Opcodes.SUB;
            case MUL -> Opcodes.MUL;
            case DIV -> Opcodes.DIV;
            case MOD -> Opcodes.MOD;
            case AND -> Opcodes.AND;
            case OR -> Opcodes.OR;
            case XOR -> Opcodes.XOR;
            case LSH -> Opcodes.LSH;
            case RSH -> Opcodes.RSH;
        };
    }

    private static AluOp aluOp(int code) {
        return switch (Opcodes.opOf(code)) {
            case Opcodes.ADD -> AluOp.ADD;
            case Opcodes.SUB -> AluOp.SUB;
            case Opcodes.MUL -> AluOp.MUL;
            case Opcodes.DIV -> AluOp.DIV;
            case Opcodes.MOD -> AluOp.MOD;
            case Opcodes.AND -> AluOp.AND;
            case Opcodes.OR -> AluOp.OR;
            case Opcodes.XOR -> AluOp.XOR;
            case Opcodes.LSH -> AluOp.LSH;
            case Opcodes.RSH -> AluOp.RSH;
            default -> throw new IllegalArgumentException("not an ALU operation: 0x" + Integer.toHexString(code));
        };
    }

    private static int jumpBits(JumpOp op) {
        return switch (op) {
            case JEQ -> Opcodes.JEQ;
            case JGT -> Opcodes.JGT;
            case JGE -> Opcodes.JGE;
            case JSET -> Opcodes.JSET;
        };
    }

    private static JumpOp jumpOp(int code) {
        return switch (Opcodes.opOf(code)) {
            case Opcodes.JEQ -> JumpOp.JEQ;
            case Opcodes.JGT -> JumpOp.JGT;
            case Opcodes.JGE -> JumpOp.JGE;
            case Opcodes.JSET -> JumpOp.JSET;
            default -> throw new IllegalArgumentException("not a conditional jump: 0x" + Integer.toHexString(code));
        };
    }
}
