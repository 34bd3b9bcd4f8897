package dev.jfilter.cfg.opt;

import dev.jfilter.cfg.Cfg;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the passes over a graph until none changes it. Every pass keeps the program's result on every packet,
 * including the packets on which a load fails; the result is the same program, smaller and faster.
 */
public final class Optimizer {
    /** A bound on rounds; each round shrinks the graph or stops, so this is never reached in practice. */
    private static final int MAX_ROUNDS = 100;

    private static final List<OptimizerPass> PASSES = List.of(
            new GraphSimplification(),
            new BranchFolding(),
            new StatementSimplification(),
            new NoOpStatements(),
            new JumpThreading(),
            new RejectingEdges(),
            new RejectChainGrouping(),
            new DeadCodeElimination(false),
            new DeadCodeElimination(true),
            new JsetPeephole(),
            new CompareFolding(),
            new ArithmeticMerging(),
            new IndexedLoadPeephole(),
            new ConstantResultSinking(),
            new TailMerging(),
            new GraphSimplification());

    /** The leaf size that turns search trees off. */
    public static final int NO_SEARCH_TREES = 0;

    private Optimizer() {}

    /** The passes, in the order each round runs them (for tests that run them one at a time). */
    static List<OptimizerPass> passes() {
        return PASSES;
    }

    /** Optimizes with full reasoning. */
    public static Optimization optimize(Cfg cfg) {
        return optimize(cfg, Reasoning.FULL, false);
    }

    /**
     * Optimizes the graph.
     *
     * @param reasoning how much the analyses may infer from the tests on a path
     * @param recordGraphs whether each step keeps the graph it produced (for {@code jfilter explain})
     */
    public static Optimization optimize(Cfg cfg, Reasoning reasoning, boolean recordGraphs) {
        return optimize(cfg, reasoning, recordGraphs, SearchTrees.DEFAULT_LEAF);
    }

    /**
     * Optimizes the graph, then turns long {@code jeq} chains into {@link SearchTrees} with leaves of at most
     * {@code searchTreeLeaf} tests ({@link #NO_SEARCH_TREES}: none). The trees come after the fixpoint, so no pass
     * undoes them.
     */
    public static Optimization optimize(Cfg cfg, Reasoning reasoning, boolean recordGraphs, int searchTreeLeaf) {
        return AnalysisCache.within(() -> run(cfg, reasoning, recordGraphs, searchTreeLeaf));
    }

    private static Optimization run(Cfg cfg, Reasoning reasoning, boolean recordGraphs, int searchTreeLeaf) {
        List<Optimization.Step> steps = new ArrayList<>();
        Cfg current = cfg;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (OptimizerPass pass : PASSES) {
                Cfg next = pass.run(current, reasoning);
                // Passes return the graph itself when they change nothing; equality is checked only when they do not.
                if (next != current && !next.equals(current)) {
                    steps.add(new Optimization.Step(pass.name(), current.instructionEstimate(),
                            next.instructionEstimate(), recordGraphs ? next : null));
                    current = next;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        if (searchTreeLeaf != NO_SEARCH_TREES) {
            Cfg trees = SearchTrees.rewrite(current, searchTreeLeaf);
            if (!trees.equals(current)) {
                steps.add(new Optimization.Step("search trees", current.instructionEstimate(),
                        trees.instructionEstimate(), recordGraphs ? trees : null));
                current = trees;
            }
        }
        return new Optimization(cfg, current, steps);
    }
}
