package dev.jfilter.frontend.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A classic BPF program in {@code tcpdump -d} text (as libpcap's test suite stores master's expected programs),
 * and an interpreter with {@code bpf_filter}'s semantics, backward jumps included ({@code protochain}). It lets the
 * tests run libpcap master's programs, where the system library is 1.10.3.
 */
public final class CbpfText {
    private static final Pattern LINE = Pattern.compile(
            "\\((\\d+)\\)\\s+(\\S+)\\s*(.*?)\\s*(?:jt\\s+(\\d+)\\s+jf\\s+(\\d+))?\\s*(?:;.*)?$");

    private enum Kind { LD, LDX, ST, STX, ALU, JMP, JA, RET, TAX, TXA, NEG }

    private record Insn(Kind kind, String op, String arg, int jt, int jf) {}

    private final List<Insn> insns;

    private CbpfText(List<Insn> insns) {
        this.insns = insns;
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
            Kind kind = switch (op) {
                case "ld", "ldh", "ldb" -> Kind.LD;
                case "ldx", "ldxb" -> Kind.LDX;
                case "st" -> Kind.ST;
                case "stx" -> Kind.STX;
                case "add", "sub", "mul", "div", "mod", "and", "or", "xor", "lsh", "rsh" -> Kind.ALU;
                case "jeq", "jgt", "jge", "jset" -> Kind.JMP;
                case "ja", "jmp" -> Kind.JA;
                case "ret" -> Kind.RET;
                case "tax" -> Kind.TAX;
                case "txa" -> Kind.TXA;
                case "neg" -> Kind.NEG;
                default -> throw new IllegalArgumentException("unknown instruction " + op + " in " + line);
            };
            out.add(new Insn(kind, op, arg, jt, jf));
        }
        return new CbpfText(out);
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
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        int pc = 0;
        long buflen = p.length;
        for (int steps = 0; steps < 1_000_000; steps++) {
            Insn i = insns.get(pc);
            switch (i.kind()) {
                case RET -> {
                    return i.arg().isEmpty() || i.arg().equals("a") ? Integer.toUnsignedLong(a) : imm(i.arg());
                }
                case LD -> {
                    String arg = i.arg();
                    int size = i.op().equals("ld") ? 4 : i.op().equals("ldh") ? 2 : 1;
                    if (arg.equals("#pktlen") || arg.equals("len")) {
                        a = wireLength;
                    } else if (arg.startsWith("#")) {
                        a = (int) imm(arg);
                    } else if (arg.startsWith("M[")) {
                        a = mem[Integer.parseInt(arg.substring(2, arg.length() - 1))];
                    } else if (arg.startsWith("[x + ")) {
                        long k = Integer.toUnsignedLong(x) + Long.parseLong(arg.substring(5, arg.length() - 1));
                        if (k + size > buflen) {
                            return 0;
                        }
                        a = load(p, (int) k, size);
                    } else if (arg.startsWith("[")) {
                        long k = Long.parseLong(arg.substring(1, arg.length() - 1));
                        if (k < 0 || k + size > buflen) {
                            return 0;
                        }
                        a = load(p, (int) k, size);
                    } else {
                        throw new IllegalArgumentException("ld " + arg);
                    }
                }
                case LDX -> {
                    String arg = i.arg();
                    if (arg.startsWith("4*([")) {
                        long k = Long.parseLong(arg.substring(4, arg.indexOf(']')));
                        if (k >= buflen) {
                            return 0;
                        }
                        x = (p[(int) k] & 0xf) << 2;
                    } else if (arg.equals("#pktlen") || arg.equals("len")) {
                        x = wireLength;
                    } else if (arg.startsWith("#")) {
                        x = (int) imm(arg);
                    } else if (arg.startsWith("M[")) {
                        x = mem[Integer.parseInt(arg.substring(2, arg.length() - 1))];
                    } else {
                        throw new IllegalArgumentException("ldx " + arg);
                    }
                }
                case ST -> mem[Integer.parseInt(i.arg().substring(2, i.arg().length() - 1))] = a;
                case STX -> mem[Integer.parseInt(i.arg().substring(2, i.arg().length() - 1))] = x;
                case TAX -> x = a;
                case TXA -> a = x;
                case NEG -> a = -a;
                case ALU -> {
                    int k = i.arg().equals("x") ? x : (int) imm(i.arg());
                    switch (i.op()) {
                        case "add" -> a += k;
                        case "sub" -> a -= k;
                        case "mul" -> a *= k;
                        case "div" -> {
                            if (k == 0) {
                                return 0;
                            }
                            a = Integer.divideUnsigned(a, k);
                        }
                        case "mod" -> {
                            if (k == 0) {
                                return 0;
                            }
                            a = Integer.remainderUnsigned(a, k);
                        }
                        case "and" -> a &= k;
                        case "or" -> a |= k;
                        case "xor" -> a ^= k;
                        case "lsh" -> a = Integer.compareUnsigned(k, 32) >= 0 ? 0 : a << k;
                        case "rsh" -> a = Integer.compareUnsigned(k, 32) >= 0 ? 0 : a >>> k;
                        default -> throw new IllegalStateException();
                    }
                }
                case JA -> {
                    int target = Integer.parseInt(i.arg());
                    if (target <= pc) {
                        backwardJumps[0]++;
                    }
                    pc = target;
                    continue;
                }
                case JMP -> {
                    int k = i.arg().equals("x") ? x : (int) imm(i.arg());
                    boolean t = switch (i.op()) {
                        case "jeq" -> a == k;
                        case "jgt" -> Integer.compareUnsigned(a, k) > 0;
                        case "jge" -> Integer.compareUnsigned(a, k) >= 0;
                        default -> (a & k) != 0;
                    };
                    pc = t ? i.jt() : i.jf();
                    continue;
                }
            }
            pc++;
        }
        return -1;
    }

    private static int load(byte[] p, int k, int size) {
        int v = 0;
        for (int j = 0; j < size; j++) {
            v = (v << 8) | (p[k + j] & 0xff);
        }
        return v;
    }
}
