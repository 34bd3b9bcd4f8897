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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tcpdump's listings back into programs: {@code -d} in both libpcap 1.10's and 1.11's {@link Dialect} (with
 * any spacing, and the {@code ; 0x0015} opcode comments of libpcap's test suite, which must match the opcode),
 * {@code -dd} and {@code -ddd} (also in the single-line bytecode form of iptables' {@code xt_bpf} and tc). Blank lines
 * are ignored. Every error names its line.
 *
 * <p>For a listing tcpdump printed, {@code Listing.format(parse(text)) == text}. A {@code -d} listing drops the
 * fields an opcode does not use, so they parse as 0; {@code unimp 0x..} keeps only the opcode.
 */
public final class ListingParser {
    private ListingParser() {}

    private static final Pattern IMAGE_LINE = Pattern.compile("\\s*\\((\\d+)\\)\\s+(\\S+)\\s*(.*?)\\s*");
    private static final Pattern OPCODE_COMMENT = Pattern.compile("(.*?)\\s*;\\s*(0x[0-9a-fA-F]+)\\s*");
    private static final Pattern JUMP_TARGETS = Pattern.compile("(.*?)\\s*\\bjt\\s+(-?\\d+)\\s+jf\\s+(-?\\d+)");
    private static final Pattern C_ARRAY_LINE = Pattern.compile(
            "\\{\\s*(\\w+)\\s*,\\s*(\\w+)\\s*,\\s*(\\w+)\\s*,\\s*(\\w+)\\s*},?\\s*");
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final Pattern SCRATCH = Pattern.compile("M\\[(-?\\d+)]");
    private static final Pattern INDIRECT = Pattern.compile("\\[x\\s*\\+\\s*(-?\\d+)]");
    private static final Pattern ABSOLUTE = Pattern.compile("\\[(-?\\d+)]");
    private static final Pattern NAMED = Pattern.compile("\\[([a-z_]+)]");
    private static final Pattern MSH_OPERAND = Pattern.compile("4\\s*\\*\\s*\\(\\s*\\[(-?\\d+)]\\s*&\\s*0xf\\s*\\)");

    private static final Map<String, Integer> ALU_OPS = Map.ofEntries(
            Map.entry("add", Opcodes.ADD), Map.entry("sub", Opcodes.SUB), Map.entry("mul", Opcodes.MUL),
            Map.entry("div", Opcodes.DIV), Map.entry("mod", Opcodes.MOD), Map.entry("and", Opcodes.AND),
            Map.entry("or", Opcodes.OR), Map.entry("xor", Opcodes.XOR), Map.entry("lsh", Opcodes.LSH),
            Map.entry("rsh", Opcodes.RSH));
    private static final Map<String, Integer> JUMP_OPS = Map.of(
            "jeq", Opcodes.JEQ, "jgt", Opcodes.JGT, "jge", Opcodes.JGE, "jset", Opcodes.JSET);
    private static final Map<String, Integer> LOAD_SIZES = Map.of("ld", W, "ldh", H, "ldb", B);

    /** Parses a listing in the given format. */
    public static ParseResult parse(String text, ListingFormat format) {
        return switch (format) {
            case IMAGE -> parseImage(text);
            case C_ARRAY -> parseCArray(text);
            case DECIMAL -> parseDecimal(text);
        };
    }

    /** Parses a {@code -d} listing, in either dialect. */
    public static ParseResult parseImage(String text) {
        List<SockFilter> out = new ArrayList<>();
        List<ListingError> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            int index = out.size() + errors.size();
            try {
                out.add(imageLine(line, index));
            } catch (BadLine e) {
                errors.add(new ListingError(i + 1, e.getMessage()));
            }
        }
        return result(out, errors);
    }

    /** Parses one {@code -d} line, which must be the instruction at {@code index}. */
    public static SockFilter parseImageLine(String line, int index) throws IllegalArgumentException {
        try {
            return imageLine(line, index);
        } catch (BadLine e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses a {@code -dd} listing: C initializers with numbers in decimal or {@code 0x} hex. */
    public static ParseResult parseCArray(String text) {
        List<SockFilter> out = new ArrayList<>();
        List<ListingError> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = C_ARRAY_LINE.matcher(line);
            try {
                if (!m.matches()) {
                    throw new BadLine("expected { code, jt, jf, k }, found \"" + line + "\"");
                }
                out.add(fields(cNumber(m.group(1), "code"), cNumber(m.group(2), "jt"), cNumber(m.group(3), "jf"),
                        cNumber(m.group(4), "k")));
            } catch (BadLine e) {
                errors.add(new ListingError(i + 1, e.getMessage()));
            }
        }
        return result(out, errors);
    }

    /**
     * Parses a {@code -ddd} listing: the count, then {@code code jt jf k} in decimal; the count must match. Accepts
     * tcpdump's form (one item a line) and the single-line bytecode form of iptables' {@code xt_bpf} and tc
     * ({@code 4,40 0 0 12,21 0 1 2048,...}, commas between items, a trailing comma allowed); commas and line breaks
     * may also be mixed. Blank items are ignored. Errors in a line with commas also name the column.
     */
    public static ParseResult parseDecimal(String text) {
        List<SockFilter> out = new ArrayList<>();
        List<ListingError> errors = new ArrayList<>();
        List<DecimalItem> items = decimalItems(text);
        long declared = -1;
        int countLine = 1;
        for (DecimalItem item : items) {
            try {
                String[] words = WORDS.split(item.text());
                if (declared < 0) {
                    countLine = item.line();
                    if (words.length != 1) {
                        declared = 0;
                        throw new BadLine("expected the instruction count, found \"" + item.text() + "\"");
                    }
                    declared = decimal(words[0], "the instruction count", 0, Integer.MAX_VALUE);
                    continue;
                }
                if (words.length != 4) {
                    throw new BadLine("expected code jt jf k, found \"" + item.text() + "\"");
                }
                out.add(fields(decimal(words[0], "code", 0, 0xffff), decimal(words[1], "jt", 0, 0xff),
                        decimal(words[2], "jf", 0, 0xff), decimal(words[3], "k", 0, 0xffffffffL)));
            } catch (BadLine e) {
                errors.add(new ListingError(item.line(), item.where() + e.getMessage()));
            }
        }
        if (declared < 0) {
            errors.add(new ListingError(1, "the listing is empty: expected the instruction count"));
        } else if (errors.isEmpty() && declared != out.size()) {
            errors.add(new ListingError(countLine,
                    "the count says " + declared + " instructions, but " + out.size() + " follow"));
        }
        return result(out, errors);
    }

    /**
     * For a {@code -ddd} listing that {@link #parseDecimal parses}, the 1-based line of each instruction, so
     * diagnostics about instruction {@code i} can name where it was written.
     */
    public static List<Integer> decimalInstructionLines(String text) {
        List<DecimalItem> items = decimalItems(text);
        List<Integer> lines = new ArrayList<>(Math.max(0, items.size() - 1));
        for (DecimalItem item : items.subList(Math.min(1, items.size()), items.size())) {
            lines.add(item.line());
        }
        return List.copyOf(lines);
    }

    /** One non-blank item of a {@code -ddd} listing; {@code column} is 0 in a listing without commas. */
    private record DecimalItem(int line, int column, String text) {
        String where() {
            return column == 0 ? "" : "column " + column + ": ";
        }
    }

    /** The non-blank items of a {@code -ddd} listing, split at line breaks and commas. */
    private static List<DecimalItem> decimalItems(String text) {
        boolean commas = text.indexOf(',') >= 0;
        List<DecimalItem> items = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c != ',' && c != '\n') {
                continue;
            }
            String raw = text.substring(start, i);
            String item = raw.strip();
            if (!item.isEmpty()) {
                int column = start - lineStart + raw.indexOf(item.charAt(0)) + 1;
                items.add(new DecimalItem(line, commas ? column : 0, item));
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            start = i + 1;
        }
        return items;
    }

    private static ParseResult result(List<SockFilter> out, List<ListingError> errors) {
        return errors.isEmpty() ? new ParseResult.Parsed(new CbpfProgram(out)) : new ParseResult.Failed(errors);
    }

    private static SockFilter imageLine(String line, int index) throws BadLine {
        Matcher m = IMAGE_LINE.matcher(line);
        if (!m.matches()) {
            throw new BadLine("expected \"(NNN) mnemonic operand\", found \"" + line + "\"");
        }
        long n = decimal(m.group(1), "the instruction number", 0, Integer.MAX_VALUE);
        if (n != index) {
            throw new BadLine("expected instruction (" + String.format("%03d", index) + "), found (" + m.group(1) + ")");
        }
        String op = m.group(2);
        String rest = m.group(3);
        Integer commentCode = null;
        Matcher comment = OPCODE_COMMENT.matcher(rest);
        if (comment.matches()) {
            rest = comment.group(1);
            commentCode = (int) hexNumber(comment.group(2), "the opcode comment", 0xffff);
        }
        int jt = 0;
        int jf = 0;
        boolean hasTargets = false;
        Matcher targets = JUMP_TARGETS.matcher(rest);
        if (targets.matches()) {
            hasTargets = true;
            rest = targets.group(1);
            jt = offset(decimal(targets.group(2), "the jt target", Integer.MIN_VALUE, Integer.MAX_VALUE), index, "jt");
            jf = offset(decimal(targets.group(3), "the jf target", Integer.MIN_VALUE, Integer.MAX_VALUE), index, "jf");
        }
        String operand = rest.strip();
        SockFilter f = instruction(op, operand, index, jt, jf);
        boolean conditional = Opcodes.classOf(f.code()) == JMP && Opcodes.opOf(f.code()) != Opcodes.JA;
        if (conditional && !hasTargets) {
            throw new BadLine(op + " needs jump targets: \"jt N  jf N\"");
        }
        if (!conditional && hasTargets) {
            throw new BadLine(op + " takes no jump targets");
        }
        if (commentCode != null && commentCode != f.code()) {
            throw new BadLine("the comment says opcode 0x" + Integer.toHexString(commentCode) + ", but " + op
                    + " " + operand + " is 0x" + Integer.toHexString(f.code()));
        }
        return f;
    }

    private static SockFilter instruction(String op, String operand, int index, int jt, int jf) throws BadLine {
        if (LOAD_SIZES.containsKey(op)) {
            int size = LOAD_SIZES.get(op);
            Matcher m;
            if ((m = INDIRECT.matcher(operand)).matches()) {
                return fields(LD | size | IND, 0, 0, signed(m.group(1), "the offset"));
            }
            if ((m = ABSOLUTE.matcher(operand)).matches()) {
                return fields(LD | size | ABS, 0, 0, signed(m.group(1), "the offset"));
            }
            if ((m = NAMED.matcher(operand)).matches()) {
                Optional<Ancillary> field = AncillaryNames.byName(m.group(1));
                if (field.isEmpty()) {
                    throw new BadLine("[" + m.group(1) + "] names no ancillary field");
                }
                return fields(LD | size | ABS, 0, 0, field.get().absoluteOffset());
            }
            if (size == W) {
                Optional<SockFilter> common = loadToRegister(LD, operand);
                if (common.isPresent()) {
                    return common.get();
                }
            }
            throw badOperand(op, operand);
        }
        switch (op) {
            case "ldx" -> {
                return loadToRegister(LDX, operand).orElseThrow(() -> badOperand(op, operand));
            }
            case "ldxb" -> {
                Matcher m = MSH_OPERAND.matcher(operand);
                if (!m.matches()) {
                    throw badOperand(op, operand);
                }
                return fields(LDX | B | MSH, 0, 0, signed(m.group(1), "the offset"));
            }
            case "st", "stx" -> {
                Matcher m = SCRATCH.matcher(operand);
                if (!m.matches()) {
                    throw badOperand(op, operand);
                }
                return fields(op.equals("st") ? ST : STX, 0, 0, signed(m.group(1), "the scratch index"));
            }
            case "ja" -> {
                long target = decimal(operand, "the ja target", Integer.MIN_VALUE, Integer.MAX_VALUE);
                return fields(JMP | Opcodes.JA, 0, 0, target - index - 1);
            }
            case "ret" -> {
                if (operand.isEmpty()) {
                    return fields(RET | A, 0, 0, 0);
                }
                return fields(RET | K, 0, 0, constant(op, operand));
            }
            case "neg", "tax", "txa" -> {
                if (!operand.isEmpty()) {
                    throw new BadLine(op + " takes no operand, found \"" + operand + "\"");
                }
                return fields(switch (op) {
                    case "neg" -> ALU | Opcodes.NEG;
                    case "tax" -> MISC | Opcodes.TAX;
                    default -> MISC | Opcodes.TXA;
                }, 0, 0, 0);
            }
            case "unimp" -> {
                int code = (int) hexNumber(operand, "the opcode", 0xffff);
                boolean conditional = Opcodes.classOf(code) == JMP && Opcodes.opOf(code) != Opcodes.JA;
                return fields(code, conditional ? jt : 0, conditional ? jf : 0, 0);
            }
            default -> { }
        }
        if (JUMP_OPS.containsKey(op)) {
            int base = JMP | JUMP_OPS.get(op);
            if (operand.equals("x")) {
                return fields(base | X, jt, jf, 0);
            }
            return fields(base | K, jt, jf, constant(op, operand));
        }
        if (ALU_OPS.containsKey(op)) {
            int base = ALU | ALU_OPS.get(op);
            if (operand.equals("x")) {
                return fields(base | X, 0, 0, 0);
            }
            return fields(base | K, 0, 0, constant(op, operand));
        }
        throw new BadLine("unknown mnemonic \"" + op + "\"");
    }

    /** The operands {@code ld} and {@code ldx} share: {@code #k}, {@code #pktlen}, {@code M[k]}. */
    private static Optional<SockFilter> loadToRegister(int cls, String operand) throws BadLine {
        if (operand.equals("#pktlen")) {
            return Optional.of(fields(cls | W | LEN, 0, 0, 0));
        }
        if (operand.startsWith("#")) {
            return Optional.of(fields(cls | IMM, 0, 0, constant(cls == LD ? "ld" : "ldx", operand)));
        }
        Matcher m = SCRATCH.matcher(operand);
        if (m.matches()) {
            return Optional.of(fields(cls | MEM, 0, 0, signed(m.group(1), "the scratch index")));
        }
        return Optional.empty();
    }

    /** A {@code #k} operand: {@code #0x..} in hex, otherwise signed or unsigned decimal, 32 bits. */
    private static long constant(String op, String operand) throws BadLine {
        if (!operand.startsWith("#")) {
            throw badOperand(op, operand);
        }
        String number = operand.substring(1);
        if (number.startsWith("0x") || number.startsWith("0X")) {
            return hexNumber(number, "the constant", 0xffffffffL);
        }
        return decimal(number, "the constant", Integer.MIN_VALUE, 0xffffffffL);
    }

    private static long signed(String text, String what) throws BadLine {
        return decimal(text, what, Integer.MIN_VALUE, 0xffffffffL);
    }

    private static int offset(long target, int index, String which) throws BadLine {
        long offset = target - index - 1;
        if (offset < 0 || offset > 0xff) {
            throw new BadLine(which + " " + target + " from instruction " + index + " is " + offset
                    + " instructions ahead; conditional jumps reach 0 to 255 ahead");
        }
        return (int) offset;
    }

    private static long decimal(String text, String what, long min, long max) throws BadLine {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadLine(what + " \"" + text + "\" is not a decimal number");
        }
        if (v < min || v > max) {
            throw new BadLine(what + " " + text + " is out of range " + min + " to " + max);
        }
        return v;
    }

    private static long hexNumber(String text, String what, long max) throws BadLine {
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new BadLine(what + " \"" + text + "\" is not a 0x hex number");
        }
        long v;
        try {
            v = Long.parseLong(text.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new BadLine(what + " \"" + text + "\" is not a hex number");
        }
        if (v < 0 || v > max) {
            throw new BadLine(what + " " + text + " does not fit in 0x" + Long.toHexString(max));
        }
        return v;
    }

    /** A C integer literal as {@code -dd} prints it: {@code 0x..} hex, or decimal. */
    private static long cNumber(String text, String what) throws BadLine {
        long max = switch (what) {
            case "code" -> 0xffff;
            case "jt", "jf" -> 0xff;
            default -> 0xffffffffL;
        };
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return hexNumber(text, what, max);
        }
        return decimal(text, what, 0, max);
    }

    private static SockFilter fields(long code, long jt, long jf, long k) {
        return new SockFilter((int) code, (int) jt, (int) jf, (int) k);
    }

    private static BadLine badOperand(String op, String operand) {
        return new BadLine(operand.isEmpty() ? op + " needs an operand" : op + " does not take \"" + operand + "\"");
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A line that does not parse; caught per line and turned into a {@link ListingError}. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }
}
