package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.Map;

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
        // An edge threaded past statements that define something (dead where it now goes) changes what the target
        // holds for some packets. A rewrite further down, judged by the states of the graph as it was, must not rely
        // on such a location (as "already holding the value" or as a tested value): per block, the locations whose
        // entry values may differ from the analysis. Blocks come ancestors first, so every edge into a block,
        // threaded or not, is known before the block.
        Map<BlockId, Integer> changedIn = new HashMap<>();
        return cfg.map(block -> {
            int changed = changedIn.getOrDefault(block.id(), 0);
            Block result = rewrite(cfg, analysis, liveness, block, changed, changedIn);
            int passedOn = changed & ~defs(block);
            for (BlockId s : result.terminator().successors()) {
                changedIn.merge(s, passedOn, (x, y) -> x | y);
            }
            return result;
        });
    }

    private static Block rewrite(Cfg cfg, ValueAnalysis analysis, Liveness liveness, Block block, int changed,
            Map<BlockId, Integer> changedIn) {
        if (!analysis.reachable(block.id())) {
            return block;
        }
        MachineState out = analysis.exit(block);
        return switch (block.terminator()) {
            case Terminator.Branch b when !b.ifTrue().equals(b.ifFalse()) -> {
                BlockId t = thread(cfg, analysis, liveness, analysis.edge(out, b, true), b.ifTrue(), changed, changedIn);
                BlockId f = thread(cfg, analysis, liveness, analysis.edge(out, b, false), b.ifFalse(), changed,
                        changedIn);
                yield t.equals(b.ifTrue()) && f.equals(b.ifFalse()) ? block
                        : block.withTerminator(new Terminator.Branch(b.condition(), t, f));
            }
            case Terminator.Jump j -> {
                BlockId t = thread(cfg, analysis, liveness, out, j.target(), changed, changedIn);
                yield t.equals(j.target()) ? block : block.withTerminator(new Terminator.Jump(t));
            }
            case Terminator.Branch b -> block;
            case Terminator.Return r -> block;
            case Terminator.ReturnA r -> block;
        };
    }

    private static int defs(Block block) {
        int d = 0;
        for (Stmt st : block.statements()) {
            d |= Liveness.defs(st);
        }
        return d;
    }

    /** How far an edge goes: its new target, what the skipped statements define, what the walk relied on. */
    private record Walk(BlockId target, int skippedDefs, int relied) {}

    private static BlockId thread(Cfg cfg, ValueAnalysis analysis, Liveness liveness, MachineState edge,
            BlockId target, int changed, Map<BlockId, Integer> changedIn) {
        Walk w = walk(cfg, analysis, liveness, edge, target);
        if (w.target().equals(target) || (w.relied() & changed) != 0) {
            return target;
        }
        if (w.skippedDefs() != 0) {
            changedIn.merge(w.target(), w.skippedDefs(), (x, y) -> x | y);
        }
        return w.target();
    }

    /** Follows the edge as far as it decides. */
    private static Walk walk(Cfg cfg, ValueAnalysis analysis, Liveness liveness, MachineState edge, BlockId target) {
        Walk best = new Walk(target, 0, 0);
        if (edge == null) {
            return best;
        }
        MachineState s = edge;
        BlockId current = target;
        int skippedDefs = 0;
        // The locations whose values where the edge starts the walk read: operands, values found already in place,
        // tested values; not those the skipped statements define first.
        int relied = 0;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Block next = cfg.block(current);
            for (Stmt st : next.statements()) {
                if (Transfer.isRedundant(st, s, analysis.values)) {
                    relied |= (Liveness.defs(st) | Liveness.uses(st)) & ~skippedDefs;
                    continue;
                }
                if (Transfer.mayFail(st, s, analysis.values)) {
                    return best;
                }
                relied |= Liveness.uses(st) & ~skippedDefs;
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
                    int tested = Liveness.A | (b.condition().operand() instanceof dev.jfilter.cfg.Operand.IndexRegister
                            ? Liveness.X : 0);
                    relied |= tested & ~skippedDefs;
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
                best = new Walk(current, skippedDefs, relied);
            }
        }
        return best;
    }
}
