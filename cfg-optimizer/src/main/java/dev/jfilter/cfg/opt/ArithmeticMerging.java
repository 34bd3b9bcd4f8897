package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Two constant operations of one kind in a row become one: {@code add #22; add #8} is {@code add #30}, and likewise for
 * {@code sub}, {@code mul}, {@code and}, {@code or} and {@code xor} (all associative modulo 2^32; {@code sub} adds the
 * negations). Nothing reads {@code A} between the two, and neither can fail. (The VXLAN and Geneve offsets are built
 * this way.)
 */
final class ArithmeticMerging implements OptimizerPass {
    @Override
    public String name() {
        return "arithmetic merging";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        return cfg.map(ArithmeticMerging::merge);
    }

    private static Block merge(Block block) {
        List<Stmt> stmts = block.statements();
        List<Stmt> out = new ArrayList<>(stmts.size());
        boolean changed = false;
        for (Stmt s : stmts) {
            if (!out.isEmpty() && out.getLast() instanceof Stmt.AluConstant prev && s instanceof Stmt.AluConstant next) {
                Stmt merged = merged(prev, next);
                if (merged != null) {
                    out.set(out.size() - 1, merged);
                    changed = true;
                    continue;
                }
            }
            out.add(s);
        }
        return changed ? block.withStatements(out) : block;
    }

    /** The one operation doing both, or null. */
    private static Stmt merged(Stmt.AluConstant a, Stmt.AluConstant b) {
        int x = a.operand();
        int y = b.operand();
        return switch (a.op()) {
            case ADD -> switch (b.op()) {
                case ADD -> new Stmt.AluConstant(AluOp.ADD, x + y);
                case SUB -> new Stmt.AluConstant(AluOp.ADD, x - y);
                case MUL, DIV, MOD, AND, OR, XOR, LSH, RSH -> null;
            };
            case SUB -> switch (b.op()) {
                case ADD -> new Stmt.AluConstant(AluOp.ADD, y - x);
                case SUB -> new Stmt.AluConstant(AluOp.SUB, x + y);
                case MUL, DIV, MOD, AND, OR, XOR, LSH, RSH -> null;
            };
            case MUL -> b.op() == AluOp.MUL ? new Stmt.AluConstant(AluOp.MUL, x * y) : null;
            case AND -> b.op() == AluOp.AND ? new Stmt.AluConstant(AluOp.AND, x & y) : null;
            case OR -> b.op() == AluOp.OR ? new Stmt.AluConstant(AluOp.OR, x | y) : null;
            case XOR -> b.op() == AluOp.XOR ? new Stmt.AluConstant(AluOp.XOR, x ^ y) : null;
            case DIV, MOD, LSH, RSH -> null;
        };
    }
}
