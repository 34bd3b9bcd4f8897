package dev.jfilter.cbpf;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the order in which {@link CbpfGenerator} emits a {@link Cfg}'s blocks, and which blocks need no code of
 * their own.
 *
 * <ul>
 *   <li>A block without statements that only jumps (or branches to the same block both ways) is a forwarder: edges
 *       to it go straight to where it leads.
 *   <li>A block without statements that only returns is a shared return: every {@code ret #k} with the same value
 *       (and every {@code ret a}) is emitted once, after all other blocks, and branches jump there; a jump to one
 *       becomes a copy of the {@code ret}, which is as long as the {@code ja}.
 *   <li>The other blocks are laid out in a topological order, so every jump goes forward as the kernel demands.
 *       Only a jump costs an instruction ({@code ja}) when its target does not come next; a branch names both
 *       targets. Greedily, the next block is the last one's jump target when all its predecessors are placed (that
 *       saves the {@code ja}), else a ready successor of the last one (a shorter edge), else the earliest ready block
 *       in the graph's reverse post-order. A jump whose target still waits for other predecessors is held back until
 *       it is the last of them, so it can come right before its target.
 * </ul>
 *
 * <p>This is a heuristic; a better one (fewer {@code ja}s, shorter conditional edges so fewer trampolines) can
 * replace {@link #of(Cfg)} without touching the generator.
 */
public final class BlockLayout {

    /** What an edge leads to, after forwarders: a block with code, or a shared return. */
    public sealed interface Target {
        /** A block that is laid out. */
        record Code(BlockId block) implements Target {}

        /** A shared {@code ret}: {@link Terminator.Return} or {@link Terminator.ReturnA}. */
        record SharedReturn(Terminator terminator) implements Target {}
    }

    private final Cfg cfg;
    private final Map<BlockId, Target> resolved;
    private final List<BlockId> order;

    private BlockLayout(Cfg cfg, Map<BlockId, Target> resolved, List<BlockId> order) {
        this.cfg = cfg;
        this.resolved = resolved;
        this.order = order;
    }

    /** The layout of {@code cfg}. */
    public static BlockLayout of(Cfg cfg) {
        Map<BlockId, Target> resolved = resolveAll(cfg);
        List<BlockId> order = order(cfg, resolved);
        return new BlockLayout(cfg, resolved, List.copyOf(order));
    }

    /** The blocks that have code, in emission order; empty when the entry is a shared return. */
    public List<BlockId> order() {
        return order;
    }

    /** Where an edge to {@code block} really goes. */
    public Target target(BlockId block) {
        return resolved.get(block);
    }

    /** Where the program starts. */
    public Target entry() {
        return resolved.get(cfg.entry());
    }

    /**
     * A block's terminator with its edges resolved: a branch whose edges lead to the same place is a jump there.
     * Returns are unchanged.
     */
    public Terminator effectiveTerminator(Block block) {
        return effective(block, resolved);
    }

    private static Terminator effective(Block block, Map<BlockId, Target> resolved) {
        return switch (block.terminator()) {
            case Terminator.Branch b -> resolved.get(b.ifTrue()).equals(resolved.get(b.ifFalse()))
                    ? new Terminator.Jump(b.ifTrue())
                    : b;
            case Terminator.Jump j -> j;
            case Terminator.Return r -> r;
            case Terminator.ReturnA r -> r;
        };
    }

    /** Resolves forwarders, successors first (reverse of the reverse post-order), so targets resolve before use. */
    private static Map<BlockId, Target> resolveAll(Cfg cfg) {
        Map<BlockId, Target> resolved = new HashMap<>();
        List<Block> blocks = cfg.blocks();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            Target t = new Target.Code(b.id());
            if (b.statements().isEmpty()) {
                t = switch (effective(b, resolved)) {
                    case Terminator.Jump j -> resolved.get(j.target());
                    case Terminator.Return r -> new Target.SharedReturn(r);
                    case Terminator.ReturnA r -> new Target.SharedReturn(r);
                    case Terminator.Branch br -> new Target.Code(b.id());
                };
            }
            resolved.put(b.id(), t);
        }
        return resolved;
    }

    private static List<BlockId> order(Cfg cfg, Map<BlockId, Target> resolved) {
        // The blocks with code, their successors with code (after forwarding) and their unplaced predecessor counts.
        Map<BlockId, Integer> rank = new LinkedHashMap<>();
        for (Block b : cfg.blocks()) {
            if (resolved.get(b.id()) instanceof Target.Code c && c.block().equals(b.id())) {
                rank.put(b.id(), rank.size());
            }
        }
        Map<BlockId, List<BlockId>> successors = new HashMap<>();
        Map<BlockId, Integer> waiting = new HashMap<>();
        for (BlockId id : rank.keySet()) {
            waiting.put(id, 0);
        }
        for (BlockId id : rank.keySet()) {
            List<BlockId> succ = new ArrayList<>();
            for (BlockId s : effective(cfg.block(id), resolved).successors()) {
                if (resolved.get(s) instanceof Target.Code c && !succ.contains(c.block())) {
                    succ.add(c.block());
                    waiting.merge(c.block(), 1, Integer::sum);
                }
            }
            successors.put(id, succ);
        }
        // Ready blocks (all predecessors placed), by rank. A jump whose target still waits for other predecessors is
        // "early": placed now, something else would come between it and its target and it would need a ja; it waits
        // until it is its target's last unplaced predecessor, or until nothing else is ready.
        java.util.Comparator<BlockId> byRank = java.util.Comparator.comparing(rank::get);
        java.util.TreeSet<BlockId> ready = new java.util.TreeSet<>(byRank);
        java.util.TreeSet<BlockId> early = new java.util.TreeSet<>(byRank);
        Map<BlockId, List<BlockId>> earlyByTarget = new HashMap<>();
        List<BlockId> order = new ArrayList<>(rank.size());
        java.util.function.Consumer<BlockId> makeReady = id -> {
            BlockId target = jumpTarget(cfg.block(id), resolved);
            if (target != null && waiting.get(target) > 1) {
                early.add(id);
                earlyByTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(id);
            } else {
                ready.add(id);
            }
        };
        for (BlockId id : rank.keySet()) {
            if (waiting.get(id) == 0) {
                makeReady.accept(id);
            }
        }
        BlockId last = null;
        while (!ready.isEmpty() || !early.isEmpty()) {
            BlockId next = last == null ? null
                    : preferredSuccessor(cfg.block(last), resolved, waiting, ready.isEmpty() ? early : ready)
                            .orElse(null);
            if (next == null) {
                next = ready.isEmpty() ? early.first() : ready.first();
            }
            ready.remove(next);
            early.remove(next);
            order.add(next);
            for (BlockId s : successors.get(next)) {
                int left = waiting.merge(s, -1, Integer::sum);
                if (left == 0) {
                    makeReady.accept(s);
                } else if (left == 1) {
                    // Its one unplaced predecessor, if it is an early jump, may now come right before it.
                    for (BlockId j : earlyByTarget.getOrDefault(s, List.of())) {
                        if (early.remove(j)) {
                            ready.add(j);
                        }
                    }
                }
            }
            last = next;
        }
        if (order.size() != rank.size()) {
            throw new IllegalStateException("the graph has a cycle: laid out " + order.size() + " of " + rank.size());
        }
        return order;
    }

    /** The code block a jump-only terminator leads to, or null. */
    private static BlockId jumpTarget(Block block, Map<BlockId, Target> resolved) {
        return effective(block, resolved) instanceof Terminator.Jump j
                && resolved.get(j.target()) instanceof Target.Code c ? c.block() : null;
    }

    /**
     * The successor worth placing right after {@code block}: the jump target (which saves a ja) when it is ready;
     * else the false edge, else the true one, when ready and not an early jump.
     */
    private static Optional<BlockId> preferredSuccessor(Block block, Map<BlockId, Target> resolved,
            Map<BlockId, Integer> waiting, java.util.Set<BlockId> ready) {
        Terminator t = effective(block, resolved);
        List<BlockId> candidates = switch (t) {
            case Terminator.Jump j -> List.of(j.target());
            case Terminator.Branch b -> List.of(b.ifFalse(), b.ifTrue());
            case Terminator.Return r -> List.of();
            case Terminator.ReturnA r -> List.of();
        };
        for (BlockId c : candidates) {
            // A jump's target comes next even if it is an early jump itself: that saves this jump's ja.
            if (resolved.get(c) instanceof Target.Code code && waiting.get(code.block()) == 0
                    && (t instanceof Terminator.Jump || ready.contains(code.block()))) {
                return Optional.of(code.block());
            }
        }
        return Optional.empty();
    }
}
