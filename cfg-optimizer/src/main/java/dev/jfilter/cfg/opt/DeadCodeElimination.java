package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Dead statement elimination: a statement whose result nothing reads goes, unless it can fail (a load that may run
 * past the captured bytes, an ancillary load, a division by a possibly-zero {@code X}): such a statement decides the
 * verdict on short packets, so it stays even when its value is unused. In the second mode, a dead load that can fail
 * also goes when every way to a non-zero return runs a load that fails on all the packets this one fails on
 * ({@link Anticipation}).
 *
 * <p>The two modes are separate passes on purpose: "an earlier load proved the packet long enough" and "a later load
 * will fail anyway" must not both be used in one rewrite, or two loads could each be dropped on the strength of the
 * other.
 */
final class DeadCodeElimination implements OptimizerPass {
    private final boolean dropSubsumedLoads;

    /** @param dropSubsumedLoads whether dead loads covered by a later load go too (the second mode) */
    DeadCodeElimination(boolean dropSubsumedLoads) {
        this.dropSubsumedLoads = dropSubsumedLoads;
    }

    @Override
    public String name() {
        return dropSubsumedLoads ? "subsumed loads" : "dead code";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        Liveness liveness = Liveness.of(cfg);
        Anticipation anticipation = Anticipation.of(cfg);
        return cfg.map(block -> {
            if (!analysis.reachable(block.id()) || block.statements().isEmpty()) {
                return block;
            }
            List<Boolean> canFail = failures(block, analysis);
            int live = liveness.liveOut(block);
            long needed = anticipation.atExit(block);
            List<Stmt> kept = new ArrayList<>();
            boolean changed = false;
            for (int i = block.statements().size() - 1; i >= 0; i--) {
                Stmt st = block.statements().get(i);
                int defs = Liveness.defs(st);
                // Only a load that fails exactly when the packet is shorter than its extent is covered by a later,
                // longer one; an indirect load also fails on long packets when X is large.
                boolean exactExtent = st instanceof Stmt.LoadAbsolute || st instanceof Stmt.LoadIpHeaderLength;
                boolean subsumed = exactExtent && Anticipation.extent(st) <= needed;
                boolean removable = dropSubsumedLoads ? canFail.get(i) && subsumed : !canFail.get(i);
                if ((defs & live) == 0 && removable) {
                    changed = true;
                    continue;
                }
                kept.add(st);
                live = (live & ~defs) | Liveness.uses(st);
                needed = Anticipation.before(st, needed);
            }
            if (!changed) {
                return block;
            }
            Collections.reverse(kept);
            return block.withStatements(kept);
        });
    }

    private static List<Boolean> failures(Block block, ValueAnalysis analysis) {
        MachineState s = analysis.entry(block.id());
        List<Boolean> result = new ArrayList<>();
        for (Stmt st : block.statements()) {
            result.add(Transfer.mayFail(st, s, analysis.values));
            Transfer.apply(st, s, analysis.values);
        }
        return result;
    }
}
