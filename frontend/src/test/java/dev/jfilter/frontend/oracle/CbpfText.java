package dev.jfilter.frontend.oracle;

import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.AncillarySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A classic BPF program in {@code tcpdump -d} text (as libpcap's test suite stores master's expected programs),
 * and an interpreter with {@code bpf_filter}'s semantics, backward jumps included ({@code protochain}), and Linux
 * ancillary loads ({@code ldb [vlanp]}, {@code ldh [type]}, as bpf_image.c names them) from packet metadata. It lets
 * the tests run libpcap master's programs, where the system library is 1.10.3.
 */
public final class CbpfText {
    private static final Pattern LINE = Pattern.compile(
            "\\((\\d+)\\)\\s+(\\S+)\\s*(.*?)\\s*(?:jt\\s+(\\d+)\\s+jf\\s+(\\d+))?\\s*(?:;.*)?$");

    private enum Kind { LD, LDX, ST, STX, ALU, JMP, JA, RET, RETA, TAX, TXA, NEG }

    /** Where a load reads or an operation takes its operand. */
    private enum Mode { IMM, MEM, LEN, ABS, IND, MSH, X, ANC }

    /** bpf_image.c's names of the {@code SKF_AD_*} offsets. */
    private static final Map<String, Ancillary> ANCILLARY = Map.ofEntries(
            Map.entry("proto", Ancillary.PROTOCOL), Map.entry("type", Ancillary.PKTTYPE),
            Map.entry("ifidx", Ancillary.IFINDEX), Map.entry("nla", Ancillary.NLATTR),
            Map.entry("nlan", Ancillary.NLATTR_NEST), Map.entry("mark", Ancillary.MARK),
            Map.entry("queue", Ancillary.QUEUE), Map.entry("hatype", Ancillary.HATYPE),
            Map.entry("rxhash", Ancillary.RXHASH), Map.entry("cpu", Ancillary.CPU),
            Map.entry("xor_x", Ancillary.ALU_XOR_X), Map.entry("vlan_tci", Ancillary.VLAN_TAG),
            Map.entry("vlanp", Ancillary.VLAN_TAG_PRESENT), Map.entry("poff", Ancillary.PAY_OFFSET),
            Map.entry("random", Ancillary.RANDOM), Map.entry("vlan_tpid", Ancillary.VLAN_TPID));

    private record Insn(Kind kind, String op, Mode mode, int size, long k, int jt, int jf) {}

    private final Insn[] insns;
    private boolean lastEndedOnFault;
    /** The conditional-jump outcomes the runs so far took: bit {@code 2 * pc} for true, {@code 2 * pc + 1} for false. */
    private final java.util.BitSet outcomes = new java.util.BitSet();

    private CbpfText(List<Insn> insns) {
        this.insns = insns.toArray(new Insn[0]);
    }

