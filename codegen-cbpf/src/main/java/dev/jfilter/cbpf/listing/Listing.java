package dev.jfilter.cbpf.listing;

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
import dev.jfilter.cfg.Ancillary;
import java.util.Optional;

/**
 * Prints a program as tcpdump does with {@code -d}, {@code -dd} and {@code -ddd}: byte for byte libpcap's
 * {@code bpf_dump()} and {@code bpf_image()}, in the {@link Dialect} of libpcap 1.10 (tcpdump 4.99) unless told
 * otherwise. Every line ends with a newline. {@link ListingParser} reads these back.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_image.c">libpcap 1.10
 *     bpf_image.c</a>
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_dump.c">libpcap 1.10
 *     bpf_dump.c</a>
 */
public final class Listing {
    private Listing() {}

    /** The listing in libpcap 1.10's format, as tcpdump 4.99 prints it. */
    public static String format(CbpfProgram program, ListingFormat format) {
        return format(program, format, Dialect.LIBPCAP_1_10);
    }

    /** The listing; {@code dialect} matters for {@link ListingFormat#IMAGE} only. */
    public static String format(CbpfProgram program, ListingFormat format, Dialect dialect) {
        StringBuilder out = new StringBuilder();
        if (format == ListingFormat.DECIMAL) {
            out.append(program.size()).append('\n');
        }
        for (int i = 0; i < program.size(); i++) {
            SockFilter f = program.get(i);
            out.append(switch (format) {
                case IMAGE -> image(f, i, dialect);
                case C_ARRAY -> cArray(f);
                case DECIMAL -> decimal(f);
            }).append('\n');
        }
        return out.toString();
    }

    /** One {@code -dd} line: {@code { 0x28, 0, 0, 0x0000000c },}. */
    public static String cArray(SockFilter f) {
        return "{ 0x" + Integer.toHexString(f.code()) + ", " + f.jt() + ", " + f.jf() + ", 0x"
                + String.format("%08x", f.k()) + " },";
    }

    /** One {@code -ddd} instruction line: {@code 40 0 0 12}. */
    public static String decimal(SockFilter f) {
        return f.code() + " " + f.jt() + " " + f.jf() + " " + Integer.toUnsignedString(f.k());
    }

