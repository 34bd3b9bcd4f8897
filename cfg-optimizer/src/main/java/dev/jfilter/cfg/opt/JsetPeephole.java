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

/** {@code and #k; jeq #0} with {@code A} dead afterwards becomes {@code jset #k} with the branches swapped. */
final class JsetPeephole implements OptimizerPass {
    @Override
    public String name() {
        return "jset peephole";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        Liveness liveness = Liveness.of(cfg);
        return cfg.map(block -> {
            List<Stmt> stmts = block.statements();
            if (stmts.isEmpty()
                    || !(stmts.getLast() instanceof Stmt.AluConstant and) || and.op() != AluOp.AND
                    || !(block.terminator() instanceof Terminator.Branch b)
                    || b.condition().op() != JumpOp.JEQ
                    || !(b.condition().operand() instanceof Operand.Constant zero) || zero.value() != 0
                    || ((liveness.liveIn(b.ifTrue()) | liveness.liveIn(b.ifFalse())) & Liveness.A) != 0) {
                return block;
            }
            return new Block(block.id(), stmts.subList(0, stmts.size() - 1),
                    new Terminator.Branch(Condition.of(JumpOp.JSET, and.operand()), b.ifFalse(), b.ifTrue()));
        });
    }
}