    /** Parses the listing, one instruction a line. */
    public static CbpfText parse(List<String> lines) {
        List<Insn> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot read: " + line);
            }
            String op = m.group(2);
            String arg = m.group(3).strip();
            int jt = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
            int jf = m.group(5) == null ? -1 : Integer.parseInt(m.group(5));
            out.add(switch (op) {
                case "ld", "ldh", "ldb" -> load(Kind.LD, op, arg, op.equals("ld") ? 4 : op.equals("ldh") ? 2 : 1);
                case "ldx", "ldxb" -> load(Kind.LDX, op, arg, 4);
                case "st" -> new Insn(Kind.ST, op, Mode.MEM, 0, slot(arg), -1, -1);
                case "stx" -> new Insn(Kind.STX, op, Mode.MEM, 0, slot(arg), -1, -1);
                case "add", "sub", "mul", "div", "mod", "and", "or", "xor", "lsh", "rsh" ->
                        arg.equals("x") ? new Insn(Kind.ALU, op, Mode.X, 0, 0, -1, -1)
                                : new Insn(Kind.ALU, op, Mode.IMM, 0, imm(arg), -1, -1);
                case "jeq", "jgt", "jge", "jset" ->
                        arg.equals("x") ? new Insn(Kind.JMP, op, Mode.X, 0, 0, jt, jf)
                                : new Insn(Kind.JMP, op, Mode.IMM, 0, imm(arg), jt, jf);
                case "ja", "jmp" -> new Insn(Kind.JA, op, Mode.IMM, 0, Long.parseLong(arg), -1, -1);
                case "ret" -> arg.isEmpty() || arg.equals("a") ? new Insn(Kind.RETA, op, Mode.X, 0, 0, -1, -1)
                        : new Insn(Kind.RET, op, Mode.IMM, 0, imm(arg), -1, -1);
                case "tax" -> new Insn(Kind.TAX, op, Mode.X, 0, 0, -1, -1);
                case "txa" -> new Insn(Kind.TXA, op, Mode.X, 0, 0, -1, -1);
                case "neg" -> new Insn(Kind.NEG, op, Mode.X, 0, 0, -1, -1);
                default -> throw new IllegalArgumentException("unknown instruction " + op + " in " + line);
            });
        }
        return new CbpfText(out);
    }

    private static Insn load(Kind kind, String op, String arg, int size) {
        if (arg.equals("#pktlen") || arg.equals("len")) {
            return new Insn(kind, op, Mode.LEN, size, 0, -1, -1);
        }
        if (arg.startsWith("4*([")) {
            return new Insn(kind, op, Mode.MSH, 1, Long.parseLong(arg.substring(4, arg.indexOf(']'))), -1, -1);
        }
        if (arg.startsWith("#")) {
            return new Insn(kind, op, Mode.IMM, size, imm(arg), -1, -1);
        }
        if (arg.startsWith("M[")) {
            return new Insn(kind, op, Mode.MEM, size, slot(arg), -1, -1);
        }
        if (arg.startsWith("[x + ")) {
            // Offsets are unsigned 32-bit; bpf_image prints them signed ([x + -4088] past an ancillary field).
            return new Insn(kind, op, Mode.IND, size,
                    Long.parseLong(arg.substring(5, arg.length() - 1)) & 0xffffffffL, -1, -1);
        }
        if (arg.startsWith("[") && ANCILLARY.containsKey(arg.substring(1, arg.length() - 1))) {
            return new Insn(kind, op, Mode.ANC, size, ANCILLARY.get(arg.substring(1, arg.length() - 1)).ordinal(),
                    -1, -1);
        }
        if (arg.startsWith("[")) {
            return new Insn(kind, op, Mode.ABS, size,
                    Long.parseLong(arg.substring(1, arg.length() - 1)) & 0xffffffffL, -1, -1);
        }
        throw new IllegalArgumentException(op + " " + arg);
    }

    private static int slot(String arg) {
        return Integer.parseInt(arg.substring(2, arg.length() - 1));
    }

    private static long imm(String arg) {
        String s = arg.startsWith("#") ? arg.substring(1) : arg;
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** The program's return value, or -1 if it ran more than a million instructions. */
    public long run(byte[] p, int wireLength) {
        return run(p, wireLength, new int[1]);
    }

    /**
     * The program's return value, or -1 if it ran more than a million instructions; {@code backwardJumps[0]} counts
     * the backward jumps taken (the turns of {@code protochain}'s loop).
     */
    public long run(byte[] p, int wireLength, int[] backwardJumps) {
        return run(p, wireLength, AncillarySource.NONE, backwardJumps);
    }

    /**
     * As {@link #run(byte[], int, int[])}, with the packet's metadata: an ancillary load takes its value from
     * {@code metadata}, and without one ends the program with 0, as {@code bpf_filter} without auxiliary data does.
     */
    public long run(byte[] p, int wireLength, AncillarySource metadata, int[] backwardJumps) {
        lastEndedOnFault = true; // every "return 0" below but a ret instruction is a fault
        return exec(p, wireLength, metadata, backwardJumps);
    }

    /**
     * Whether the last {@link #run} ended on a fault (a load past the captured bytes, a division by zero) rather
     * than on a {@code ret} instruction.
     */
    public boolean lastEndedOnFault() {
        return lastEndedOnFault;
    }

    /**
     * The conditional jumps (by instruction index, and whether true or false) that no run so far took, as
     * {@code "(003) jt"}; for checking that a corpus exercises every branch of a program. A test of a constant
     * loaded just before it is left out.
     */
    public List<String> untakenBranches() {
        List<String> out = new ArrayList<>();
        for (int pc = 0; pc < insns.length; pc++) {
            // A test of a constant (ld #k just before) can go one way only.
            boolean constant = pc > 0 && insns[pc - 1].kind() == Kind.LD && insns[pc - 1].mode() == Mode.IMM;
            if (insns[pc].kind() == Kind.JMP && !constant) {
                for (int side = 0; side < 2; side++) {
                    if (!outcomes.get(2 * pc + side)) {
                        out.add(String.format("(%03d) %s", pc, side == 0 ? "jt" : "jf"));
                    }
                }
            }
        }
        return out;
    }

    private long exec(byte[] p, int wireLength, AncillarySource metadata, int[] backwardJumps) {
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        int pc = 0;
        long buflen = p.length;
        for (int steps = 0; steps < 1_000_000; steps++) {
            Insn i = insns[pc];
            int k = (int) i.k();
            switch (i.kind()) {
                case RET -> {
                    lastEndedOnFault = false;
                    return i.k();
                }
                case RETA -> {
                    lastEndedOnFault = false;
                    return Integer.toUnsignedLong(a);
                }
                case LD, LDX -> {
                    int v;
                    switch (i.mode()) {
                        case LEN -> v = wireLength;
                        case IMM -> v = k;
                        case MEM -> v = mem[k];
                        case ABS, IND -> {
                            // k is unsigned: tcpdump -d prints offsets libpcap left unset (OFFSET_NOT_SET) negative.
                            long off = Integer.toUnsignedLong(k) + (i.mode() == Mode.IND ? Integer.toUnsignedLong(x) : 0);
                            if (off + i.size() > buflen) {
                                return 0;
                            }
                            v = 0;
                            for (int j = 0; j < i.size(); j++) {
                                v = (v << 8) | (p[(int) off + j] & 0xff);
                            }
                        }
                        case MSH -> {
                            if (Integer.toUnsignedLong(k) >= buflen) {
                                return 0;
                            }
                            v = (p[k] & 0xf) << 2;
                        }
                        case ANC -> {
                            OptionalInt value = metadata.value(Ancillary.values()[k]);
                            if (value.isEmpty()) {
                                return 0;
                            }
                            v = value.getAsInt();
                        }
                        default -> throw new IllegalStateException();
                    }
                    if (i.kind() == Kind.LD) {
                        a = v;
                    } else {
                        x = v;
                    }
                }
                case ST -> mem[k] = a;
                case STX -> mem[k] = x;
                case TAX -> x = a;
                case TXA -> a = x;
                case NEG -> a = -a;
                case ALU -> {
                    int o = i.mode() == Mode.X ? x : k;
                    switch (i.op()) {
                        case "add" -> a += o;
                        case "sub" -> a -= o;
                        case "mul" -> a *= o;
                        case "div" -> {
                            if (o == 0) {
                                return 0;
                            }
                            a = Integer.divideUnsigned(a, o);
                        }
                        case "mod" -> {
                            if (o == 0) {
                                return 0;
                            }
                            a = Integer.remainderUnsigned(a, o);
                        }
                        case "and" -> a &= o;
                        case "or" -> a |= o;
                        case "xor" -> a ^= o;
                        case "lsh" -> a = Integer.compareUnsigned(o, 32) >= 0 ? 0 : a << o;
                        case "rsh" -> a = Integer.compareUnsigned(o, 32) >= 0 ? 0 : a >>> o;
                        default -> throw new IllegalStateException();
                    }
                }
                case JA -> {
                    if (k <= pc) {
                        backwardJumps[0]++;
                    }
                    pc = k;
                    continue;
                }
                case JMP -> {
                    int o = i.mode() == Mode.X ? x : k;
                    boolean t = switch (i.op()) {
                        case "jeq" -> a == o;
                        case "jgt" -> Integer.compareUnsigned(a, o) > 0;
                        case "jge" -> Integer.compareUnsigned(a, o) >= 0;
                        default -> (a & o) != 0;
                    };
                    outcomes.set(2 * pc + (t ? 0 : 1));
                    pc = t ? i.jt() : i.jf();
                    continue;
                }
            }
            pc++;
        }
        lastEndedOnFault = false;
        return -1;
    }
}
