package dev.jfilter.runtime.ebpf;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.AluReg;
import dev.jfilter.ebpf.insn.Call;
import dev.jfilter.ebpf.insn.Endian;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Runs an eBPF {@link Program} on a packet with the semantics of the Linux kernel's interpreter
 * ({@code ___bpf_prog_run} in {@code kernel/bpf/core.c}) and of the rewrites its verifier applies first, on a
 * little-endian (x86-64) host:
 * <ul>
 *   <li>ALU results of the 32-bit class are zero-extended; division by zero gives 0, modulo by zero keeps the dividend
 *   (truncated to 32 bits for the 32-bit class); register shift amounts are masked with 63 or 31; {@code ARSH} is
 *   arithmetic; {@code END} to-LE is a truncation ({@code le64} a no-op), to-BE and {@code BSWAP} swap and zero-extend;
 *   a 64-bit jump sign-extends its immediate, a 32-bit one compares the low halves.</li>
 *   <li>{@code LD_ABS}/{@code LD_IND} (socket filters and tc only) read big-endian at {@code (int) (src + imm)} as
 *   {@code bpf_skb_load_helper_*} does, including the {@code SKF_NET_OFF}/{@code SKF_LL_OFF} negative offsets; a load
 *   outside the packet ends the program with 0; they clobber R1-R5.</li>
 *   <li>Helpers: {@code bpf_get_prandom_u32} (7, from the generator given), {@code bpf_get_smp_processor_id} (8,
 *   always 0), {@code bpf_skb_pull_data} (39, tc only: 0, or {@code -ENOMEM} past the packet's end, as on a linear
 *   packet; it invalidates packet pointers as the verifier does). Calls clobber R1-R5.</li>
 * </ul>
 *
 * <p>What the verifier would prove before the kernel runs anything is checked here as the program runs, and a
 * violation is an {@link EbpfException} rather than a value: registers carry a tag beside their value (scalar,
 * context, stack or packet pointer, with an offset), so a read of an uninitialised register or stack byte, a packet
 * access outside {@code [data, data_end)}, a context field the program type may not read, pointer arithmetic the
 * verifier refuses or a pointer returned in R0 is reported with the instruction. Comparing two packet pointers compares
 * their offsets. Immediates the verifier rejects ({@code div by zero}, {@code invalid shift}), writes to R10, unknown
 * helpers and a last instruction that is neither exit nor jump are refused when the interpreter is built.
 *
 * <p>Packets are the bytes the program sees: from the network header on for a socket filter, the whole frame for tc
 * and XDP (see {@link SocketFilterContext}, {@link TcContext}). Direct packet writes go to a private copy; the caller's
 * bytes are never changed. The program is decoded once into flat arrays with resolved jump targets, and a run does not
 * allocate. An instance keeps its registers and stack between runs, so it is not thread-safe: give each thread its own
 * {@link #copy()}.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/kernel/bpf/core.c">kernel/bpf/core.c
 *     (___bpf_prog_run)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c (bpf_gen_ld_abs,
 *     bpf_skb_load_helper_*, bpf_skb_pull_data)</a>
 */
public final class EbpfInterpreter {
    /** Executed instructions allowed per run by default (the verifier's complexity limit has the same size). */
    public static final int DEFAULT_STEP_LIMIT = 1_000_000;
    /** Bytes of stack below R10. */
    public static final int STACK_SIZE = 512;
    /** {@code SKF_NET_OFF}: LD_ABS offsets from here on are relative to the network header. */
    public static final int SKF_NET_OFF = -0x100000;
    /** {@code SKF_LL_OFF}: LD_ABS offsets from here on are relative to the link-layer header. */
    public static final int SKF_LL_OFF = -0x200000;
    /** {@code BPF_FUNC_get_prandom_u32}. */
    public static final int HELPER_GET_PRANDOM_U32 = 7;
    /** {@code BPF_FUNC_get_smp_processor_id}. */
    public static final int HELPER_GET_SMP_PROCESSOR_ID = 8;
    /** {@code BPF_FUNC_skb_pull_data}. */
    public static final int HELPER_SKB_PULL_DATA = 39;

    // Register tags.
    private static final byte UNINIT = 0;
    private static final byte SCALAR = 1;
    private static final byte CTX = 2;
    private static final byte STACK = 3;
    private static final byte PKT = 4;
    private static final byte PKT_END = 5;
    private static final byte PKT_META = 6;
    private static final byte INVALIDATED = 7;

    // Dense instruction kinds, so the main switch is a jump table.
    private static final byte ALU64_K = 0;
    private static final byte ALU64_X = 1;
    private static final byte ALU32_K = 2;
    private static final byte ALU32_X = 3;
    private static final byte END = 4;
    private static final byte JMP_K = 5;
    private static final byte JMP_X = 6;
    private static final byte JMP32_K = 7;
    private static final byte JMP32_X = 8;
    private static final byte JA = 9;
    private static final byte CALL = 10;
    private static final byte EXIT = 11;
    private static final byte LD_IMM64 = 12;
    private static final byte LDX = 13;
    private static final byte STX = 14;
    private static final byte ST = 15;
    private static final byte LD_ABS = 16;
    private static final byte LD_IND = 17;

    private static final int END_TO_LE = 0;
    private static final int END_TO_BE = 1;
    private static final int END_BSWAP = 2;

    private static final int ENOMEM = 12;
    private static final int ETH_HLEN = 14;
    private static final int R10 = 10;

    private final Program program;
    private final int stepLimit;
    private final RandomGenerator random;
    private final byte[] kind;
    private final AluOp[] aluOp;
    private final JumpOp[] jumpOp;
    private final int[] dst;
    private final int[] src;
    private final int[] off;
    private final int[] bytes;
    private final int[] target;
    private final long[] imm;
    private final boolean legacyLoads;

    // Per-run state, reused.
    private final long[] regs = new long[11];
    private final byte[] tags = new byte[11];
    private final byte[] stack = new byte[STACK_SIZE];
    private final int[] stackWritten = new int[STACK_SIZE];
    private final byte[] spillTag = new byte[STACK_SIZE / 8];
    private final long[] spillValue = new long[STACK_SIZE / 8];
    private final int[] spillWritten = new int[STACK_SIZE / 8];
    private final byte[] ctx = new byte[ContextLayout.SKB_SIZE];
    private int generation;
    private byte[] scratch = new byte[0];
    private byte[] pkt;
    private int pktBase;
    private int pktLen;
    private ContextLayout layout;
    private ProgramContext context;

    /** An interpreter with the default step limit and {@code bpf_get_prandom_u32} seeded with 0. */
    public EbpfInterpreter(Program program) {
        this(program, DEFAULT_STEP_LIMIT, new SplittableRandom(0));
    }

    /**
     * An interpreter that stops a run after {@code stepLimit} executed instructions and draws
     * {@code bpf_get_prandom_u32} from {@code random}.
     *
     * @throws EbpfException if the program is one the verifier rejects before running anything (see the class
     *                       documentation)
     */
    public EbpfInterpreter(Program program, int stepLimit, RandomGenerator random) {
        this.program = Objects.requireNonNull(program, "program");
        this.random = Objects.requireNonNull(random, "random");
        if (stepLimit <= 0) {
            throw new IllegalArgumentException("step limit must be positive: " + stepLimit);
        }
        this.stepLimit = stepLimit;
        List<Insn> insns = program.insns();
        int n = insns.size();
        if (n == 0) {
            throw new EbpfException(-1, "empty program");
        }
        if (!(insns.get(n - 1) instanceof Exit || insns.get(n - 1) instanceof Ja)) {
            throw new EbpfException(n - 1, "last insn is not an exit or jmp");
        }
        kind = new byte[n];
        aluOp = new AluOp[n];
        jumpOp = new JumpOp[n];
        dst = new int[n];
        src = new int[n];
        off = new int[n];
        bytes = new int[n];
        target = new int[n];
        imm = new long[n];
        boolean legacy = false;
        for (int i = 0; i < n; i++) {
            legacy |= decode(i, insns.get(i));
        }
        legacyLoads = legacy;
    }

    /** The program this interpreter runs. */
    public Program program() {
        return program;
    }

    /** A fresh interpreter for the same program and step limit (for another thread), with its own generator. */
    public EbpfInterpreter copy() {
        return new EbpfInterpreter(program, stepLimit, new SplittableRandom(random.nextLong()));
    }

    /** Runs the program on all of {@code packet}; see {@link #run(byte[], int, int, ProgramContext)}. */
    public long run(byte[] packet, ProgramContext context) {
        return run(packet, 0, packet.length, context);
    }

    /**
     * Runs the program on {@code length} bytes of {@code packet} from {@code offset}: the bytes the program sees
     * between {@code data} and {@code data_end} (or through {@code LD_ABS}), with {@code context} behind R1.
     *
     * @return R0 at exit, all 64 bits (the kernel hands its callers the low 32)
     * @throws EbpfException if the run does something the verifier would not have let through, something not
     *                       modelled, or exceeds the step limit
     */
    public long run(byte[] packet, int offset, int length, ProgramContext context) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        Objects.requireNonNull(context, "context");
        if (legacyLoads && context instanceof XdpContext) {
            throw new EbpfException(-1, "BPF_LD_[ABS|IND] instructions not allowed for this program type");
        }
        this.context = context;
        layout = ContextLayout.of(context);
        ContextLayout.fill(context, ctx, length);
        pkt = packet;
        pktBase = offset;
        pktLen = length;
        if (++generation == 0) { // wrapped: forget everything explicitly once every 2^32 runs
            Arrays.fill(stackWritten, 0);
            Arrays.fill(spillWritten, 0);
            generation = 1;
        }
        Arrays.fill(tags, UNINIT);
        tags[1] = CTX;
        regs[1] = 0;
        tags[R10] = STACK;
        regs[R10] = 0;
        return execute();
    }

    private long execute() {
        final long[] r = regs;
        final byte[] t = tags;
        int pc = 0;
        int steps = 0;
        while (true) {
            if (++steps > stepLimit) {
                throw new EbpfException(pc, "step limit of " + stepLimit + " executed instructions exceeded");
            }
            int d = dst[pc];
            switch (kind[pc]) {
                case ALU64_K -> {
                    AluOp op = aluOp[pc];
                    if (op == AluOp.MOV) {
                        r[d] = imm[pc];
                        t[d] = SCALAR;
                    } else if (t[d] == SCALAR) {
                        r[d] = alu64(op, r[d], imm[pc]);
                    } else {
                        pointerAlu(pc, op, d, -1, imm[pc]);
                    }
                    pc++;
                }
                case ALU64_X -> {
                    AluOp op = aluOp[pc];
                    int s = src[pc];
                    if (t[d] == SCALAR && t[s] == SCALAR) {
                        r[d] = alu64(op, r[d], r[s]);
                    } else if (op == AluOp.MOV) {
                        readable(pc, s);
                        r[d] = r[s];
                        t[d] = t[s];
                    } else {
                        pointerAlu(pc, op, d, s, 0);
                    }
                    pc++;
                }
                case ALU32_K -> {
                    AluOp op = aluOp[pc];
                    if (op == AluOp.MOV) {
                        r[d] = imm[pc] & 0xffffffffL;
                        t[d] = SCALAR;
                    } else {
                        scalar(pc, d);
                        r[d] = alu32(op, (int) r[d], (int) imm[pc]);
                    }
                    pc++;
                }
                case ALU32_X -> {
                    AluOp op = aluOp[pc];
                    int s = src[pc];
                    if (op != AluOp.MOV) {
                        scalar(pc, d);
                    }
                    if (t[s] != SCALAR) {
                        readable(pc, s);
                        throw new EbpfException(pc, "R" + s + " partial copy of pointer");
                    }
                    r[d] = alu32(op, (int) r[d], (int) r[s]);
                    t[d] = SCALAR;
                    pc++;
                }
                case END -> {
                    scalar(pc, d);
                    r[d] = swap(bytes[pc], (int) imm[pc], r[d]);
                    pc++;
                }
                case JMP_K -> {
                    if (t[d] == SCALAR) {
                        pc = test(jumpOp[pc], r[d], imm[pc]) ? target[pc] : pc + 1;
                    } else {
                        pc = comparePointer(pc, d, -1) ? target[pc] : pc + 1;
                    }
                }
                case JMP_X -> {
                    int s = src[pc];
                    if (t[d] == SCALAR && t[s] == SCALAR) {
                        pc = test(jumpOp[pc], r[d], r[s]) ? target[pc] : pc + 1;
                    } else {
                        pc = comparePointer(pc, d, s) ? target[pc] : pc + 1;
                    }
                }
                case JMP32_K -> {
                    scalar(pc, d);
                    pc = test32(jumpOp[pc], (int) r[d], (int) imm[pc]) ? target[pc] : pc + 1;
                }
                case JMP32_X -> {
                    int s = src[pc];
                    scalar(pc, d);
                    scalar(pc, s);
                    pc = test32(jumpOp[pc], (int) r[d], (int) r[s]) ? target[pc] : pc + 1;
                }
                case JA -> pc = target[pc];
                case CALL -> {
                    call(pc, (int) imm[pc]);
                    pc++;
                }
                case EXIT -> {
                    readable(pc, 0);
                    if (t[0] != SCALAR) {
                        throw new EbpfException(pc, "R0 leaks addr as return value");
                    }
                    return r[0];
                }
                case LD_IMM64 -> {
                    r[d] = imm[pc];
                    t[d] = SCALAR;
                    pc++;
                }
                case LDX -> {
                    load(pc, d, src[pc], off[pc], bytes[pc]);
                    pc++;
                }
                case STX -> {
                    int s = src[pc];
                    readable(pc, s);
                    store(pc, d, off[pc], bytes[pc], r[s], t[s]);
                    pc++;
                }
                case ST -> {
                    store(pc, d, off[pc], bytes[pc], imm[pc], SCALAR);
                    pc++;
                }
                case LD_ABS, LD_IND -> {
                    if (!legacyLoad(pc)) {
                        return 0;
                    }
                    pc++;
                }
                default -> throw new IllegalStateException("kind " + kind[pc]);
            }
        }
    }

    // ---- arithmetic -------------------------------------------------------------------------------------------

    static long alu64(AluOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> b == 0 ? 0 : Long.divideUnsigned(a, b);
            case OR -> a | b;
            case AND -> a & b;
            case LSH -> a << (b & 63);
            case RSH -> a >>> (b & 63);
            case NEG -> -a;
            case MOD -> b == 0 ? a : Long.remainderUnsigned(a, b);
            case XOR -> a ^ b;
            case MOV -> b;
            case ARSH -> a >> (b & 63);
        };
    }

    static long alu32(AluOp op, int a, int b) {
        int v = switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> b == 0 ? 0 : Integer.divideUnsigned(a, b);
            case OR -> a | b;
            case AND -> a & b;
            case LSH -> a << (b & 31);
            case RSH -> a >>> (b & 31);
            case NEG -> -a;
            case MOD -> b == 0 ? a : Integer.remainderUnsigned(a, b);
            case XOR -> a ^ b;
            case MOV -> b;
            case ARSH -> a >> (b & 31);
        };
        return v & 0xffffffffL;
    }

    private static long swap(int order, int bits, long v) {
        if (order == END_TO_LE) { // the host is little-endian: a truncation
            return switch (bits) {
                case 16 -> v & 0xffff;
                case 32 -> v & 0xffffffffL;
                default -> v;
            };
        }
        return switch (bits) {
            case 16 -> Short.reverseBytes((short) v) & 0xffff;
            case 32 -> Integer.reverseBytes((int) v) & 0xffffffffL;
            default -> Long.reverseBytes(v);
        };
    }

    static boolean test(JumpOp op, long a, long b) {
        return switch (op) {
            case JEQ -> a == b;
            case JGT -> Long.compareUnsigned(a, b) > 0;
            case JGE -> Long.compareUnsigned(a, b) >= 0;
            case JSET -> (a & b) != 0;
            case JNE -> a != b;
            case JSGT -> a > b;
            case JSGE -> a >= b;
            case JLT -> Long.compareUnsigned(a, b) < 0;
            case JLE -> Long.compareUnsigned(a, b) <= 0;
            case JSLT -> a < b;
            case JSLE -> a <= b;
        };
    }

    static boolean test32(JumpOp op, int a, int b) {
        return switch (op) {
            case JEQ -> a == b;
            case JGT -> Integer.compareUnsigned(a, b) > 0;
            case JGE -> Integer.compareUnsigned(a, b) >= 0;
            case JSET -> (a & b) != 0;
            case JNE -> a != b;
            case JSGT -> a > b;
            case JSGE -> a >= b;
            case JLT -> Integer.compareUnsigned(a, b) < 0;
            case JLE -> Integer.compareUnsigned(a, b) <= 0;
            case JSLT -> a < b;
            case JSLE -> a <= b;
        };
    }

    // ---- pointers ---------------------------------------------------------------------------------------------

    /** 64-bit arithmetic where a pointer is involved: {@code s} is the source register, or -1 for {@code k}. */
    private void pointerAlu(int pc, AluOp op, int d, int s, long k) {
        readable(pc, d);
        byte dt = tags[d];
        byte st = SCALAR;
        long b = k;
        if (s >= 0) {
            readable(pc, s);
            st = tags[s];
            b = regs[s];
        }
        boolean dPtr = dt != SCALAR;
        boolean sPtr = st != SCALAR;
        if (op == AluOp.ADD && dPtr && !sPtr) {
            noPktEndArithmetic(pc, d, dt);
            regs[d] += b;
        } else if (op == AluOp.ADD && !dPtr) {
            noPktEndArithmetic(pc, s, st);
            regs[d] = regs[d] + b;
            tags[d] = st;
        } else if (op == AluOp.SUB && dPtr && !sPtr) {
            noPktEndArithmetic(pc, d, dt);
            regs[d] -= b;
        } else if (op == AluOp.SUB && !dPtr) {
            throw new EbpfException(pc, "R" + d + " tried to subtract pointer from scalar");
        } else if (op == AluOp.SUB && region(dt) == region(st)) {
            regs[d] = position(dt, regs[d]) - position(st, b);
            tags[d] = SCALAR;
        } else if (op == AluOp.ADD || op == AluOp.SUB) {
            throw new EbpfException(pc, "R" + d + " pointer " + op.symbol().charAt(0) + "= pointer prohibited");
        } else {
            throw new EbpfException(pc, "R" + d + " pointer arithmetic with " + op.symbol()
                    + " operator prohibited");
        }
    }

    private static void noPktEndArithmetic(int pc, int reg, byte tag) {
        if (tag == PKT_END) {
            throw new EbpfException(pc, "R" + reg + " pointer arithmetic on pkt_end prohibited");
        }
    }

    // Pointers into the same memory can be compared and subtracted: the packet (data, data_end and the empty
    // metadata area in front of data), the stack, the context.
    private static int region(byte tag) {
        return tag == PKT_END || tag == PKT_META ? PKT : tag;
    }

    // A pointer's place in its region: packet pointers count from data (data_end is at the packet's length).
    private long position(byte tag, long offset) {
        return tag == PKT_END ? pktLen + offset : offset;
    }

    /** A conditional jump with a pointer operand ({@code s} -1 for the immediate form, 64-bit only). */
    private boolean comparePointer(int pc, int d, int s) {
        readable(pc, d);
        JumpOp op = jumpOp[pc];
        if (s < 0) {
            long k = imm[pc];
            if (k == 0 && (op == JumpOp.JEQ || op == JumpOp.JNE)) { // a pointer is never NULL
                return op == JumpOp.JNE;
            }
            throw new EbpfException(pc, "comparison of pointer R" + d + " with a constant other than 0 is not "
                    + "modelled");
        }
        readable(pc, s);
        byte dt = tags[d];
        byte st = tags[s];
        if (dt == SCALAR || st == SCALAR) {
            throw new EbpfException(pc, "comparison of pointer with scalar (R" + d + ", R" + s + ") is not modelled");
        }
        if (region(dt) != region(st) || op == JumpOp.JSET) {
            throw new EbpfException(pc, "R" + d + " " + op.symbol() + " R" + s
                    + ": comparison of unrelated pointers is not modelled");
        }
        return test(op, position(dt, regs[d]), position(st, regs[s]));
    }

    private void readable(int pc, int reg) {
        byte tag = tags[reg];
        if (tag == UNINIT) {
            throw new EbpfException(pc, "R" + reg + " !read_ok");
        }
        if (tag == INVALIDATED) {
            throw new EbpfException(pc, "R" + reg + " !read_ok (a packet pointer invalidated by "
                    + "bpf_skb_pull_data)");
        }
    }

    private void scalar(int pc, int reg) {
        if (tags[reg] != SCALAR) {
            readable(pc, reg);
            throw new EbpfException(pc, "R" + reg + " 32-bit pointer arithmetic prohibited");
        }
    }

    // ---- memory -----------------------------------------------------------------------------------------------

    private void load(int pc, int d, int s, int offset, int size) {
        readable(pc, s);
        byte base = tags[s];
        long at = regs[s] + offset;
        switch (base) {
            case STACK -> loadStack(pc, d, at, size);
            case CTX -> loadContext(pc, d, s, offset, size);
            case PKT -> {
                checkPacket(pc, s, at, size, "read");
                regs[d] = readLittleEndian(pkt, pktBase + (int) at, size);
                tags[d] = SCALAR;
            }
            case PKT_META -> throw emptyMeta(pc, s);
            case PKT_END -> throw new EbpfException(pc, "R" + s + " invalid mem access 'pkt_end'");
            default -> throw new EbpfException(pc, "R" + s + " invalid mem access 'scalar'");
        }
    }

    private void store(int pc, int d, int offset, int size, long value, byte valueTag) {
        readable(pc, d);
        byte base = tags[d];
        long at = regs[d] + offset;
        switch (base) {
            case STACK -> storeStack(pc, at, size, value, valueTag);
            case CTX -> {
                if (regs[d] != 0) {
                    throw modifiedContext(pc, d);
                }
                layout.checkWrite(pc, offset, size);
                if (valueTag != SCALAR) {
                    throw new EbpfException(pc, "storing a pointer into the context is not modelled");
                }
                writeLittleEndian(ctx, offset, size, value);
            }
            case PKT -> {
                checkPacket(pc, d, at, size, "write");
                if (valueTag != SCALAR) {
                    throw new EbpfException(pc, "storing a pointer into the packet is not modelled");
                }
                if (pkt != scratch) { // copy on the first write: the caller's bytes stay as they are
                    if (scratch.length < pktLen) {
                        scratch = new byte[Math.max(pktLen, 2 * scratch.length)];
                    }
                    System.arraycopy(pkt, pktBase, scratch, 0, pktLen);
                    pkt = scratch;
                    pktBase = 0;
                }
                writeLittleEndian(pkt, pktBase + (int) at, size, value);
            }
            case PKT_META -> throw emptyMeta(pc, d);
            case PKT_END -> throw new EbpfException(pc, "R" + d + " invalid mem access 'pkt_end'");
            default -> throw new EbpfException(pc, "R" + d + " invalid mem access 'scalar'");
        }
    }

    private void checkPacket(int pc, int reg, long at, int size, String what) {
        if (at < 0 || at + size > pktLen) {
            throw new EbpfException(pc, "R" + reg + " invalid access to packet, off=" + at + " size=" + size
                    + ": a " + what + " outside the " + pktLen + "-byte packet (the verifier requires a bounds "
                    + "check against data_end)");
        }
    }

    private static EbpfException emptyMeta(int pc, int reg) {
        return new EbpfException(pc, "R" + reg + " invalid access to packet metadata: the metadata area is empty");
    }

    private static EbpfException modifiedContext(int pc, int reg) {
        return new EbpfException(pc, "dereference of modified ctx ptr R" + reg + " disallowed");
    }

    private void loadContext(int pc, int d, int s, int offset, int size) {
        if (regs[s] != 0) {
            throw modifiedContext(pc, s);
        }
        int k = layout.checkRead(pc, offset, size);
        switch (k) {
            case ContextLayout.DATA -> {
                regs[d] = 0;
                tags[d] = PKT;
            }
            case ContextLayout.DATA_END -> {
                regs[d] = 0;
                tags[d] = PKT_END;
            }
            case ContextLayout.DATA_META -> {
                regs[d] = 0; // the metadata area is empty: data_meta == data
                tags[d] = PKT_META;
            }
            default -> {
                regs[d] = readLittleEndian(ctx, offset, size);
                tags[d] = SCALAR;
            }
        }
    }

    private int stackIndex(int pc, long at, int size, String what) {
        if (at < -STACK_SIZE || at + size > 0) {
            throw new EbpfException(pc, "invalid " + what + " stack off=" + at + " size=" + size
                    + " (the stack is fp-" + STACK_SIZE + " to fp)");
        }
        if (at % size != 0) {
            throw new EbpfException(pc, "misaligned stack access off " + at + " size " + size);
        }
        return STACK_SIZE + (int) at;
    }

    private void loadStack(int pc, int d, long at, int size) {
        int i = stackIndex(pc, at, size, "read from");
        int slot = i >>> 3;
        if (spillWritten[slot] == generation && spillTag[slot] != SCALAR) {
            if (size != 8) {
                throw new EbpfException(pc, "invalid size of register fill: " + size + " bytes of a spilled pointer");
            }
            regs[d] = spillValue[slot];
            tags[d] = spillTag[slot];
            return;
        }
        for (int j = i; j < i + size; j++) {
            if (stackWritten[j] != generation) {
                throw new EbpfException(pc, "invalid read from stack off " + at + "+" + (j - i) + " size " + size
                        + ": never written");
            }
        }
        regs[d] = readLittleEndian(stack, i, size);
        tags[d] = SCALAR;
    }

    private void storeStack(int pc, long at, int size, long value, byte valueTag) {
        int i = stackIndex(pc, at, size, "write to");
        int slot = i >>> 3;
        boolean pointerThere = spillWritten[slot] == generation && spillTag[slot] != SCALAR;
        if (valueTag != SCALAR) {
            if (size != 8) {
                throw new EbpfException(pc, "invalid size of register spill: a pointer in " + size + " bytes");
            }
            spillTag[slot] = valueTag;
            spillValue[slot] = value;
        } else {
            if (pointerThere && size != 8) {
                throw new EbpfException(pc, "attempt to corrupt spilled pointer on stack");
            }
            spillTag[slot] = SCALAR;
            writeLittleEndian(stack, i, size, value);
        }
        spillWritten[slot] = generation;
        for (int j = i; j < i + size; j++) {
            stackWritten[j] = generation;
        }
    }

    private static long readLittleEndian(byte[] b, int at, int size) {
        long v = 0;
        for (int j = size - 1; j >= 0; j--) {
            v = v << 8 | b[at + j] & 0xff;
        }
        return v;
    }

    private static void writeLittleEndian(byte[] b, int at, int size, long value) {
        for (int j = 0; j < size; j++) {
            b[at + j] = (byte) (value >>> 8 * j);
        }
    }

    // ---- legacy packet loads and helpers -------------------------------------------------------------------

    /** LD_ABS/LD_IND; false when the load is out of bounds and the program returns 0. */
    private boolean legacyLoad(int pc) {
        if (tags[6] != CTX || regs[6] != 0) {
            throw new EbpfException(pc, "at the time of BPF_LD_ABS|IND R6 != pointer to skb");
        }
        int size = bytes[pc];
        int k;
        if (kind[pc] == LD_ABS) {
            k = (int) imm[pc];
        } else {
            int s = src[pc];
            readable(pc, s);
            if (tags[s] != SCALAR) {
                throw new EbpfException(pc, "R" + s + " pointer used as the LD_IND offset is not modelled");
            }
            k = (int) (regs[s] + imm[pc]); // the helper takes an int offset
        }
        long at;
        if (k >= 0) {
            at = k;
        } else if (k >= SKF_NET_OFF) {
            at = (long) networkHeader() + k - SKF_NET_OFF;
        } else if (k >= SKF_LL_OFF) {
            at = (long) linkHeader() + k - SKF_LL_OFF;
            if (at < 0) {
                throw new EbpfException(pc, "LD_ABS at SKF_LL_OFF+" + (k - SKF_LL_OFF) + " reads the Ethernet "
                        + "header, which is not part of the bytes a socket filter sees in this model");
            }
        } else {
            at = -1;
        }
        for (int reg = 1; reg <= 5; reg++) {
            tags[reg] = UNINIT;
        }
        if (at < 0 || at > pktLen - size) {
            regs[0] = 0;
            tags[0] = SCALAR;
            return false;
        }
        long v = 0;
        for (int j = 0; j < size; j++) {
            v = v << 8 | pkt[pktBase + (int) at + j] & 0xff;
        }
        regs[0] = v;
        tags[0] = SCALAR;
        return true;
    }

    // Where BPF_PROG_TEST_RUN leaves the network and link-layer headers, relative to data.
    private int networkHeader() {
        return context instanceof TcContext ? ETH_HLEN : 0;
    }

    private int linkHeader() {
        return context instanceof TcContext ? 0 : -ETH_HLEN;
    }

    private void call(int pc, int helper) {
        long result;
        switch (helper) {
            case HELPER_GET_PRANDOM_U32 -> result = random.nextInt() & 0xffffffffL;
            case HELPER_GET_SMP_PROCESSOR_ID -> result = 0;
            case HELPER_SKB_PULL_DATA -> {
                if (!(context instanceof TcContext)) {
                    throw new EbpfException(pc, "unknown func bpf_skb_pull_data#39 for this program type");
                }
                if (tags[1] != CTX || regs[1] != 0) {
                    readable(pc, 1);
                    throw new EbpfException(pc, "R1 type is not ctx: bpf_skb_pull_data expects the context");
                }
                readable(pc, 2);
                if (tags[2] != SCALAR) {
                    throw new EbpfException(pc, "R2 type is a pointer: bpf_skb_pull_data expects a length");
                }
                long len = regs[2] & 0xffffffffL;
                // A linear packet: pulling up to its length succeeds, beyond it pskb_may_pull fails.
                result = len <= pktLen ? 0 : -ENOMEM;
                invalidatePacketPointers();
            }
            default -> throw new IllegalStateException("helper " + helper);
        }
        for (int reg = 1; reg <= 5; reg++) {
            tags[reg] = UNINIT;
        }
        regs[0] = result;
        tags[0] = SCALAR;
    }

    // The verifier forgets every packet pointer after a helper that may move the packet's data.
    private void invalidatePacketPointers() {
        for (int reg = 0; reg < tags.length; reg++) {
            if (region(tags[reg]) == PKT) {
                tags[reg] = INVALIDATED;
            }
        }
        for (int slot = 0; slot < spillTag.length; slot++) {
            if (spillWritten[slot] == generation && region(spillTag[slot]) == PKT) {
                spillTag[slot] = INVALIDATED;
            }
        }
    }

    // ---- decoding ---------------------------------------------------------------------------------------------

    /** Fills the flat arrays for instruction {@code i}; true for a legacy packet load. */
    private boolean decode(int i, Insn insn) {
        switch (insn) {
            case AluImm a -> {
                writable(i, a.dst());
                kind[i] = a.width() == Width.W64 ? ALU64_K : ALU32_K;
                aluOp[i] = a.op();
                dst[i] = a.dst().number();
                int bits = a.width() == Width.W64 ? 64 : 32;
                boolean shift = a.op() == AluOp.LSH || a.op() == AluOp.RSH || a.op() == AluOp.ARSH;
                if (shift && (a.imm() < 0 || a.imm() >= bits)) {
                    throw new EbpfException(i, "invalid shift " + a.imm());
                }
                if ((a.op() == AluOp.DIV || a.op() == AluOp.MOD) && a.imm() == 0) {
                    throw new EbpfException(i, "div by zero");
                }
                imm[i] = a.imm(); // sign-extended; the 32-bit class uses the low half
            }
            case AluReg a -> {
                writable(i, a.dst());
                kind[i] = a.width() == Width.W64 ? ALU64_X : ALU32_X;
                aluOp[i] = a.op();
                dst[i] = a.dst().number();
                src[i] = a.src().number();
            }
            case Endian e -> {
                writable(i, e.dst());
                kind[i] = END;
                dst[i] = e.dst().number();
                bytes[i] = switch (e.order()) {
                    case TO_LE -> END_TO_LE;
                    case TO_BE -> END_TO_BE;
                    case BSWAP -> END_BSWAP;
                };
                imm[i] = e.bits();
            }
            case JumpImm j -> {
                kind[i] = j.width() == Width.W64 ? JMP_K : JMP32_K;
                jumpOp[i] = j.op();
                dst[i] = j.dst().number();
                imm[i] = j.imm();
                target[i] = program.labels().get(j.target());
            }
            case JumpReg j -> {
                kind[i] = j.width() == Width.W64 ? JMP_X : JMP32_X;
                jumpOp[i] = j.op();
                dst[i] = j.dst().number();
                src[i] = j.src().number();
                target[i] = program.labels().get(j.target());
            }
            case Ja j -> {
                kind[i] = JA;
                target[i] = program.labels().get(j.target());
            }
            case Call c -> {
                if (c.helper() != HELPER_GET_PRANDOM_U32 && c.helper() != HELPER_GET_SMP_PROCESSOR_ID
                        && c.helper() != HELPER_SKB_PULL_DATA) {
                    throw new EbpfException(i, "helper #" + c.helper() + " is not modelled (only "
                            + "bpf_get_prandom_u32#7, bpf_get_smp_processor_id#8 and bpf_skb_pull_data#39 are)");
                }
                kind[i] = CALL;
                imm[i] = c.helper();
            }
            case Exit _ -> kind[i] = EXIT;
            case LoadImm64 l -> {
                writable(i, l.dst());
                kind[i] = LD_IMM64;
                dst[i] = l.dst().number();
                imm[i] = l.imm();
            }
            case LoadMem l -> {
                writable(i, l.dst());
                kind[i] = LDX;
                dst[i] = l.dst().number();
                src[i] = l.src().number();
                off[i] = l.off();
                bytes[i] = l.size().bytes();
            }
            case StoreReg s -> {
                kind[i] = STX;
                dst[i] = s.dst().number();
                src[i] = s.src().number();
                off[i] = s.off();
                bytes[i] = s.size().bytes();
            }
            case StoreImm s -> {
                kind[i] = ST;
                dst[i] = s.dst().number();
                off[i] = s.off();
                bytes[i] = s.size().bytes();
                imm[i] = s.imm(); // sign-extended for DW; the low bytes otherwise
            }
            case LoadAbs l -> {
                kind[i] = LD_ABS;
                bytes[i] = l.size().bytes();
                imm[i] = l.imm();
                return true;
            }
            case LoadInd l -> {
                kind[i] = LD_IND;
                src[i] = l.src().number();
                bytes[i] = l.size().bytes();
                imm[i] = l.imm();
                return true;
            }
        }
        return false;
    }

    private static void writable(int i, Reg reg) {
        if (reg == Reg.R10) {
            throw new EbpfException(i, "frame pointer is read only");
        }
    }
}
