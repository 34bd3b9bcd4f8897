package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

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
        // An edge threaded past statements that define something (dead where it now goes) changes what that target
        // holds for some packets; rewrites below it, judged by the states of the graph as it was, could read those
        // locations (as "already holding the value"), so they wait for the next round. Blocks come ancestors first.
        Set<BlockId> tainted = new HashSet<>();
        return cfg.map(block -> {
            if (!analysis.reachable(block.id()) || tainted.contains(block.id())) {
                return block;
            }
            MachineState out = analysis.exit(block);
            return switch (block.terminator()) {
                case Terminator.Branch b when !b.ifTrue().equals(b.ifFalse()) -> {
                    BlockId t = thread(cfg, analysis, liveness, analysis.edge(out, b, true), b.ifTrue(), tainted);
                    BlockId f = thread(cfg, analysis, liveness, analysis.edge(out, b, false), b.ifFalse(), tainted);
                    yield t.equals(b.ifTrue()) && f.equals(b.ifFalse()) ? block
                            : block.withTerminator(new Terminator.Branch(b.condition(), t, f));
                }
                case Terminator.Jump j -> {
                    BlockId t = thread(cfg, analysis, liveness, out, j.target(), tainted);
                    yield t.equals(j.target()) ? block : block.withTerminator(new Terminator.Jump(t));
                }
                case Terminator.Branch b -> block;
                case Terminator.Return r -> block;
                case Terminator.ReturnA r -> block;
            };
        });
    }

    /** Marks {@code from} and every block after it; each block is marked once. */
    private static void taint(Cfg cfg, BlockId from, Set<BlockId> tainted) {
        ArrayDeque<BlockId> todo = new ArrayDeque<>();
        if (tainted.add(from)) {
            todo.push(from);
        }
        while (!todo.isEmpty()) {
            for (BlockId s : cfg.block(todo.pop()).terminator().successors()) {
                if (tainted.add(s)) {
                    todo.push(s);
                }
            }
        }
    }

    private static BlockId thread(Cfg cfg, ValueAnalysis analysis, Liveness liveness, MachineState edge,
            BlockId target, Set<BlockId> tainted) {
        BlockId[] best = {target};
        int defs = walk(cfg, analysis, liveness, edge, target, best);
        if (!best[0].equals(target) && defs != 0) {
            taint(cfg, best[0], tainted);
        }
        return best[0];
    }

    /** Follows the edge as far as it decides; sets {@code result[0]} and returns what the skipped statements define. */
    private static int walk(Cfg cfg, ValueAnalysis analysis, Liveness liveness, MachineState edge, BlockId target,
            BlockId[] result) {
        if (edge == null) {
            return 0;
        }
        MachineState s = edge;
        BlockId current = target;
        int bestDefs = 0;
        int skippedDefs = 0;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Block next = cfg.block(current);
            for (Stmt st : next.statements()) {
                if (Transfer.isRedundant(st, s, analysis.values)) {
                    continue;
                }
                if (Transfer.mayFail(st, s, analysis.values)) {
                    return bestDefs;
                }
                skippedDefs |= Liveness.defs(st);
                Transfer.apply(st, s, analysis.values);
            }
            switch (next.terminator()) {
                case Terminator.Jump j -> current = j.target();
                case Terminator.Branch b -> {
                    var outcome = analysis.decide(s, b);
                    if (outcome.isEmpty()) {
                        return bestDefs;
                    }
                    MachineState after = analysis.edge(s, b, outcome.get());
                    if (after == null) {
                        return bestDefs;
                    }
                    s = after;
                    current = outcome.get() ? b.ifTrue() : b.ifFalse();
                }
                case Terminator.Return r -> {
                    return bestDefs;
                }
                case Terminator.ReturnA r -> {
                    return bestDefs;
                }
            }
            if ((skippedDefs & liveness.liveIn(current)) == 0) {
                bestDefs = skippedDefs;
                result[0] = current;
            }
        }
        return bestDefs;
    }
}
