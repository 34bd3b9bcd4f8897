package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tail merging (cross-jumping): blocks that end in the same statements and the same terminator share one copy of that
 * tail, and jump to it. Identical whole blocks are {@link GraphSimplification}'s; this takes the common end of blocks
 * that differ in their beginning. In classic BPF each jump but one may cost a {@code ja}, so a tail is shared only when
 * that saves instructions even if every block needs one. The statements run in the same order on every path, so
 * nothing moves past a load.
 */
final class TailMerging implements OptimizerPass {
    @Override
    public String name() {
        return "tail merging";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        // Blocks by terminator and last statement: only those can share a tail.
        Map<List<Object>, List<Block>> candidates = new LinkedHashMap<>();
        for (Block b : cfg.blocks()) {
            if (!b.statements().isEmpty() && !(b.terminator() instanceof Terminator.Jump)) {
                candidates.computeIfAbsent(List.of(b.terminator(), b.statements().getLast()), k -> new ArrayList<>())
                        .add(b);
            }
        }
        Map<BlockId, Block> replaced = new HashMap<>();
        List<Block> added = new ArrayList<>();
        int nextId = cfg.maxBlockId() + 1;
        for (List<Block> group : candidates.values()) {
            if (group.size() < 2) {
                continue;
            }
            int common = commonSuffix(group);
            int n = group.size();
            // Before: n copies of the tail; after: one copy and at most n jumps.
            if ((n - 1) * common <= n) {
                continue;
            }
            Block first = group.getFirst();
            List<Stmt> tail = first.statements().subList(first.statements().size() - common, first.statements().size());
            Block shared = new Block(new BlockId(nextId++), tail, first.terminator());
            added.add(shared);
            for (Block b : group) {
                List<Stmt> head = b.statements().subList(0, b.statements().size() - common);
                replaced.put(b.id(), new Block(b.id(), head, new Terminator.Jump(shared.id())));
            }
        }
        if (replaced.isEmpty()) {
            return cfg;
        }
        List<Block> blocks = new ArrayList<>();
        for (Block b : cfg.blocks()) {
            blocks.add(replaced.getOrDefault(b.id(), b));
        }
        blocks.addAll(added);
        return Cfg.of(cfg.entry(), blocks);
    }

    /** The number of statements all blocks of the group end with. */
    private static int commonSuffix(List<Block> group) {
        int common = Integer.MAX_VALUE;
        List<Stmt> reference = group.getFirst().statements();
        for (Block b : group.subList(1, group.size())) {
            List<Stmt> s = b.statements();
            int k = 0;
            while (k < s.size() && k < reference.size()
                    && s.get(s.size() - 1 - k).equals(reference.get(reference.size() - 1 - k))) {
                k++;
            }
            common = Math.min(common, k);
        }
        return common;
    }
}
