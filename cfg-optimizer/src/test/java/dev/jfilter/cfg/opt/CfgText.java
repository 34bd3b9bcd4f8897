package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graphs written as {@link dev.jfilter.cfg.CfgPrinter} prints them, so pass tests read as before and after. The first
 * block is the entry unless another says {@code (entry)}; numbers may be decimal or hex.
 */
final class CfgText {
    private static final Pattern BLOCK = Pattern.compile("B(\\d+)( \\(entry\\))?:");
    private static final Pattern LOAD = Pattern.compile("(ld|ldh|ldb) \\[(x \\+ )?(\\w+)]");
    private static final Pattern BRANCH = Pattern.compile("(jeq|jgt|jge|jset) (#(\\w+)|x) +jt B(\\d+) +jf B(\\d+)");

    private CfgText() {}

    static Cfg parse(String text) {
        List<Block> blocks = new ArrayList<>();
        BlockId entry = null;
        BlockId current = null;
        List<Stmt> stmts = new ArrayList<>();
        for (String raw : text.strip().split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = BLOCK.matcher(line);
            if (m.matches()) {
                current = new BlockId(Integer.parseInt(m.group(1)));
                stmts = new ArrayList<>();
                if (entry == null || m.group(2) != null) {
                    entry = current;
                }
                continue;
            }
            Terminator t = terminator(line);
            if (t != null) {
                blocks.add(new Block(current, stmts, t));
            } else {
                stmts.add(statement(line));
            }
        }
        return Cfg.of(entry, blocks);
    }

    /** Runs {@code pass} alone and checks the result prints as {@code expected} and agrees with the input. */
    static Cfg assertRewrites(OptimizerPass pass, String before, String expected) {
        Cfg in = parse(before);
        Cfg out = pass.run(in, Reasoning.FULL);
        assertThat(dev.jfilter.cfg.CfgPrinter.print(out)).isEqualTo(dev.jfilter.cfg.CfgPrinter.print(parse(expected)));
        assertAgree(in, out);
        return out;
    }

    /** Runs {@code pass} alone and checks it leaves the graph as it is. */
    static void assertUnchanged(OptimizerPass pass, String program) {
        assertRewrites(pass, program, program);
    }

    /** Runs {@code pass} alone, both reasonings, and checks the result agrees with the input on random packets. */
    static void assertKeepsResults(OptimizerPass pass, String before) {
        Cfg in = parse(before);
        for (Reasoning reasoning : Reasoning.values()) {
            assertAgree(in, pass.run(in, reasoning));
        }
    }

    /** Checks the two graphs return the same on many random packets, short ones included. */
    static void assertAgree(Cfg a, Cfg b) {
        Random r = new Random(1);
        for (int i = 0; i < 3000; i++) {
            byte[] p = new byte[r.nextInt(90)];
            for (int j = 0; j < p.length; j++) {
                // Few distinct byte values, so equality tests go both ways.
                p[j] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
            }
            assertThat(CfgInterpreter.run(b, p, p.length, p.length))
                    .as("packet %s\nbefore:\n%safter:\n%s", java.util.HexFormat.of().formatHex(p), a, b)
                    .isEqualTo(CfgInterpreter.run(a, p, p.length, p.length));
        }
    }

    private static Terminator terminator(String line) {
        if (line.startsWith("ret ")) {
            return line.equals("ret a") ? new Terminator.ReturnA() : new Terminator.Return(number(line.substring(5)));
        }
        if (line.startsWith("ja ")) {
            return new Terminator.Jump(id(line.substring(3).strip()));
        }
        Matcher m = BRANCH.matcher(line);
        if (!m.matches()) {
            return null;
        }
        JumpOp op = JumpOp.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        Condition c = m.group(3) == null ? Condition.ofX(op) : Condition.of(op, number(m.group(3)));
        return new Terminator.Branch(c, new BlockId(Integer.parseInt(m.group(4))),
                new BlockId(Integer.parseInt(m.group(5))));
    }

    private static Stmt statement(String line) {
        Matcher load = LOAD.matcher(line);
        if (load.matches()) {
            LoadSize size = switch (load.group(1)) {
                case "ldb" -> LoadSize.BYTE;
                case "ldh" -> LoadSize.HALF;
                default -> LoadSize.WORD;
            };
            int k = number(load.group(3));
            return load.group(2) == null ? new Stmt.LoadAbsolute(size, k) : new Stmt.LoadIndirect(size, k);
        }
        String[] w = line.split(" +", 2);
        String arg = w.length > 1 ? w[1] : "";
        return switch (w[0]) {
            case "ld", "ldx" -> {
                Register dst = w[0].equals("ld") ? Register.A : Register.X;
                if (arg.startsWith("M[")) {
                    yield new Stmt.LoadScratch(dst, Integer.parseInt(arg.substring(2, arg.length() - 1)));
                }
                if (arg.equals("#pktlen")) {
                    yield new Stmt.LoadLength(dst);
                }
                String v = arg.substring(1);
                if (Character.isLetter(v.charAt(0)) && !v.startsWith("0x")) {
                    yield new Stmt.LoadAncillary(Ancillary.valueOf(v.toUpperCase(Locale.ROOT)));
                }
                yield new Stmt.LoadConstant(dst, number(v));
            }
            case "ldxb" -> new Stmt.LoadIpHeaderLength(number(arg.substring(4, arg.indexOf(']'))));
            case "st" -> new Stmt.Store(Register.A, Integer.parseInt(arg.substring(2, arg.length() - 1)));
            case "stx" -> new Stmt.Store(Register.X, Integer.parseInt(arg.substring(2, arg.length() - 1)));
            case "neg" -> new Stmt.Negate();
            case "tax" -> new Stmt.Tax();
            case "txa" -> new Stmt.Txa();
            default -> {
                AluOp op = AluOp.valueOf(w[0].toUpperCase(Locale.ROOT));
                yield arg.equals("x") ? new Stmt.AluX(op) : new Stmt.AluConstant(op, number(arg.substring(1)));
            }
        };
    }

    private static BlockId id(String s) {
        return new BlockId(Integer.parseInt(s.substring(1)));
    }

    private static int number(String s) {
        s = s.strip();
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        return s.startsWith("0x") ? Integer.parseUnsignedInt(s.substring(2), 16) : Integer.parseUnsignedInt(s);
    }
}
