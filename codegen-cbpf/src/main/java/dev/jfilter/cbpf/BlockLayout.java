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
import java.util.PriorityQueue;

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
 *       Greedily, the next block is a successor of the last one when all its predecessors are placed: for a jump,
 *       that saves the {@code ja}; for a branch, it shortens one edge. Otherwise the earliest ready block in the
 *       graph's reverse post-order comes next.
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
        PriorityQueue<BlockId> ready = new PriorityQueue<>((x, y) -> Integer.compare(rank.get(x), rank.get(y)));
        for (BlockId id : rank.keySet()) {
            if (waiting.get(id) == 0) {
                ready.add(id);
            }
        }
        List<BlockId> order = new ArrayList<>(rank.size());
        BlockId last = null;
        while (!ready.isEmpty()) {
            BlockId next = last == null ? null : preferredSuccessor(cfg.block(last), resolved, waiting).orElse(null);
            if (next == null) {
                next = ready.peek();
            }
            ready.remove(next);
            order.add(next);
            for (BlockId s : successors.get(next)) {
                if (waiting.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
            last = next;
        }
        if (order.size() != rank.size()) {
            throw new IllegalStateException("the graph has a cycle: laid out " + order.size() + " of " + rank.size());
        }
        return order;
    }

    /** The successor worth placing right after {@code block}: the jump target, else the false edge, else the true. */
    private static Optional<BlockId> preferredSuccessor(Block block, Map<BlockId, Target> resolved,
            Map<BlockId, Integer> waiting) {
        List<BlockId> candidates = switch (effective(block, resolved)) {
            case Terminator.Jump j -> List.of(j.target());
            case Terminator.Branch b -> List.of(b.ifFalse(), b.ifTrue());
            case Terminator.Return r -> List.of();
            case Terminator.ReturnA r -> List.of();
        };
        for (BlockId c : candidates) {
            if (resolved.get(c) instanceof Target.Code code && waiting.get(code.block()) == 0) {
                return Optional.of(code.block());
            }
        }
        return Optional.empty();
    }
}
