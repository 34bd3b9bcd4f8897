package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural clean-up: a branch with both edges to one block becomes a jump; jumps through empty blocks go straight
 * to where those lead; a block that only one jump enters is merged into its predecessor; blocks with identical
 * statements and terminators (after their successors are merged) become one, so tails and returns are shared.
 */
final class GraphSimplification implements OptimizerPass {
    @Override
    public String name() {
        return "graph simplification";
    }

    @Override
    public Cfg run(Cfg cfg, Reasoning reasoning) {
        Cfg g = cfg.map(GraphSimplification::collapseTrivialBranch);
        g = bypassEmptyBlocks(g);
        g = mergeChains(g);
        return mergeIdentical(g);
    }

    private static Block collapseTrivialBranch(Block b) {
        return b.terminator() instanceof Terminator.Branch br && br.ifTrue().equals(br.ifFalse())
                ? b.withTerminator(new Terminator.Jump(br.ifTrue()))
                : b;
    }

    /** Follows empty jump-only blocks, so no edge ends in one; memoized, so a long chain of them is walked once. */
    private static BlockId resolve(Cfg g, BlockId id, Map<BlockId, BlockId> memo) {
        BlockId known = memo.get(id);
        if (known != null) {
            return known;
        }
        List<BlockId> walked = new ArrayList<>();
        BlockId current = id;
        while (true) {
            BlockId m = memo.get(current);
            if (m != null) {
                current = m;
                break;
            }
            Block b = g.block(current);
            if (!b.statements().isEmpty() || !(b.terminator() instanceof Terminator.Jump j)) {
                break;
            }
            walked.add(current);
            current = j.target();
        }
        for (BlockId w : walked) {
            memo.put(w, current);
        }
        memo.put(id, current);
        return current;
    }

    private static Cfg bypassEmptyBlocks(Cfg g) {
        Map<BlockId, BlockId> memo = new HashMap<>();
        Cfg bypassed = g.map(b -> {
            Terminator t = switch (b.terminator()) {
                case Terminator.Branch br -> {
                    BlockId t2 = resolve(g, br.ifTrue(), memo);
                    BlockId f2 = resolve(g, br.ifFalse(), memo);
                    yield t2.equals(f2) ? new Terminator.Jump(t2) : new Terminator.Branch(br.condition(), t2, f2);
                }
                case Terminator.Jump j -> {
                    Block target = g.block(resolve(g, j.target(), memo));
                    // An empty target's terminator can be taken over whole: the edge costs nothing then.
                    yield target.statements().isEmpty() ? target.terminator() : new Terminator.Jump(target.id());
                }
                case Terminator.Return r -> r;
                case Terminator.ReturnA r -> r;
            };
            return t.equals(b.terminator()) ? b : b.withTerminator(t);
        });
        return bypassed.withEntry(resolve(bypassed, bypassed.entry(), new HashMap<>()));
    }

    private static Cfg mergeChains(Cfg g) {
        Map<BlockId, List<BlockId>> preds = g.predecessors();
        Map<BlockId, Block> merged = new HashMap<>();
        for (Block b : g.blocks()) {
            merged.put(b.id(), b);
        }
        boolean changed = false;
        for (Block original : g.blocks()) {
            Block b = merged.get(original.id());
            if (b == null) {
                continue;
            }
            while (b.terminator() instanceof Terminator.Jump j
                    && !j.target().equals(g.entry())
                    && preds.get(j.target()).size() == 1
                    && merged.containsKey(j.target())) {
                Block next = merged.remove(j.target());
                List<Stmt> stmts = new ArrayList<>(b.statements());
                stmts.addAll(next.statements());
                b = new Block(b.id(), stmts, next.terminator());
                changed = true;
            }
            merged.put(b.id(), b);
        }
        return changed ? Cfg.of(g.entry(), merged.values()) : g;
    }

    private record Shape(List<Stmt> statements, Terminator terminator) {}

    private static Cfg mergeIdentical(Cfg g) {
        Map<BlockId, BlockId> canonical = new HashMap<>();
        Map<Shape, BlockId> byShape = new HashMap<>();
        List<Block> blocks = g.blocks();
        boolean changed = false;
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Block b = blocks.get(i);
            Terminator t = retarget(b.terminator(), canonical);
            BlockId same = byShape.putIfAbsent(new Shape(b.statements(), t), b.id());
            canonical.put(b.id(), same == null ? b.id() : same);
            changed |= same != null;
        }
        if (!changed) {
            return g;
        }
        return Cfg.of(canonical.get(g.entry()), g.blocks().stream()
                .filter(b -> canonical.get(b.id()).equals(b.id()))
                .map(b -> b.withTerminator(retarget(b.terminator(), canonical)))
                .toList());
    }

    private static Terminator retarget(Terminator t, Map<BlockId, BlockId> canonical) {
        return switch (t) {
            case Terminator.Branch br -> new Terminator.Branch(br.condition(),
                    canonical.getOrDefault(br.ifTrue(), br.ifTrue()), canonical.getOrDefault(br.ifFalse(), br.ifFalse()));
            case Terminator.Jump j -> new Terminator.Jump(canonical.getOrDefault(j.target(), j.target()));
            case Terminator.Return r -> r;
            case Terminator.ReturnA r -> r;
        };
    }
}
