package dev.jfilter.cbpf.validate;

import static dev.jfilter.cbpf.Opcodes.ABS;
import static dev.jfilter.cbpf.Opcodes.ALU;
import static dev.jfilter.cbpf.Opcodes.JMP;
import static dev.jfilter.cbpf.Opcodes.K;
import static dev.jfilter.cbpf.Opcodes.LD;
import static dev.jfilter.cbpf.Opcodes.LDX;
import static dev.jfilter.cbpf.Opcodes.MEM;
import static dev.jfilter.cbpf.Opcodes.RET;
import static dev.jfilter.cbpf.Opcodes.ST;
import static dev.jfilter.cbpf.Opcodes.STX;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.cbpf.validate.Problem.Kind;
import dev.jfilter.cfg.Ancillary;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a classic BPF program against the kernel's or libpcap's rules ({@link RuleSet}). The result is the list of
 * problems, empty exactly when that checker accepts the program. Where the kernel stops at the first problem, this
 * reports them all.
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c,
 *     bpf_check_classic and check_load_and_stores</a>
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/bpf_filter.c">libpcap bpf_filter.c,
 *     pcap_validate_filter</a>
 */
public final class Validator {
    private Validator() {}

    /** The problems the kernel's {@code SO_ATTACH_FILTER} check finds; empty if it accepts the program. */
    public static List<Problem> kernel(CbpfProgram program) {
        return validate(program, RuleSet.LINUX_KERNEL);
    }

    /** The problems libpcap's {@code bpf_validate()} finds; empty if it accepts the program. */
    public static List<Problem> libpcap(CbpfProgram program) {
        return validate(program, RuleSet.LIBPCAP);
    }

    /** The problems under {@code rules}; empty if that checker accepts the program. */
    public static List<Problem> validate(CbpfProgram program, RuleSet rules) {
        return switch (rules) {
            case LINUX_KERNEL -> checkKernel(program.instructions());
            case LIBPCAP -> checkLibpcap(program.instructions());
        };
    }

    private static List<Problem> checkKernel(List<SockFilter> code) {
        List<Problem> problems = new ArrayList<>();
        int n = code.size();
        if (n == 0 || n > Opcodes.MAX_INSNS) {
            problems.add(new Problem(-1, Kind.LENGTH,
                    "the program has " + n + " instructions; the kernel accepts 1 to " + Opcodes.MAX_INSNS));
        }
        boolean jumpsInRange = true;
        for (int pc = 0; pc < n; pc++) {
            SockFilter f = code.get(pc);
            int c = f.code();
            if (!Opcodes.isKnown(c)) {
                problems.add(unknownOpcode(pc, c));
                continue;
            }
            long k = Integer.toUnsignedLong(f.k());
            switch (Opcodes.classOf(c)) {
                case ALU -> {
                    int op = Opcodes.opOf(c);
                    if (Opcodes.srcOf(c) == K && (op == Opcodes.DIV || op == Opcodes.MOD) && k == 0) {
                        problems.add(divisionByZero(pc, op));
                    }
                    if (Opcodes.srcOf(c) == K && (op == Opcodes.LSH || op == Opcodes.RSH) && k >= 32) {
                        problems.add(new Problem(pc, Kind.SHIFT_OUT_OF_RANGE,
                                "shift by " + k + ": the kernel accepts constant shifts of 0 to 31"));
                    }
                }
                case LD, LDX, ST, STX -> {
                    int cls = Opcodes.classOf(c);
                    if ((cls == ST || cls == STX || Opcodes.modeOf(c) == MEM) && k >= Opcodes.MEMWORDS) {
                        problems.add(scratchOutOfRange(pc, k));
                    }
                    if (cls == LD && Opcodes.modeOf(c) == ABS
                            && k >= Integer.toUnsignedLong(Opcodes.SKF_AD_OFF)
                            && Ancillary.ofAbsoluteOffset(f.k()).isEmpty()) {
                        problems.add(new Problem(pc, Kind.UNKNOWN_ANCILLARY,
                                "offset SKF_AD_OFF+" + (k - Integer.toUnsignedLong(Opcodes.SKF_AD_OFF))
                                        + " names no ancillary field"));
                    }
                }
                case JMP -> {
                    if (Opcodes.opOf(c) == Opcodes.JA) {
                        // The kernel reads k unsigned: a "backward" offset is a huge forward one.
                        if (k >= n - pc - 1) {
                            jumpsInRange = false;
                            problems.add(f.k() < 0
                                    ? new Problem(pc, Kind.BACKWARD_JUMP,
                                            "ja goes backwards to " + (pc + 1 + f.k())
                                                    + "; the kernel accepts forward jumps only")
                                    : new Problem(pc, Kind.JUMP_OUT_OF_RANGE,
                                            "ja to " + (pc + 1 + k) + " is past the last instruction " + (n - 1)));
                        }
                    } else {
                        jumpsInRange &= checkConditionalTargets(pc, f, n, problems);
                    }
                }
                default -> { }
            }
        }
        if (n > 0 && !isReturn(code.get(n - 1).code())) {
            problems.add(noFinalReturn(n - 1));
        }
        if (jumpsInRange && n > 0) {
            checkLoadsAndStores(code, problems);
        }
        return List.copyOf(problems);
    }

