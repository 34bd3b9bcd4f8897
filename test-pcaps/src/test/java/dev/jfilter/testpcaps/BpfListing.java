package dev.jfilter.testpcaps;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a classic BPF program in {@code tcpdump -d} form ({@code (004) jeq #0x800 jt 5 jf 9}), as libpcap's test
 * suite stores its expected programs, into {@code {code, jt, jf, k}} instructions for the oracle's {@code run}
 * command. Only what this module's tests need: the instruction forms of {@code bpf_image.c} for loads, stores, ALU,
 * jumps and returns (no ancillary loads).
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/bpf_image.c">bpf_image.c</a>
 */
final class BpfListing {
    private static final Pattern LINE = Pattern.compile("\\((\\d+)\\)\\s+(\\S+)\\s*(.*?)\\s*");
    private static final Pattern JUMP = Pattern.compile("(\\S+)\\s+jt (\\d+)\\s+jf (\\d+)");
    private static final Pattern ABS = Pattern.compile("\\[(\\d+)]");
    private static final Pattern IND = Pattern.compile("\\[x \\+ (-?\\d+)]");
    private static final Pattern MEM = Pattern.compile("M\\[(\\d+)]");
    private static final Pattern MSH = Pattern.compile("4\\*\\(\\[(\\d+)]&0xf\\)");

    private static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06,
            MISC = 0x07;
    private static final int W = 0x00, H = 0x08, B = 0x10;
    private static final int IMM = 0x00, ABS_MODE = 0x20, IND_MODE = 0x40, MEM_MODE = 0x60, LEN = 0x80, MSH_MODE = 0xa0;
    private static final int SRC_X = 0x08, RET_A = 0x10;

    private BpfListing() {
    }

    /** The instructions of {@code lines}, in order; throws on a line it cannot read. */
    static List<int[]> parse(List<String> lines) {
        List<int[]> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches() || Integer.parseInt(m.group(1)) != out.size()) {
                throw new IllegalArgumentException("not a listing line: " + line);
            }
            out.add(instruction(out.size(), m.group(2), m.group(3), line));
        }
        return out;
    }

    private static int[] instruction(int pc, String op, String arg, String line) {
        return switch (op) {
            case "ld", "ldh", "ldb" -> load(LD | size(op.substring(2)), arg, line);
            case "ldx" -> load(LDX | W, arg, line);
            case "ldxb" -> {
                Matcher m = MSH.matcher(arg);
                if (!m.matches()) {
                    throw new IllegalArgumentException(line);
                }
                yield new int[] {LDX | B | MSH_MODE, 0, 0, Integer.parseInt(m.group(1))};
            }
            case "st", "stx" -> {
                Matcher m = MEM.matcher(arg);
                if (!m.matches()) {
                    throw new IllegalArgumentException(line);
                }
                yield new int[] {op.equals("st") ? ST : STX, 0, 0, Integer.parseInt(m.group(1))};
            }
            case "add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "mod", "xor" -> {
                int code = ALU | aluOp(op);
                yield arg.equals("x") ? new int[] {code | SRC_X, 0, 0, 0} : new int[] {code, 0, 0, immediate(arg)};
            }
            case "neg" -> new int[] {ALU | 0x80, 0, 0, 0};
            case "tax" -> new int[] {MISC, 0, 0, 0};
            case "txa" -> new int[] {MISC | 0x80, 0, 0, 0};
            case "ret" -> arg.equals("a") || arg.equals("A") ? new int[] {RET | RET_A, 0, 0, 0}
                    : new int[] {RET, 0, 0, immediate(arg)};
            case "ja", "jmp" -> new int[] {JMP, 0, 0, Integer.parseInt(arg) - pc - 1};
            case "jeq", "jgt", "jge", "jset" -> {
                Matcher m = JUMP.matcher(arg);
                if (!m.matches()) {
                    throw new IllegalArgumentException(line);
                }
                int cond = switch (op) {
                    case "jeq" -> 0x10;
                    case "jgt" -> 0x20;
                    case "jge" -> 0x30;
                    default -> 0x40;
                };
                int jt = Integer.parseInt(m.group(2)) - pc - 1;
                int jf = Integer.parseInt(m.group(3)) - pc - 1;
                yield m.group(1).equals("x") ? new int[] {JMP | cond | SRC_X, jt, jf, 0}
                        : new int[] {JMP | cond, jt, jf, immediate(m.group(1))};
            }
            default -> throw new IllegalArgumentException("unknown instruction: " + line);
        };
    }

    private static int[] load(int code, String arg, String line) {
        Matcher m;
        if (arg.equals("#pktlen") || arg.equals("len")) {
            return new int[] {code & 0x03 | LEN, 0, 0, 0};
        }
        if (arg.startsWith("#")) {
            return new int[] {code | IMM, 0, 0, immediate(arg)};
        }
        if ((m = ABS.matcher(arg)).matches()) {
            return new int[] {code | ABS_MODE, 0, 0, Integer.parseInt(m.group(1))};
        }
        if ((m = IND.matcher(arg)).matches()) {
            return new int[] {code | IND_MODE, 0, 0, Integer.parseInt(m.group(1))};
        }
        if ((m = MEM.matcher(arg)).matches()) {
            return new int[] {(code & 0x03) | MEM_MODE, 0, 0, Integer.parseInt(m.group(1))};
        }
        throw new IllegalArgumentException("unknown operand: " + line);
    }

    private static int size(String suffix) {
        return switch (suffix) {
            case "" -> W;
            case "h" -> H;
            case "b" -> B;
            default -> throw new IllegalArgumentException(suffix);
        };
    }

    private static int aluOp(String op) {
        return switch (op) {
            case "add" -> 0x00;
            case "sub" -> 0x10;
            case "mul" -> 0x20;
            case "div" -> 0x30;
            case "or" -> 0x40;
            case "and" -> 0x50;
            case "lsh" -> 0x60;
            case "rsh" -> 0x70;
            case "mod" -> 0x90;
            default -> 0xa0;
        };
    }

    private static int immediate(String arg) {
        String v = arg.startsWith("#") ? arg.substring(1) : arg;
        return v.startsWith("0x") ? Integer.parseUnsignedInt(v.substring(2), 16) : Integer.parseUnsignedInt(v);
    }
}
