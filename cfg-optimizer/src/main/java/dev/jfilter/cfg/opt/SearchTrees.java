package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.Operand;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a chain of {@code jeq} tests of one value into a search tree of {@code jgt}/{@code jge}/{@code jeq}, with one
 * range test for each run of consecutive constants that lead to the same place ({@code port 1-1000} as a chain of a
 * thousand tests becomes two).
 *
 * <p>A chain is a block ending in {@code jeq #k1}, whose false edge goes to a block with no statements and only that
 * predecessor ending in {@code jeq #k2}, and so on. Every test of the chain compares the same accumulator, and none
 * can fail, so the chain is a function from the value to a successor: the first test whose constant equals it, or
 * the last false edge. The tree computes the same function, with the same statements before it; nothing else moves.
 *
 * <p>The cost rule: a tree is used when it has no more tests than the chain (ranges pay for themselves), or when the
 * chain has at least {@link #MIN_VALUES} constants: then the tree, whose leaves are chains of at most
 * {@code leafSize} tests, adds about one test per {@code leafSize} to the program and cuts the longest path from one
 * test per constant to about {@code log2(n / leafSize) + leafSize}. A larger {@code leafSize} gives a smaller
 * program with longer paths; {@link #RANGES_ONLY} never splits and so never grows the program.
 *
 * <p>It runs after the optimizer's fixpoint, so no other pass sees (and undoes) the tree.
 */
public final class SearchTrees {
    /** The leaf size the optimizer uses by default. */
    public static final int DEFAULT_LEAF = 8;

    /** A leaf size that never splits: only runs of consecutive constants are merged into range tests. */
    public static final int RANGES_ONLY = Integer.MAX_VALUE;

    /** The fewest constants for which a tree may be larger than the chain it replaces. */
    public static final int MIN_VALUES = 16;

    private SearchTrees() {}

    /** {@code cfg} with its long {@code jeq} chains as search trees whose leaves have at most {@code leafSize} tests. */
    public static Cfg rewrite(Cfg cfg, int leafSize) {
        if (leafSize < 1) {
            throw new IllegalArgumentException("leaf size " + leafSize);
        }
        Map<BlockId, List<BlockId>> preds = cfg.predecessors();
        Set<BlockId> continuations = new HashSet<>();
        for (Block b : cfg.blocks()) {
            if (isContinuation(cfg, preds, b)) {
                continuations.add(b.id());
            }
        }
        Map<BlockId, Block> replaced = new HashMap<>();
        List<Block> added = new ArrayList<>();
        int[] nextId = {cfg.maxBlockId() + 1};
        for (Block head : cfg.blocks()) {
            if (jeqConstant(head) == null || continuations.contains(head.id())) {
                continue;
            }
            List<Block> chain = new ArrayList<>();
            chain.add(head);
            Block last = head;
            while (continuations.contains(((Terminator.Branch) last.terminator()).ifFalse())) {
                last = cfg.block(((Terminator.Branch) last.terminator()).ifFalse());
                chain.add(last);
            }
            if (chain.size() < 2) {
                continue;
            }
            BlockId otherwise = ((Terminator.Branch) last.terminator()).ifFalse();
            TreeMap<Long, BlockId> targets = new TreeMap<>();
            for (Block b : chain) {
                targets.putIfAbsent(Integer.toUnsignedLong(jeqConstant(b)),
                        ((Terminator.Branch) b.terminator()).ifTrue());
            }
            List<Range> ranges = Range.of(targets);
            boolean split = targets.size() >= MIN_VALUES;
            Node tree = build(ranges, 0, MAX, otherwise, split ? leafSize : RANGES_ONLY);
            if (!split && tree.tests() >= chain.size()) {
                continue; // no range to merge: the chain stays as it is
            }
            for (Block b : chain) {
                replaced.put(b.id(), null);
            }
            replaced.put(head.id(), materialize(tree, head.id(), head.statements(), added, nextId));
        }
        if (replaced.isEmpty()) {
            return cfg;
        }
        List<Block> blocks = new ArrayList<>();
        for (Block b : cfg.blocks()) {
            if (!replaced.containsKey(b.id())) {
                blocks.add(b);
            } else if (replaced.get(b.id()) != null) {
                blocks.add(replaced.get(b.id()));
            }
        }
        blocks.addAll(added);
        return Cfg.of(cfg.entry(), blocks);
    }

    private static final long MAX = 0xffffffffL;

    /** The constant of a block ending in {@code jeq #k} with two different successors, or null. */
    private static Integer jeqConstant(Block b) {
        return b.terminator() instanceof Terminator.Branch br && br.condition().op() == JumpOp.JEQ
                && br.condition().operand() instanceof Operand.Constant k && !br.ifTrue().equals(br.ifFalse())
                ? k.value() : null;
    }

    /** A {@code jeq} block with no statements whose only predecessor is a {@code jeq} block failing into it. */
    private static boolean isContinuation(Cfg cfg, Map<BlockId, List<BlockId>> preds, Block b) {
        if (!b.statements().isEmpty() || jeqConstant(b) == null || preds.get(b.id()).size() != 1) {
            return false;
        }
        Block p = cfg.block(preds.get(b.id()).getFirst());
        return jeqConstant(p) != null && ((Terminator.Branch) p.terminator()).ifFalse().equals(b.id());
    }

    /** Consecutive constants {@code lo..hi} (unsigned) that lead to one block. */
    record Range(long lo, long hi, BlockId target) {
        static List<Range> of(TreeMap<Long, BlockId> targets) {
            List<Range> out = new ArrayList<>();
            for (Map.Entry<Long, BlockId> e : targets.entrySet()) {
                Range last = out.isEmpty() ? null : out.getLast();
                if (last != null && last.hi + 1 == e.getKey() && last.target.equals(e.getValue())) {
                    out.set(out.size() - 1, new Range(last.lo, e.getKey(), last.target));
                } else {
                    out.add(new Range(e.getKey(), e.getKey(), e.getValue()));
                }
            }
            return out;
        }

        boolean single() {
            return lo == hi;
        }
    }

    /** A decision tree over the accumulator. */
    sealed interface Node {
        /** The number of tests. */
        int tests();

        /** Goes to a block without a test. */
        record Exit(BlockId target) implements Node {
            @Override
            public int tests() {
                return 0;
            }
        }

        /** {@code A op #k}, with the number of tests of the subtree. */
        record Test(JumpOp op, long k, Node ifTrue, Node ifFalse, int tests) implements Node {
            Test(JumpOp op, long k, Node ifTrue, Node ifFalse) {
                this(op, k, ifTrue, ifFalse, 1 + ifTrue.tests() + ifFalse.tests());
            }
        }
    }

    /** The tree for {@code ranges}, all within {@code [low, high]}, the values the accumulator can still have. */
    static Node build(List<Range> ranges, long low, long high, BlockId otherwise, int leafSize) {
        if (ranges.isEmpty()) {
            return new Node.Exit(otherwise);
        }
        if (ranges.size() == 1) {
            Range r = ranges.getFirst();
            Node in = new Node.Exit(r.target);
            Node out = new Node.Exit(otherwise);
            if (r.lo == low && r.hi == high) {
                return in;
            }
            if (r.single()) {
                return new Node.Test(JumpOp.JEQ, r.lo, in, out);
            }
            if (r.lo == low) {
                return new Node.Test(JumpOp.JGT, r.hi, out, in);
            }
            if (r.hi == high) {
                return new Node.Test(JumpOp.JGE, r.lo, in, out);
            }
            return new Node.Test(JumpOp.JGT, r.hi, out, new Node.Test(JumpOp.JGE, r.lo, in, out));
        }
        int cost = 0;
        for (Range r : ranges) {
            cost += r.single() ? 1 : 2;
        }
        if (cost <= leafSize) {
            return leaf(ranges, low, otherwise);
        }
        int m = ranges.size() / 2;
        long split = ranges.get(m - 1).hi;
        return new Node.Test(JumpOp.JGT, split,
                build(ranges.subList(m, ranges.size()), split + 1, high, otherwise, leafSize),
                build(ranges.subList(0, m), low, split, otherwise, leafSize));
    }

    /** The ranges tested one after the other, in ascending order; the value is at least {@code low}. */
    private static Node leaf(List<Range> ranges, long low, BlockId otherwise) {
        Node next = new Node.Exit(otherwise);
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Range r = ranges.get(i);
            Node in = new Node.Exit(r.target);
            if (r.single()) {
                next = new Node.Test(JumpOp.JEQ, r.lo, in, next);
            } else if (i == 0 && r.lo == low) {
                next = new Node.Test(JumpOp.JGT, r.hi, next, in);
            } else {
                // Below lo, the value is in none of the ranges: the earlier ones were tested, the later ones are higher.
                next = new Node.Test(JumpOp.JGT, r.hi, next, new Node.Test(JumpOp.JGE, r.lo, in,
                        new Node.Exit(otherwise)));
            }
        }
        return next;
    }

    /**
     * Adds the blocks of {@code tree}, its root as block {@code root} with {@code statements}; returns the root. A
     * worklist, not recursion: a tree of ranges only is as deep as it has ranges.
     */
    private static Block materialize(Node tree, BlockId root, List<Stmt> statements, List<Block> added,
            int[] nextId) {
        if (tree instanceof Node.Exit e) {
            return new Block(root, statements, new Terminator.Jump(e.target()));
        }
        Deque<Pending> todo = new ArrayDeque<>();
        todo.push(new Pending((Node.Test) tree, root));
        Block rootBlock = null;
        while (!todo.isEmpty()) {
            Pending p = todo.pop();
            BlockId ifTrue = target(p.test().ifTrue(), todo, nextId);
            BlockId ifFalse = target(p.test().ifFalse(), todo, nextId);
            Block b = new Block(p.id(), p.id().equals(root) ? statements : List.of(),
                    new Terminator.Branch(Condition.of(p.test().op(), (int) p.test().k()), ifTrue, ifFalse));
            if (p.id().equals(root)) {
                rootBlock = b;
            } else {
                added.add(b);
            }
        }
        return rootBlock;
    }

    /** A test still to be turned into a block, and the id it gets. */
    private record Pending(Node.Test test, BlockId id) {}

    private static BlockId target(Node node, Deque<Pending> todo, int[] nextId) {
        return switch (node) {
            case Node.Exit e -> e.target();
            case Node.Test t -> {
                BlockId id = new BlockId(nextId[0]++);
                todo.push(new Pending(t, id));
                yield id;
            }
        };
    }
}
