package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Forward value numbering over the whole acyclic graph: the machine state at each block's entry is what holds on every
 * feasible incoming edge, including the outcome of the branch that edge follows. Edges whose outcome contradicts what
 * is known are infeasible; a block with no feasible incoming edge is unreachable.
 */
final class ValueAnalysis {
    final ValueTable values = new ValueTable();
    final Reasoning reasoning;
    private final Cfg cfg;
    private final Map<BlockId, MachineState> entries = new HashMap<>();

    private ValueAnalysis(Cfg cfg, Reasoning reasoning) {
        this.cfg = cfg;
        this.reasoning = reasoning;
    }

    /** The analysis of {@code cfg}, shared with the other passes of an optimizer run while the graph is unchanged. */
    static ValueAnalysis of(Cfg cfg, Reasoning reasoning) {
        return AnalysisCache.of(cfg, reasoning, g -> {
            ValueAnalysis analysis = new ValueAnalysis(g, reasoning);
            analysis.run();
            return analysis;
        });
    }

    private void run() {
        entries.put(cfg.entry(), MachineState.entry(values));
        for (Block block : cfg.blocks()) {
            MachineState in = entries.get(block.id());
            if (in == null) {
                continue;
            }
            MachineState out = exit(block);
            switch (block.terminator()) {
                case Terminator.Branch b when !b.ifTrue().equals(b.ifFalse()) -> {
                    flow(b.ifTrue(), edge(out, b, true));
                    flow(b.ifFalse(), edge(out, b, false));
                }
                case Terminator.Branch b -> flow(b.ifTrue(), out);
                case Terminator.Jump j -> flow(j.target(), out);
                case Terminator.Return r -> {}
                case Terminator.ReturnA r -> {}
            }
        }
    }

    private void flow(BlockId target, MachineState state) {
        if (state == null) {
            return;
        }
        MachineState existing = entries.get(target);
        if (existing == null) {
            entries.put(target, state.copy());
        } else {
            existing.meetWith(state, target, values);
        }
    }

    /** Whether the block can run at all. */
    boolean reachable(BlockId id) {
        return entries.containsKey(id);
    }

    /** A copy of the state at the block's entry; the block must be reachable. */
    MachineState entry(BlockId id) {
        return entries.get(id).copy();
    }

    /** The state after the block's statements, before its terminator. */
    MachineState exit(Block block) {
        MachineState s = entry(block.id());
        for (Stmt st : block.statements()) {
            Transfer.apply(st, s, values);
        }
        return s;
    }

    /** The state on one edge of a branch, given the state before it; null if that edge is never taken. */
    MachineState edge(MachineState beforeBranch, Terminator.Branch branch, boolean outcome) {
        MachineState s = beforeBranch.copy();
        int operand = Transfer.operand(branch.condition().operand(), s, values);
        return s.assume(branch.condition().op(), s.a, operand, outcome, values, reasoning) ? s : null;
    }

    /** The outcome of the block's branch when the state before it decides it. */
    Optional<Boolean> decide(MachineState beforeBranch, Terminator.Branch branch) {
        int operand = Transfer.operand(branch.condition().operand(), beforeBranch, values);
        return beforeBranch.decide(branch.condition().op(), beforeBranch.a, operand, values, reasoning);
    }
}