    /** One {@code -d} line for the instruction at {@code index}, as {@code bpf_image()} prints it. */
    public static String image(SockFilter f, int index, Dialect dialect) {
        int code = f.code();
        int k = f.k();
        String op;
        String operand;
        switch (code) {
            case RET | K -> {
                op = "ret";
                operand = "#" + k;
            }
            case RET | A -> {
                op = "ret";
                operand = "";
            }
            case LD | W | ABS -> {
                op = "ld";
                operand = absoluteOperand(k);
            }
            case LD | H | ABS -> {
                op = "ldh";
                operand = absoluteOperand(k);
            }
            case LD | B | ABS -> {
                op = "ldb";
                operand = absoluteOperand(k);
            }
            case LD | W | LEN -> {
                op = "ld";
                operand = "#pktlen";
            }
            case LD | W | IND -> {
                op = "ld";
                operand = "[x + " + k + "]";
            }
            case LD | H | IND -> {
                op = "ldh";
                operand = "[x + " + k + "]";
            }
            case LD | B | IND -> {
                op = "ldb";
                operand = "[x + " + k + "]";
            }
            case LD | IMM -> {
                op = "ld";
                operand = "#" + hex(k);
            }
            case LDX | IMM -> {
                op = "ldx";
                operand = "#" + hex(k);
            }
            case LDX | B | MSH -> {
                op = "ldxb";
                operand = "4*([" + k + "]&0xf)";
            }
            case LD | MEM -> {
                op = "ld";
                operand = "M[" + k + "]";
            }
            case LDX | MEM -> {
                op = "ldx";
                operand = "M[" + k + "]";
            }
            case ST -> {
                op = "st";
                operand = "M[" + k + "]";
            }
            case STX -> {
                op = "stx";
                operand = "M[" + k + "]";
            }
            case JMP | Opcodes.JA -> {
                op = "ja";
                operand = Integer.toString(index + 1 + k);
            }
            case JMP | Opcodes.JGT | K -> {
                op = "jgt";
                operand = "#" + hex(k);
            }
            case JMP | Opcodes.JGE | K -> {
                op = "jge";
                operand = "#" + hex(k);
            }
            case JMP | Opcodes.JEQ | K -> {
                op = "jeq";
                operand = "#" + hex(k);
            }
            case JMP | Opcodes.JSET | K -> {
                op = "jset";
                operand = "#" + hex(k);
            }
            case JMP | Opcodes.JGT | X -> {
                op = "jgt";
                operand = "x";
            }
            case JMP | Opcodes.JGE | X -> {
                op = "jge";
                operand = "x";
            }
            case JMP | Opcodes.JEQ | X -> {
                op = "jeq";
                operand = "x";
            }
            case JMP | Opcodes.JSET | X -> {
                op = "jset";
                operand = "x";
            }
            case MISC | Opcodes.TAX -> {
                op = "tax";
                operand = "";
            }
            case MISC | Opcodes.TXA -> {
                op = "txa";
                operand = "";
            }
            case ALU | Opcodes.NEG -> {
                op = "neg";
                operand = "";
            }
            default -> {
                Optional<String> alu = aluMnemonic(code);
                if (alu.isPresent()) {
                    op = alu.get();
                    operand = Opcodes.srcOf(code) == X ? "x" : aluConstant(code, k);
                } else if (code == (LDX | W | LEN) && dialect == Dialect.LIBPCAP_1_11) {
                    op = "ldx";
                    operand = "#pktlen";
                } else {
                    op = "unimp";
                    operand = "0x" + Integer.toHexString(code);
                }
            }
        }
        // bpf_image decides the layout from the class and op bits alone, so an unknown jump opcode gets jt/jf too.
        if (Opcodes.classOf(code) == JMP && Opcodes.opOf(code) != Opcodes.JA) {
            return String.format("(%03d) %-8s %-16s jt %d\tjf %d", index, op, operand, index + 1 + f.jt(),
                    index + 1 + f.jf());
        }
        if (dialect == Dialect.LIBPCAP_1_11 && operand.isEmpty()) {
            return String.format("(%03d) %s", index, op);
        }
        return String.format("(%03d) %-8s %s", index, op, operand);
    }

    private static String absoluteOperand(int k) {
        Optional<Ancillary> field = Ancillary.ofAbsoluteOffset(k);
        return field.map(a -> "[" + AncillaryNames.name(a) + "]").orElseGet(() -> "[" + k + "]");
    }

    /** The mnemonic of an ALU opcode with a {@code K} or {@code X} source, if it is one. */
    static Optional<String> aluMnemonic(int code) {
        if (Opcodes.classOf(code) != ALU || !Opcodes.isKnown(code) || Opcodes.opOf(code) == Opcodes.NEG) {
            return Optional.empty();
        }
        return Optional.of(switch (Opcodes.opOf(code)) {
            case Opcodes.ADD -> "add";
            case Opcodes.SUB -> "sub";
            case Opcodes.MUL -> "mul";
            case Opcodes.DIV -> "div";
            case Opcodes.MOD -> "mod";
            case Opcodes.AND -> "and";
            case Opcodes.OR -> "or";
            case Opcodes.XOR -> "xor";
            case Opcodes.LSH -> "lsh";
            case Opcodes.RSH -> "rsh";
            default -> throw new IllegalStateException("unexpected ALU op in 0x" + Integer.toHexString(code));
        });
    }

    /** libpcap prints the bitwise operations' constants in hex and the arithmetic ones in signed decimal. */
    private static String aluConstant(int code, int k) {
        return switch (Opcodes.opOf(code)) {
            case Opcodes.AND, Opcodes.OR, Opcodes.XOR -> "#" + hex(k);
            default -> "#" + k;
        };
    }

    private static String hex(int k) {
        return "0x" + Integer.toHexString(k);
    }
}
