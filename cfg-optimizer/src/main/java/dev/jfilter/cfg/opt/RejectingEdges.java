package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Edges that can only lead to a rejection. An edge from which every path, given what the tests so far establish, ends
 * in {@code ret #0} goes straight to {@code ret #0}: the statements skipped could only fail, and failing returns 0 as
 * well. A branch one of whose outcomes leads to such a rejection by both of its edges is no test at all and becomes a
 * jump. This is how {@code port 53 and not udp} stops walking the UDP header of packets it will reject for being UDP.
 *
 * <p>Each edge explores at most {@link #BUDGET} blocks, so the pass stays linear in the size of the graph.
 */
final class RejectingEdges implements OptimizerPass {
    private static final int BUDGET = 12;

    @Override
    public String name() {
        return "rejecting edges";
    }

    /** A block that only returns 0, which rejecting edges can go to; null when the graph has none. */
    static BlockId rejectBlock(Cfg cfg) {
        for (Block b : cfg.blocks()) {
            if (b.statements().isEmpty() && b.terminator() instanceof Terminator.Return r && r.value() == 0) {
                return b.id();
            }
        }
        return null;
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        BlockId reject = rejectBlock(cfg);
        if (reject == null) {
            return cfg;
        }
        ValueAnalysis analysis = ValueAnalysis.of(cfg, reasoning);
        Set<BlockId> alwaysRejects = alwaysRejecting(cfg);
        BlockId rejectBlock = reject;
        // A branch that becomes a jump sends packets to a block that never saw them: the rewrites below it, made from
        // the states of the graph as it was, may not hold for those packets, so they wait for the next round. (The
        // other rewrite only takes packets away from blocks.) Blocks come in reverse post-order, ancestors first.
        Set<BlockId> tainted = new HashSet<>();
        return cfg.map(block -> {
            if (!analysis.reachable(block.id()) || tainted.contains(block.id())) {
                return block;
            }
            Search search = new Search(cfg, analysis, alwaysRejects);
            MachineState out = analysis.exit(block);
            return switch (block.terminator()) {
                case Terminator.Branch b when !b.ifTrue().equals(b.ifFalse()) -> {
                    MachineState onTrue = analysis.edge(out, b, true);
                    MachineState onFalse = analysis.edge(out, b, false);
                    boolean trueRejects = onTrue == null || search.rejects(onTrue, b.ifTrue());
                    boolean falseRejects = onFalse == null || search.rejects(onFalse, b.ifFalse());
                    if (trueRejects && onTrue != null && search.rejects(onTrue, b.ifFalse())) {
                        taint(cfg, b.ifFalse(), tainted);
                        yield block.withTerminator(new Terminator.Jump(b.ifFalse()));
                    }
                    if (falseRejects && onFalse != null && search.rejects(onFalse, b.ifTrue())) {
                        taint(cfg, b.ifTrue(), tainted);
                        yield block.withTerminator(new Terminator.Jump(b.ifTrue()));
                    }
                    BlockId t = trueRejects && onTrue != null ? rejectBlock : b.ifTrue();
                    BlockId f = falseRejects && onFalse != null ? rejectBlock : b.ifFalse();
                    yield t.equals(b.ifTrue()) && f.equals(b.ifFalse()) ? block
                            : block.withTerminator(new Terminator.Branch(b.condition(), t, f));
                }
                case Terminator.Jump j -> !j.target().equals(rejectBlock) && search.rejects(out, j.target())
                        ? block.withTerminator(new Terminator.Jump(rejectBlock))
                        : block;
                case Terminator.Branch b -> block;
                case Terminator.Return r -> block;
                case Terminator.ReturnA r -> block;
            };
        });
    }

    /** Marks {@code from} and every block after it; each block is marked once, so all marking is linear. */
    private static void taint(Cfg cfg, BlockId from, Set<BlockId> tainted) {
        java.util.ArrayDeque<BlockId> todo = new java.util.ArrayDeque<>();
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

    /** The blocks from which every path returns 0 whatever the packet: all their returns are {@code ret #0}. */
    private static Set<BlockId> alwaysRejecting(Cfg cfg) {
        Set<BlockId> result = new HashSet<>();
        List<Block> blocks = cfg.blocks();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            boolean rejects = switch (b.terminator()) {
                case Terminator.Return r -> r.value() == 0;
                case Terminator.ReturnA r -> false;
                case Terminator.Jump j -> result.contains(j.target());
                case Terminator.Branch br -> result.contains(br.ifTrue()) && result.contains(br.ifFalse());
            };
            if (rejects) {
                result.add(b.id());
            }
        }
        return result;
    }

    /** A bounded search for a path that may return something other than 0. */
    private static final class Search {
        private final Cfg cfg;
        private final ValueAnalysis analysis;
        private final Set<BlockId> alwaysRejects;
        private int budget;

        Search(Cfg cfg, ValueAnalysis analysis, Set<BlockId> alwaysRejects) {
            this.cfg = cfg;
            this.analysis = analysis;
            this.alwaysRejects = alwaysRejects;
        }

        /** Whether every path from {@code target}, entered in {@code state}, returns 0 (false when unsure). */
        boolean rejects(MachineState state, BlockId target) {
            budget = BUDGET;
            return explore(state, target);
        }

        private boolean explore(MachineState entry, BlockId id) {
            if (alwaysRejects.contains(id)) {
                return true;
            }
            if (--budget < 0) {
                return false;
            }
            Block block = cfg.block(id);
            MachineState s = entry.copy();
            for (Stmt st : block.statements()) {
                // A statement that fails returns 0, which is what we look for; so assume it succeeds.
                Transfer.apply(st, s, analysis.values);
            }
            return switch (block.terminator()) {
                case Terminator.Return r -> r.value() == 0;
                case Terminator.ReturnA r -> analysis.values.constantValue(s.a).orElse(1) == 0;
                case Terminator.Jump j -> explore(s, j.target());
                case Terminator.Branch b -> {
                    var decided = analysis.decide(s, b);
                    if (decided.isPresent()) {
                        MachineState next = analysis.edge(s, b, decided.get());
                        yield next == null || explore(next, decided.get() ? b.ifTrue() : b.ifFalse());
                    }
                    MachineState onTrue = analysis.edge(s, b, true);
                    MachineState onFalse = analysis.edge(s, b, false);
                    yield (onTrue == null || explore(onTrue, b.ifTrue()))
                            && (onFalse == null || explore(onFalse, b.ifFalse()));
                }
            };
        }
    }
}
