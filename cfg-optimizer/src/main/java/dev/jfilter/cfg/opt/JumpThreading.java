package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;

/**
 * Jump threading: an edge into a block whose branch that edge decides goes straight to the decided successor, when the
 * statements skipped on the way cannot fail and nothing after the new target reads what they computed. This is where
 * {@code tcp or udp} stops re-testing the EtherType: the tests made on the way in decide the ones made again.
 */
final class JumpThreading implements OptimizerPass {
    /** How many blocks one edge may skip at once; threading repeats until nothing changes anyway. */
    private static final int MAX_HOPS = 64;

    @Override
    public String name() {
        return "jump threading";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        Liveness liveness = Liveness.of(cfg);
        return cfg.map(block -> {
            if (!analysis.reachable(block.id())) {
                return block;
            }
            MachineState out = analysis.exit(block);
            return switch (block.terminator()) {
                case Terminator.Branch b when !b.ifTrue().equals(b.ifFalse()) -> {
                    BlockId t = thread(cfg, analysis, liveness, analysis.edge(out, b, true), b.ifTrue());
                    BlockId f = thread(cfg, analysis, liveness, analysis.edge(out, b, false), b.ifFalse());
                    yield t.equals(b.ifTrue()) && f.equals(b.ifFalse()) ? block
                            : block.withTerminator(new Terminator.Branch(b.condition(), t, f));
                }
                case Terminator.Jump j -> {
                    BlockId t = thread(cfg, analysis, liveness, out, j.target());
                    yield t.equals(j.target()) ? block : block.withTerminator(new Terminator.Jump(t));
                }
                case Terminator.Branch b -> block;
                case Terminator.Return r -> block;
                case Terminator.ReturnA r -> block;
            };
        });
    }

    private static BlockId thread(Cfg cfg, ValueAnalysis analysis, Liveness liveness, MachineState edge,
            BlockId target) {
        if (edge == null) {
            return target;
        }
        MachineState s = edge;
        BlockId current = target;
        BlockId best = target;
        int skippedDefs = 0;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Block next = cfg.block(current);
            for (Stmt st : next.statements()) {
                if (Transfer.isRedundant(st, s, analysis.values)) {
                    continue;
                }
                if (Transfer.mayFail(st, s, analysis.values)) {
                    return best;
                }
                skippedDefs |= Liveness.defs(st);
                Transfer.apply(st, s, analysis.values);
            }
            switch (next.terminator()) {
                case Terminator.Jump j -> current = j.target();
                case Terminator.Branch b -> {
                    var outcome = analysis.decide(s, b);
                    if (outcome.isEmpty()) {
                        return best;
                    }
                    MachineState after = analysis.edge(s, b, outcome.get());
                    if (after == null) {
                        return best;
                    }
                    s = after;
                    current = outcome.get() ? b.ifTrue() : b.ifFalse();
                }
                case Terminator.Return r -> {
                    return best;
                }
                case Terminator.ReturnA r -> {
                    return best;
                }
            }
            if ((skippedDefs & liveness.liveIn(current)) == 0) {
                best = current;
            }
        }
        return best;
    }
}