    /**
     * The kernel's {@code check_load_and_stores()}: one pass in program order, a bit per scratch word for "written on
     * every path here". A jump narrows its targets' sets and leaves the next instruction with all bits; a return
     * does not reset it, so code after a return inherits what the return saw, as in the kernel.
     */
    private static void checkLoadsAndStores(List<SockFilter> code, List<Problem> problems) {
        int n = code.size();
        int[] masks = new int[n];
        java.util.Arrays.fill(masks, 0xffff);
        int valid = 0;
        for (int pc = 0; pc < n; pc++) {
            SockFilter f = code.get(pc);
            valid &= masks[pc];
            int c = f.code();
            if (!Opcodes.isKnown(c)) {
                continue;
            }
            long k = Integer.toUnsignedLong(f.k());
            int cls = Opcodes.classOf(c);
            if ((cls == ST || cls == STX) && k < Opcodes.MEMWORDS) {
                valid |= 1 << k;
            } else if ((cls == LD || cls == LDX) && Opcodes.modeOf(c) == MEM && k < Opcodes.MEMWORDS) {
                if ((valid & (1 << k)) == 0) {
                    problems.add(new Problem(pc, Kind.UNINITIALIZED_SCRATCH,
                            "M[" + k + "] is read before it is written on every path to here"));
                }
            } else if (cls == JMP) {
                if (Opcodes.opOf(c) == Opcodes.JA) {
                    masks[pc + 1 + f.k()] &= valid;
                } else {
                    masks[pc + 1 + f.jt()] &= valid;
                    masks[pc + 1 + f.jf()] &= valid;
                }
                valid = 0xffff;
            }
        }
    }

    private static List<Problem> checkLibpcap(List<SockFilter> code) {
        List<Problem> problems = new ArrayList<>();
        int n = code.size();
        if (n < 1) {
            problems.add(new Problem(-1, Kind.LENGTH, "the program is empty"));
            return List.copyOf(problems);
        }
        for (int i = 0; i < n; i++) {
            SockFilter f = code.get(i);
            int c = f.code();
            long k = Integer.toUnsignedLong(f.k());
            switch (Opcodes.classOf(c)) {
                case LD, LDX -> {
                    switch (Opcodes.modeOf(c)) {
                        case Opcodes.IMM, Opcodes.ABS, Opcodes.IND, Opcodes.MSH, Opcodes.LEN -> { }
                        case MEM -> {
                            if (k >= Opcodes.MEMWORDS) {
                                problems.add(scratchOutOfRange(i, k));
                            }
                        }
                        default -> problems.add(unknownOpcode(i, c));
                    }
                }
                case ST, STX -> {
                    if (k >= Opcodes.MEMWORDS) {
                        problems.add(scratchOutOfRange(i, k));
                    }
                }
                case ALU -> {
                    int op = Opcodes.opOf(c);
                    switch (op) {
                        case Opcodes.ADD, Opcodes.SUB, Opcodes.MUL, Opcodes.OR, Opcodes.AND, Opcodes.XOR,
                             Opcodes.LSH, Opcodes.RSH, Opcodes.NEG -> { }
                        case Opcodes.DIV, Opcodes.MOD -> {
                            if (Opcodes.srcOf(c) == K && k == 0) {
                                problems.add(divisionByZero(i, op));
                            }
                        }
                        default -> problems.add(unknownOpcode(i, c));
                    }
                }
                case JMP -> {
                    // libpcap adds in 32-bit unsigned arithmetic, so a ja may wrap around to a backward target.
                    long from = i + 1;
                    switch (Opcodes.opOf(c)) {
                        case Opcodes.JA -> {
                            if (((from + k) & 0xffffffffL) >= n) {
                                problems.add(new Problem(i, Kind.JUMP_OUT_OF_RANGE,
                                        "ja to " + (from + f.k()) + " is outside the program (0 to " + (n - 1) + ")"));
                            }
                        }
                        case Opcodes.JEQ, Opcodes.JGT, Opcodes.JGE, Opcodes.JSET ->
                                checkConditionalTargets(i, f, n, problems);
                        default -> problems.add(unknownOpcode(i, c));
                    }
                }
                case RET, Opcodes.MISC -> { }
                default -> problems.add(unknownOpcode(i, c));
            }
        }
        if (Opcodes.classOf(code.get(n - 1).code()) != RET) {
            problems.add(noFinalReturn(n - 1));
        }
        return List.copyOf(problems);
    }

    private static boolean checkConditionalTargets(int pc, SockFilter f, int n, List<Problem> problems) {
        boolean ok = true;
        if (pc + f.jt() + 1 >= n) {
            problems.add(new Problem(pc, Kind.JUMP_OUT_OF_RANGE,
                    "jt " + (pc + 1 + f.jt()) + " is past the last instruction " + (n - 1)));
            ok = false;
        }
        if (pc + f.jf() + 1 >= n) {
            problems.add(new Problem(pc, Kind.JUMP_OUT_OF_RANGE,
                    "jf " + (pc + 1 + f.jf()) + " is past the last instruction " + (n - 1)));
            ok = false;
        }
        return ok;
    }

    private static boolean isReturn(int code) {
        return code == (RET | K) || code == (RET | Opcodes.A);
    }

    private static Problem unknownOpcode(int pc, int code) {
        return new Problem(pc, Kind.UNKNOWN_OPCODE, "opcode 0x" + Integer.toHexString(code) + " is not an instruction");
    }

    private static Problem divisionByZero(int pc, int op) {
        return new Problem(pc, Kind.DIVISION_BY_ZERO,
                (op == Opcodes.DIV ? "division" : "modulo") + " by the constant 0");
    }

    private static Problem scratchOutOfRange(int pc, long k) {
        return new Problem(pc, Kind.SCRATCH_OUT_OF_RANGE,
                "scratch word M[" + k + "] does not exist: there are " + Opcodes.MEMWORDS + ", M[0] to M[15]");
    }

    private static Problem noFinalReturn(int pc) {
        return new Problem(pc, Kind.NO_FINAL_RETURN, "the last instruction does not return");
    }
}
