package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tcp[k]} idiom: {@code ld #c; ldxb 4*([n]&0xf); add x; tax; ld [x + j]} becomes
 * {@code ldxb 4*([n]&0xf); ld [x + j + c]} (libpcap's {@code opt_peep} does the same), when the sum {@code c + x}
 * is read by nothing after the load; so does {@code ld #c; add x; tax; ld [x + j]}, where X already holds the
 * header's offset (after a link header of variable length, such as pflog's). Afterwards {@code X} holds the header length itself, so the next load from the
 * same header needs no arithmetic, and value numbering sees equal loads as equal.
 */
final class IndexedLoadPeephole implements OptimizerPass {
    @Override
    public String name() {
        return "indexed-load peephole";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        Liveness liveness = Liveness.of(cfg);
        return cfg.map(block -> rewrite(block, liveness));
    }

    private static Block rewrite(Block block, Liveness liveness) {
        List<Stmt> stmts = block.statements();
        for (int i = 3; i < stmts.size(); i++) {
            // The ldxb is optional: after a header of variable length (pflog), X already holds the header's offset.
            int headerLength = stmts.get(i - 3) instanceof Stmt.LoadIpHeaderLength ? i - 3 : -1;
            int constant = headerLength >= 0 ? i - 4 : i - 3;
            if (constant >= 0 && stmts.get(constant) instanceof Stmt.LoadConstant c && c.dst() == Register.A
                    && stmts.get(i - 2) instanceof Stmt.AluX add && add.op() == AluOp.ADD
                    && stmts.get(i - 1) instanceof Stmt.Tax
                    && stmts.get(i) instanceof Stmt.LoadIndirect load
                    && Integer.toUnsignedLong(load.offset()) + Integer.toUnsignedLong(c.value()) <= 0xffff_ffffL
                    && !xReadLater(block, i, liveness)) {
                List<Stmt> out = new ArrayList<>(stmts.subList(0, constant));
                if (headerLength >= 0) {
                    out.add(stmts.get(headerLength));
                }
                out.add(new Stmt.LoadIndirect(load.size(), load.offset() + c.value()));
                out.addAll(stmts.subList(i + 1, stmts.size()));
                return rewrite(block.withStatements(out), liveness);
            }
        }
        return block;
    }

    /** Whether the value of {@code X} after statement {@code i} is read before {@code X} is written again. */
    private static boolean xReadLater(Block block, int i, Liveness liveness) {
        int live = liveness.liveOut(block);
        List<Stmt> stmts = block.statements();
        for (int j = stmts.size() - 1; j > i; j--) {
            live = (live & ~Liveness.defs(stmts.get(j))) | Liveness.uses(stmts.get(j));
        }
        return (live & Liveness.X) != 0;
    }
}
