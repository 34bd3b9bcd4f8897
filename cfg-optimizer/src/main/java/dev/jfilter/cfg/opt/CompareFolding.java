package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.List;

/**
 * An equality test of arithmetic that is a bijection on 32-bit values folds the arithmetic into the constant, when
 * {@code A} is dead afterwards: {@code add #k; jeq #c} is {@code jeq #(c-k)}, {@code sub #k; jeq #c} is
 * {@code jeq #(c+k)}, {@code xor #k; jeq #c} is {@code jeq #(c^k)}; and {@code sub x; jeq #0} or {@code xor x; jeq #0}
 * is {@code jeq x} (libpcap's {@code opt_peep} does the {@code sub} cases). None of these statements can fail.
 */
final class CompareFolding implements OptimizerPass {
    @Override
    public String name() {
        return "compare folding";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        Liveness liveness = Liveness.of(cfg);
        return cfg.map(block -> {
            List<Stmt> stmts = block.statements();
            if (stmts.isEmpty()
                    || !(block.terminator() instanceof Terminator.Branch b)
                    || b.condition().op() != JumpOp.JEQ
                    || !(b.condition().operand() instanceof Operand.Constant c)
                    || ((liveness.liveIn(b.ifTrue()) | liveness.liveIn(b.ifFalse())) & Liveness.A) != 0) {
                return block;
            }
            Condition folded = folded(stmts.getLast(), c.value());
            if (folded == null) {
                return block;
            }
            return new Block(block.id(), stmts.subList(0, stmts.size() - 1),
                    new Terminator.Branch(folded, b.ifTrue(), b.ifFalse()));
        });
    }

    /** The test equivalent to {@code jeq #c} after {@code last}, or null when there is none. */
    private static Condition folded(Stmt last, int c) {
        if (last instanceof Stmt.AluConstant op) {
            return switch (op.op()) {
                case ADD -> Condition.of(JumpOp.JEQ, c - op.operand());
                case SUB -> Condition.of(JumpOp.JEQ, c + op.operand());
                case XOR -> Condition.of(JumpOp.JEQ, c ^ op.operand());
                case MUL, DIV, MOD, AND, OR, LSH, RSH -> null;
            };
        }
        if (last instanceof Stmt.AluX op && c == 0) {
            return switch (op.op()) {
                case SUB, XOR -> Condition.ofX(JumpOp.JEQ);
                case ADD, MUL, DIV, MOD, AND, OR, LSH, RSH -> null;
            };
        }
        return null;
    }
}
