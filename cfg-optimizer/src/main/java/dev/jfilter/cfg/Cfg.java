package dev.jfilter.cfg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A filter program as an acyclic control-flow graph of {@link Block}s, entered at {@link #entry()}.
 *
 * <p>The graph is immutable. Construction checks that every referenced block exists and that there are no
 * cycles; blocks that cannot be reached from the entry are dropped, and the rest are kept in reverse
 * post-order, so iteration visits every block after all of its predecessors.
 */
public final class Cfg {
    private final BlockId entry;
    private final SequencedMap<BlockId, Block> blocks;
    private final List<Block> ordered;

    private Cfg(BlockId entry, SequencedMap<BlockId, Block> blocks) {
        this.entry = entry;
        this.blocks = blocks;
        this.ordered = List.copyOf(blocks.values());
    }

    /**
     * A graph of the given blocks, keeping those reachable from {@code entry}.
     *
     * @throws IllegalArgumentException if a block is missing, defined twice, or on a cycle
     */
    public static Cfg of(BlockId entry, Iterable<Block> blocks) {
        Map<BlockId, Block> byId = new HashMap<>();
        for (Block b : blocks) {
            if (byId.put(b.id(), b) != null) {
                throw new IllegalArgumentException("block " + b.id() + " defined twice");
            }
        }
        if (!byId.containsKey(entry)) {
            throw new IllegalArgumentException("entry block " + entry + " is not defined");
        }
        List<BlockId> order = reversePostOrder(entry, byId);
        SequencedMap<BlockId, Block> ordered = new LinkedHashMap<>();
        for (BlockId id : order) {
            ordered.put(id, byId.get(id));
        }
        return new Cfg(entry, Collections.unmodifiableSequencedMap(ordered));
    }

    private static List<BlockId> reversePostOrder(BlockId entry, Map<BlockId, Block> byId) {
        // Iterative DFS with three colours, so deep graphs (thousands of blocks) do not overflow the stack.
        Set<BlockId> done = new HashSet<>();
        Set<BlockId> onPath = new HashSet<>();
        List<BlockId> postOrder = new ArrayList<>();
        Deque<BlockId> stack = new ArrayDeque<>();
        Deque<Integer> nextChild = new ArrayDeque<>();
        stack.push(entry);
        nextChild.push(0);
        onPath.add(entry);
        while (!stack.isEmpty()) {
            BlockId id = stack.peek();
            int i = nextChild.pop();
            Block block = byId.get(id);
            List<BlockId> succ = block.terminator().successors();
            if (i < succ.size()) {
                nextChild.push(i + 1);
                // Visit the false successor first, so the true one comes first in reverse post-order.
                BlockId s = succ.get(succ.size() - 1 - i);
                if (!byId.containsKey(s)) {
                    throw new IllegalArgumentException("block " + id + " refers to undefined block " + s);
                }
                if (onPath.contains(s)) {
                    throw new IllegalArgumentException("cycle through block " + s);
                }
                if (!done.contains(s)) {
                    stack.push(s);
                    nextChild.push(0);
                    onPath.add(s);
                }
            } else {
                stack.pop();
                onPath.remove(id);
                done.add(id);
                postOrder.add(id);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    /** The block where the program starts. */
    public BlockId entry() {
        return entry;
    }

    /** The entry block. */
    public Block entryBlock() {
        return blocks.get(entry);
    }

    /** The reachable blocks in reverse post-order (each after all its predecessors), entry first. */
    public List<Block> blocks() {
        return ordered;
    }

    /** The block with the given id. */
    public Block block(BlockId id) {
        Block b = blocks.get(id);
        if (b == null) {
            throw new IllegalArgumentException("no block " + id);
        }
        return b;
    }

    /** The number of reachable blocks. */
    public int size() {
        return blocks.size();
    }

    /** For each block, the blocks that branch or jump to it, in reverse post-order. */
    public Map<BlockId, List<BlockId>> predecessors() {
        Map<BlockId, List<BlockId>> preds = new LinkedHashMap<>();
        for (BlockId id : blocks.keySet()) {
            preds.put(id, new ArrayList<>());
        }
        for (Block b : blocks.values()) {
            for (BlockId s : b.terminator().successors()) {
                List<BlockId> p = preds.get(s);
                // Blocks come one at a time, so a block already listed as a predecessor is the last one listed.
                if (p.isEmpty() || !p.getLast().equals(b.id())) {
                    p.add(b.id());
                }
            }
        }
        preds.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(preds);
    }

    /**
     * The same graph with every block replaced by {@code f} of it (blocks no longer reachable are dropped); this very
     * graph when {@code f} returns every block itself, so passes that change nothing cost no rebuilding.
     */
    public Cfg map(java.util.function.UnaryOperator<Block> f) {
        List<Block> mapped = new ArrayList<>(blocks.size());
        boolean same = true;
        for (Block b : ordered) {
            Block m = f.apply(b);
            same &= m == b;
            mapped.add(m);
        }
        return same ? this : of(entry, mapped);
    }

    /** The same graph entered at another of its blocks. */
    public Cfg withEntry(BlockId newEntry) {
        return newEntry.equals(entry) ? this : of(newEntry, blocks.values());
    }

    /** The total number of statements plus terminators: a rough measure of program size. */
    public int instructionEstimate() {
        int n = 0;
        for (Block b : blocks.values()) {
            n += b.statements().size() + 1;
        }
        return n;
    }

    /** The largest block id in use, so rewriting passes can make fresh ids above it. */
    public int maxBlockId() {
        int max = 0;
        for (BlockId id : blocks.keySet()) {
            max = Math.max(max, id.value());
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Cfg other && entry.equals(other.entry) && blocks.equals(other.blocks);
    }

    @Override
    public int hashCode() {
        return entry.hashCode() * 31 + blocks.hashCode();
    }

    @Override
    public String toString() {
        return CfgPrinter.print(this);
    }
}
