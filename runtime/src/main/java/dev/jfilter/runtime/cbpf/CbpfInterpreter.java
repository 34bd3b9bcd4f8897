package dev.jfilter.runtime.cbpf;

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

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.runtime.jit.PacketFilter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs a classic BPF program on packets with exactly the semantics of libpcap 1.10's {@code bpf_filter()}: a load
 * past the captured bytes ends the program with 0 (with libpcap's bounds checks, which never wrap), so does division
 * or modulo by a zero X; a shift by X of 32 or more gives 0; {@code len} is the wire length while loads see only the
 * captured bytes; {@code ja} sign-extends its offset, so libpcap's own {@code protochain} programs, which jump
 * backwards, run. Ancillary loads ({@code ld [vlanp]} and the like) take their values from an
 * {@link AncillarySource}; without one they end the program with 0, as libpcap does without auxiliary data.
 *
 * <p>The program is decoded once into flat arrays (opcodes renumbered densely, jump targets made absolute), and each
 * packet is one loop over one switch, without allocation. Packets are {@link MemorySegment}s, on the heap or mapped
 * from a file, read in place at an offset.
 *
 * <p>An instance keeps its scratch memory between runs (cleared at the start of each), so it is not thread-safe:
 * give each thread its own {@link #copy()}.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>
 */
public final class CbpfInterpreter implements PacketFilter {
    /**
     * How many backward jumps one packet may take. libpcap's {@code protochain} loop takes one per IPv6 extension
     * header, so real programs stay far below; a program that loops forever (which libpcap's validator lets through)
     * is stopped here instead of hanging.
     */
    public static final int BACKWARD_JUMP_LIMIT = 1 << 20;

    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final Ancillary[] FIELDS = Ancillary.values();

    // Dense internal operation numbers, so the interpreter's switch compiles to a jump table.
    private static final int OP_RET_K = 0;
    private static final int OP_RET_A = 1;
    private static final int OP_LD_W_ABS = 2;
    private static final int OP_LD_H_ABS = 3;
    private static final int OP_LD_B_ABS = 4;
    private static final int OP_LD_ANCILLARY = 5;
    private static final int OP_LD_W_IND = 6;
    private static final int OP_LD_H_IND = 7;
    private static final int OP_LD_B_IND = 8;
    private static final int OP_LD_LEN = 9;
    private static final int OP_LDX_LEN = 10;
    private static final int OP_LD_IMM = 11;
    private static final int OP_LDX_IMM = 12;
    private static final int OP_LD_MEM = 13;
    private static final int OP_LDX_MEM = 14;
    private static final int OP_LDX_MSH = 15;
    private static final int OP_ST = 16;
    private static final int OP_STX = 17;
    private static final int OP_JA = 18;
    private static final int OP_JEQ_K = 19;
    private static final int OP_JGT_K = 20;
    private static final int OP_JGE_K = 21;
    private static final int OP_JSET_K = 22;
    private static final int OP_JEQ_X = 23;
    private static final int OP_JGT_X = 24;
    private static final int OP_JGE_X = 25;
    private static final int OP_JSET_X = 26;
    private static final int OP_ADD_K = 27;
    private static final int OP_SUB_K = 28;
    private static final int OP_MUL_K = 29;
    private static final int OP_DIV_K = 30;
    private static final int OP_MOD_K = 31;
    private static final int OP_AND_K = 32;
    private static final int OP_OR_K = 33;
    private static final int OP_XOR_K = 34;
    private static final int OP_LSH_K = 35;
    private static final int OP_RSH_K = 36;
    private static final int OP_ADD_X = 37;
    private static final int OP_SUB_X = 38;
    private static final int OP_MUL_X = 39;
    private static final int OP_DIV_X = 40;
    private static final int OP_MOD_X = 41;
    private static final int OP_AND_X = 42;
    private static final int OP_OR_X = 43;
    private static final int OP_XOR_X = 44;
    private static final int OP_LSH_X = 45;
    private static final int OP_RSH_X = 46;
    private static final int OP_NEG = 47;
    private static final int OP_TAX = 48;
    private static final int OP_TXA = 49;

    private final CbpfProgram program;
    private final int[] ops;
    private final int[] operands;
    /** For conditional jumps the true target, for {@code ja} its target. */
    private final int[] ifTrue;
    private final int[] ifFalse;
    private final boolean usesScratch;
    private final int[] mem = new int[Opcodes.MEMWORDS];

    private CbpfInterpreter(CbpfProgram program, int[] ops, int[] operands, int[] ifTrue, int[] ifFalse,
            boolean usesScratch) {
        this.program = program;
        this.ops = ops;
        this.operands = operands;
        this.ifTrue = ifTrue;
        this.ifFalse = ifFalse;
        this.usesScratch = usesScratch;
    }

    /**
     * An interpreter for {@code program}, which must pass libpcap's {@code bpf_validate()} and use only the
     * instructions {@code bpf_filter()} executes (it aborts on any other opcode).
     *
     * @throws IllegalArgumentException naming every problem, if the program is not one libpcap would run
     */
    public static CbpfInterpreter of(CbpfProgram program) {
        List<Problem> problems = problems(program);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("libpcap would not run this program: " + problems);
        }
        int n = program.size();
        int[] ops = new int[n];
        int[] operands = new int[n];
        int[] ifTrue = new int[n];
        int[] ifFalse = new int[n];
        boolean usesScratch = false;
        for (int i = 0; i < n; i++) {
            SockFilter f = program.get(i);
            operands[i] = f.k();
            ifTrue[i] = i + 1 + f.jt();
            ifFalse[i] = i + 1 + f.jf();
            ops[i] = decode(f.code());
            if (ops[i] == OP_JA) {
                ifTrue[i] = i + 1 + f.k();
            } else if (ops[i] == OP_LD_W_ABS || ops[i] == OP_LD_H_ABS || ops[i] == OP_LD_B_ABS) {
                int field = Ancillary.ofAbsoluteOffset(f.k()).map(Enum::ordinal).orElse(-1);
                if (field >= 0) {
                    ops[i] = OP_LD_ANCILLARY;
                    operands[i] = field;
                }
            }
            usesScratch |= ops[i] == OP_LD_MEM || ops[i] == OP_LDX_MEM || ops[i] == OP_ST || ops[i] == OP_STX;
        }
        return new CbpfInterpreter(program, ops, operands, ifTrue, ifFalse, usesScratch);
    }

    /**
     * Why libpcap would not run {@code program}: what its {@code bpf_validate()} rejects, and opcodes its
     * {@code bpf_filter()} has no case for. Empty for a program this interpreter (and the JIT) runs.
     */
    public static List<Problem> problems(CbpfProgram program) {
        List<Problem> problems = new ArrayList<>(Validator.libpcap(program));
        for (int i = 0; i < program.size(); i++) {
            int at = i;
            int code = program.get(i).code();
            // bpf_validate checks classes and fields only; bpf_filter aborts on any opcode it has no case for.
            if (!Opcodes.isKnown(code)
                    && problems.stream().noneMatch(p -> p.index() == at && p.kind() == Problem.Kind.UNKNOWN_OPCODE)) {
                problems.add(new Problem(i, Problem.Kind.UNKNOWN_OPCODE,
                        "opcode 0x" + Integer.toHexString(code) + " is not an instruction libpcap's bpf_filter runs"));
            }
        }
        return problems;
    }

    /** Another interpreter for the same program, sharing the decoded code, for another thread. */
    @Override
    public CbpfInterpreter copy() {
        return new CbpfInterpreter(program, ops, operands, ifTrue, ifFalse, usesScratch);
    }

    @Override
    public CbpfProgram program() {
        return program;
    }

    /**
     * The program's return value (unsigned: the number of bytes to accept, 0 to reject).
     *
     * @param segment memory holding the packet, read in place
     * @param offset where the packet's first byte is in {@code segment}
     * @param captured how many bytes were captured (libpcap's {@code buflen}); only these are visible to loads
     * @param wireLength the packet's length on the wire ({@code wirelen}, what {@code len} loads), unsigned
     * @param ancillary the packet's metadata for ancillary loads
     * @throws IndexOutOfBoundsException if the captured bytes do not lie within {@code segment}
     */
    @Override
    public int run(MemorySegment segment, long offset, int captured, int wireLength, AncillarySource ancillary) {
        long buflen = PacketFilter.capturedLength(segment, offset, captured);
        if (usesScratch) {
            Arrays.fill(mem, 0);
        }
        final int[] ops = this.ops;
        final int[] operands = this.operands;
        int a = 0;
        int x = 0;
        int pc = 0;
        int backwardJumps = 0;
        while (true) {
            int i = pc++;
            int k = operands[i];
            switch (ops[i]) {
                case OP_RET_K -> {
                    return k;
                }
                case OP_RET_A -> {
                    return a;
                }
                case OP_LD_W_ABS -> {
                    long at = Integer.toUnsignedLong(k);
                    if (at + 4 > buflen) {
                        return 0;
                    }
                    a = segment.get(WORD, offset + at);
                }
                case OP_LD_H_ABS -> {
                    long at = Integer.toUnsignedLong(k);
                    if (at + 2 > buflen) {
                        return 0;
                    }
                    a = segment.get(HALF, offset + at) & 0xffff;
                }
                case OP_LD_B_ABS -> {
                    long at = Integer.toUnsignedLong(k);
                    if (at >= buflen) {
                        return 0;
                    }
                    a = segment.get(ValueLayout.JAVA_BYTE, offset + at) & 0xff;
                }
                case OP_LD_ANCILLARY -> {
                    OptionalInt v = ancillary.value(FIELDS[k]);
                    if (v.isEmpty()) {
                        return 0;
                    }
                    a = v.getAsInt();
                }
                // libpcap's checks for [x + k] never wrap: they amount to X + k + size <= buflen in exact arithmetic.
                case OP_LD_W_IND -> {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(k);
                    if (at + 4 > buflen) {
                        return 0;
                    }
                    a = segment.get(WORD, offset + at);
                }
                case OP_LD_H_IND -> {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(k);
                    if (at + 2 > buflen) {
                        return 0;
                    }
                    a = segment.get(HALF, offset + at) & 0xffff;
                }
                case OP_LD_B_IND -> {
                    long at = Integer.toUnsignedLong(x) + Integer.toUnsignedLong(k);
                    if (at >= buflen) {
                        return 0;
                    }
                    a = segment.get(ValueLayout.JAVA_BYTE, offset + at) & 0xff;
                }
                case OP_LD_LEN -> a = wireLength;
                case OP_LDX_LEN -> x = wireLength;
                case OP_LD_IMM -> a = k;
                case OP_LDX_IMM -> x = k;
                case OP_LD_MEM -> a = mem[k];
                case OP_LDX_MEM -> x = mem[k];
                case OP_LDX_MSH -> {
                    long at = Integer.toUnsignedLong(k);
                    if (at >= buflen) {
                        return 0;
                    }
                    x = (segment.get(ValueLayout.JAVA_BYTE, offset + at) & 0xf) << 2;
                }
                case OP_ST -> mem[k] = a;
                case OP_STX -> mem[k] = x;
                case OP_JA -> {
                    pc = ifTrue[i];
                    if (pc <= i && ++backwardJumps > BACKWARD_JUMP_LIMIT) {
                        throw PacketFilter.nonTerminating(BACKWARD_JUMP_LIMIT, i);
                    }
                }
                case OP_JEQ_K -> pc = a == k ? ifTrue[i] : ifFalse[i];
                case OP_JGT_K -> pc = Integer.compareUnsigned(a, k) > 0 ? ifTrue[i] : ifFalse[i];
                case OP_JGE_K -> pc = Integer.compareUnsigned(a, k) >= 0 ? ifTrue[i] : ifFalse[i];
                case OP_JSET_K -> pc = (a & k) != 0 ? ifTrue[i] : ifFalse[i];
                case OP_JEQ_X -> pc = a == x ? ifTrue[i] : ifFalse[i];
                case OP_JGT_X -> pc = Integer.compareUnsigned(a, x) > 0 ? ifTrue[i] : ifFalse[i];
                case OP_JGE_X -> pc = Integer.compareUnsigned(a, x) >= 0 ? ifTrue[i] : ifFalse[i];
                case OP_JSET_X -> pc = (a & x) != 0 ? ifTrue[i] : ifFalse[i];
                case OP_ADD_K -> a += k;
                case OP_SUB_K -> a -= k;
                case OP_MUL_K -> a *= k;
                // bpf_validate rejects constant division by 0, so k != 0 here.
                case OP_DIV_K -> a = Integer.divideUnsigned(a, k);
                case OP_MOD_K -> a = Integer.remainderUnsigned(a, k);
                case OP_AND_K -> a &= k;
                case OP_OR_K -> a |= k;
                case OP_XOR_K -> a ^= k;
                // libpcap shifts by a constant with C's <<, which on x86 takes the count modulo 32, like Java.
                case OP_LSH_K -> a <<= k;
                case OP_RSH_K -> a >>>= k;
                case OP_ADD_X -> a += x;
                case OP_SUB_X -> a -= x;
                case OP_MUL_X -> a *= x;
                case OP_DIV_X -> {
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.divideUnsigned(a, x);
                }
                case OP_MOD_X -> {
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.remainderUnsigned(a, x);
                }
                case OP_AND_X -> a &= x;
                case OP_OR_X -> a |= x;
                case OP_XOR_X -> a ^= x;
                case OP_LSH_X -> a = Integer.compareUnsigned(x, 32) < 0 ? a << x : 0;
                case OP_RSH_X -> a = Integer.compareUnsigned(x, 32) < 0 ? a >>> x : 0;
                case OP_NEG -> a = -a;
                case OP_TAX -> x = a;
                case OP_TXA -> a = x;
                default -> throw new IllegalStateException("undecoded operation " + ops[i] + " at " + i);
            }
        }
    }

    private static int decode(int code) {
        return switch (code) {
            case RET | K -> OP_RET_K;
            case RET | A -> OP_RET_A;
            case LD | W | ABS -> OP_LD_W_ABS;
            case LD | H | ABS -> OP_LD_H_ABS;
            case LD | B | ABS -> OP_LD_B_ABS;
            case LD | W | IND -> OP_LD_W_IND;
            case LD | H | IND -> OP_LD_H_IND;
            case LD | B | IND -> OP_LD_B_IND;
            case LD | W | LEN -> OP_LD_LEN;
            case LDX | W | LEN -> OP_LDX_LEN;
            case LD | IMM -> OP_LD_IMM;
            case LDX | IMM -> OP_LDX_IMM;
            case LD | MEM -> OP_LD_MEM;
            case LDX | MEM -> OP_LDX_MEM;
            case LDX | B | MSH -> OP_LDX_MSH;
            case ST -> OP_ST;
            case STX -> OP_STX;
            case JMP | Opcodes.JA -> OP_JA;
            case JMP | Opcodes.JEQ | K -> OP_JEQ_K;
            case JMP | Opcodes.JGT | K -> OP_JGT_K;
            case JMP | Opcodes.JGE | K -> OP_JGE_K;
            case JMP | Opcodes.JSET | K -> OP_JSET_K;
            case JMP | Opcodes.JEQ | X -> OP_JEQ_X;
            case JMP | Opcodes.JGT | X -> OP_JGT_X;
            case JMP | Opcodes.JGE | X -> OP_JGE_X;
            case JMP | Opcodes.JSET | X -> OP_JSET_X;
            case ALU | Opcodes.ADD | K -> OP_ADD_K;
            case ALU | Opcodes.SUB | K -> OP_SUB_K;
            case ALU | Opcodes.MUL | K -> OP_MUL_K;
            case ALU | Opcodes.DIV | K -> OP_DIV_K;
            case ALU | Opcodes.MOD | K -> OP_MOD_K;
            case ALU | Opcodes.AND | K -> OP_AND_K;
            case ALU | Opcodes.OR | K -> OP_OR_K;
            case ALU | Opcodes.XOR | K -> OP_XOR_K;
            case ALU | Opcodes.LSH | K -> OP_LSH_K;
            case ALU | Opcodes.RSH | K -> OP_RSH_K;
            case ALU | Opcodes.ADD | X -> OP_ADD_X;
            case ALU | Opcodes.SUB | X -> OP_SUB_X;
            case ALU | Opcodes.MUL | X -> OP_MUL_X;
            case ALU | Opcodes.DIV | X -> OP_DIV_X;
            case ALU | Opcodes.MOD | X -> OP_MOD_X;
            case ALU | Opcodes.AND | X -> OP_AND_X;
            case ALU | Opcodes.OR | X -> OP_OR_X;
            case ALU | Opcodes.XOR | X -> OP_XOR_X;
            case ALU | Opcodes.LSH | X -> OP_LSH_X;
            case ALU | Opcodes.RSH | X -> OP_RSH_X;
            case ALU | Opcodes.NEG -> OP_NEG;
            case MISC | Opcodes.TAX -> OP_TAX;
            case MISC | Opcodes.TXA -> OP_TXA;
            default -> throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(code) + " is unknown");
        };
    }
}
