package dev.jfilter.cfg.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTreesTest {
    /** A chain {@code ld [0]; jeq k1 -> ret r1; jeq k2 -> ret r2; ...; ret 0}, each constant with its return. */
    private static Cfg chain(List<Integer> constants, List<Integer> results) {
        CfgBuilder b = new CfgBuilder();
        Map<Integer, BlockId> returns = new HashMap<>();
        BlockId next = b.addReturn(0);
        returns.put(0, next);
        for (int i = constants.size() - 1; i >= 0; i--) {
            BlockId ret = returns.computeIfAbsent(results.get(i), b::addReturn);
            List<Stmt> s = i == 0 ? List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 0)) : List.of();
            next = b.addBranch(s, Condition.of(JumpOp.JEQ, constants.get(i)), ret, next);
        }
        return b.build(next);
    }

    private static int run(Cfg cfg, long value) {
        byte[] p = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return CfgInterpreter.run(cfg, p, 4, 4);
    }

    /** Every constant, its neighbours, the ends of the domain and the points between constants. */
    private static TreeSet<Long> boundaries(List<Integer> constants) {
        TreeSet<Long> values = new TreeSet<>(List.of(0L, 1L, 0xfffffffeL, 0xffffffffL, 0x80000000L, 0x7fffffffL));
        for (int k : constants) {
            long u = Integer.toUnsignedLong(k);
            for (long d = -2; d <= 2; d++) {
                if (u + d >= 0 && u + d <= 0xffffffffL) {
                    values.add(u + d);
                }
            }
        }
        List<Long> sorted = new ArrayList<>(values);
        for (int i = 1; i < sorted.size(); i++) {
            values.add((sorted.get(i - 1) + sorted.get(i)) / 2);
        }
        return values;
    }

    private static int tests(Cfg cfg) {
        return (int) cfg.blocks().stream().filter(b -> b.terminator() instanceof Terminator.Branch).count();
    }

    /** The most tests any value meets. */
    private static int longestPath(Cfg cfg) {
        Map<BlockId, Integer> memo = new HashMap<>();
        List<Block> blocks = new ArrayList<>(cfg.blocks());
        java.util.Collections.reverse(blocks);
        for (Block b : blocks) {
            int depth = 0;
            for (BlockId s : b.terminator().successors()) {
                depth = Math.max(depth, memo.get(s));
            }
            memo.put(b.id(), depth + (b.terminator() instanceof Terminator.Branch ? 1 : 0));
        }
        return memo.get(cfg.entry());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void treesAgreeWithTheChainOnEveryBoundary(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(200);
        List<Integer> constants = new ArrayList<>();
        List<Integer> results = new ArrayList<>();
        int base = r.nextInt();
        for (int i = 0; i < n; i++) {
            // Runs of consecutive constants, repeats (the first one decides), the ends of the unsigned domain.
            int k = switch (r.nextInt(6)) {
                case 0 -> base + i;
                case 1 -> constants.isEmpty() ? 7 : constants.get(r.nextInt(constants.size()));
                case 2 -> r.nextBoolean() ? 0 : -1;
                default -> r.nextInt(1000);
            };
            constants.add(k);
            results.add(1 + r.nextInt(r.nextBoolean() ? 1 : 3));
        }
        Cfg chain = chain(constants, results);
        for (int leaf : new int[] {1, 2, 3, SearchTrees.DEFAULT_LEAF, 50, SearchTrees.RANGES_ONLY}) {
            Cfg tree = SearchTrees.rewrite(chain, leaf);
            for (long v : boundaries(constants)) {
                assertThat(run(tree, v)).as("value %d, leaf %d, constants %s", v, leaf, constants)
                        .isEqualTo(run(chain, v));
            }
            if (leaf == SearchTrees.RANGES_ONLY) {
                assertThat(tests(tree)).as("ranges only never grow the program").isLessThanOrEqualTo(tests(chain));
            }
        }
    }

    @Test
    void aRunOfConsecutiveConstantsIsTwoTests() {
        List<Integer> ports = new ArrayList<>();
        for (int p = 1000; p >= 1; p--) {
            ports.add(p);
        }
        Cfg chain = chain(ports, java.util.Collections.nCopies(1000, 5));
        Cfg tree = SearchTrees.rewrite(chain, SearchTrees.DEFAULT_LEAF);
        assertThat(tests(tree)).isEqualTo(2);
        for (long v : boundaries(List.of(0, 1, 1000, 1001))) {
            assertThat(run(tree, v)).isEqualTo(run(chain, v));
        }
    }

    @Test
    void aLongChainBecomesABalancedTree() {
        Random r = new Random(99);
        TreeSet<Integer> distinct = new TreeSet<>();
        while (distinct.size() < 1000) {
            distinct.add(r.nextInt() & 0x7ffffff0); // no two consecutive
            distinct.removeIf(k -> distinct.contains(k + 1));
        }
        List<Integer> constants = new ArrayList<>(distinct);
        java.util.Collections.shuffle(constants, r);
        Cfg chain = chain(constants, java.util.Collections.nCopies(constants.size(), 7));
        Cfg tree = SearchTrees.rewrite(chain, SearchTrees.DEFAULT_LEAF);
        assertThat(longestPath(chain)).isEqualTo(1000);
        // log2(1000 / 8) + 8 tests at most, and about one test more per leaf of eight.
        assertThat(longestPath(tree)).isLessThanOrEqualTo(8 + 8);
        assertThat(tests(tree)).isLessThanOrEqualTo(1000 + 1000 / 8 + 8);
        for (long v : boundaries(constants)) {
            assertThat(run(tree, v)).isEqualTo(run(chain, v));
        }
    }

    @Test
    void shortChainsWithoutRangesStayChains() {
        Cfg chain = chain(List.of(80, 443, 8080), List.of(1, 1, 1));
        assertThat(SearchTrees.rewrite(chain, SearchTrees.DEFAULT_LEAF)).isSameAs(chain);
        Cfg ranged = chain(List.of(20, 21, 22, 23), List.of(1, 1, 1, 1));
        assertThat(tests(SearchTrees.rewrite(ranged, SearchTrees.DEFAULT_LEAF))).isEqualTo(2);
    }

    @Test
    void aBlockWithTwoPredecessorsEndsAChain() {
        // Two heads share the tail jeq #3 -> ret 1 / ret 0: the shared tail is its own chain, and both stay right.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        BlockId tail = b.addBranch(List.of(), Condition.of(JumpOp.JEQ, 3), accept, reject);
        BlockId second = b.addBranch(List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 0)), Condition.of(JumpOp.JEQ, 2),
                accept, tail);
        BlockId first = b.addBranch(List.of(new Stmt.LoadAbsolute(LoadSize.WORD, 0)), Condition.of(JumpOp.JGT, 100),
                second, tail);
        Cfg cfg = b.build(first);
        Cfg rewritten = SearchTrees.rewrite(cfg, 1);
        for (long v : boundaries(List.of(2, 3, 100))) {
            assertThat(run(rewritten, v)).isEqualTo(run(cfg, v));
        }
    }

    @Test
    void theOptimizerBuildsTreesAfterItsFixpoint() {
        List<Integer> constants = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            constants.add(i * 3);
        }
        Cfg chain = chain(constants, java.util.Collections.nCopies(64, 9));
        Optimization o = Optimizer.optimize(chain);
        assertThat(o.steps().getLast().pass()).isEqualTo("search trees");
        assertThat(longestPath(o.after())).isLessThan(20);
        assertThat(Optimizer.optimize(chain, Reasoning.FULL, false, Optimizer.NO_SEARCH_TREES).steps())
                .noneMatch(s -> s.pass().equals("search trees"));
    }
}
