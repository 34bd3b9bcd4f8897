/**
 * The optimizer: passes that rewrite a {@link dev.jfilter.cfg.Cfg} into a smaller, faster one with the same result on
 * every packet. The analyses follow McCanne and Jacobson's BPF paper and libpcap's {@code optimize.c} (value numbering
 * of loads and arithmetic, predicates decided by the tests on the path to a block), with one rule libpcap breaks:
 * a packet load that can run past the captured bytes ends the program with 0, so no pass removes, reorders or hoists a
 * load unless the analysis proves it cannot fail, that the same load already succeeded on every path, or that every
 * way on returns 0 anyway.
 *
 * <p>{@link dev.jfilter.cfg.opt.Optimizer} runs the passes in rounds until none changes the graph. One small class a
 * pass: structural clean-up and merging of identical blocks ({@code GraphSimplification}), redundant-predicate
 * elimination ({@code BranchFolding}), value numbering and constant folding over the whole graph, joins included
 * ({@code StatementSimplification}, {@code NoOpStatements}), jump threading ({@code JumpThreading}), edges that can
 * only reject ({@code RejectingEdges}), reordering of rejecting tests ({@code RejectChainGrouping}), dead statements
 * and stores ({@code DeadCodeElimination}), peepholes ({@code JsetPeephole}, {@code CompareFolding},
 * {@code ArithmeticMerging}, {@code IndexedLoadPeephole}), dead blocks ({@code ConstantResultSinking}) and shared
 * tails ({@code TailMerging}). The analyses ({@code ValueAnalysis}, {@code Liveness}, {@code Anticipation}) are linear
 * in the size of the graph: facts are persistent maps ({@code IntMap}) shared between blocks, and a pass that changes
 * nothing hands the next one the same graph, whose analyses are then reused ({@code AnalysisCache}). After the
 * fixpoint, {@code SearchTrees} turns long {@code jeq} chains on one value into {@code jgt}/{@code jge}/{@code jeq}
 * trees with range tests, with a leaf size the caller picks (the runtime keeps programs within the kernel's limit).
 *
 * @see <a href="https://www.tcpdump.org/papers/bpf-usenix93.pdf">The BSD Packet Filter, section 4</a>
 */
package dev.jfilter.cfg.opt;
