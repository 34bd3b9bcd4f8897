package dev.jfilter.cfg.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pass alone keeps the program's result on every packet, truncated ones included: on random graphs, and on
 * random chains of tests over a few packet fields (the shapes filters have: {@code and}/{@code or}/{@code not} of
 * comparisons), where the reordering and threading passes find the most to do.
 */
class PassPropertyTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, Long.getLong("jfilter.propertySeeds", 400)).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachPassAloneKeepsTheResultOnRandomGraphs(long seed) {
        Random r = new Random(seed);
        check(RandomCfgs.cfg(r, 4 + r.nextInt(40)), r);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachPassAloneAndTheOptimizerKeepTheResultOnRandomTestChains(long seed) {
        Random r = new Random(seed);
        Cfg chain = chain(r);
        check(chain, r);
        for (Reasoning reasoning : Reasoning.values()) {
            agree(chain, Optimizer.optimize(chain, reasoning, false).after(), r, "optimizer " + reasoning);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void groupingARejectionChainKeepsTheResult(long seed) {
        Random r = new Random(seed);
        Cfg chain = rejectionChain(r);
        Cfg grouped = new RejectChainGrouping().run(chain, Reasoning.FULL);
        agree(chain, grouped, r, "grouping");
        agree(chain, Optimizer.optimize(chain).after(), r, "optimizer");
    }

    /** Blocks that each reject on one outcome and go on to the next, ending in an accept or a {@code ret a}. */
    static Cfg rejectionChain(Random r) {
        CfgBuilder b = new CfgBuilder();
        BlockId reject = b.addReturn(0);
        // The exit sometimes reads A, and then the chain must stay as it is.
        BlockId exit = r.nextInt(4) == 0 ? b.add(List.of(), new dev.jfilter.cfg.Terminator.ReturnA()) : b.addReturn(1);
        BlockId next = exit;
        int n = 2 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            List<Stmt> stmts = new ArrayList<>();
            if (i == n - 1 || r.nextInt(4) != 0) {
                if (r.nextInt(6) == 0) {
                    stmts.add(new Stmt.LoadIpHeaderLength(20));
                    stmts.add(new Stmt.LoadIndirect(LoadSize.BYTE, r.nextInt(4)));
                } else {
                    stmts.add(new Stmt.LoadAbsolute(r.nextBoolean() ? LoadSize.HALF : LoadSize.BYTE,
                            20 + 2 * r.nextInt(4)));
                }
                if (r.nextInt(4) == 0) {
                    stmts.add(new Stmt.AluConstant(AluOp.ADD, 1));
                }
            }
            Condition c = Condition.of(r.nextInt(4) == 0 ? JumpOp.JGT : JumpOp.JEQ, r.nextInt(3));
            next = r.nextBoolean() ? b.addBranch(stmts, c, reject, next) : b.addBranch(stmts, c, next, reject);
        }
        return b.build(next);
    }

    private static void check(Cfg cfg, Random r) {
        for (OptimizerPass pass : Optimizer.passes()) {
            for (Reasoning reasoning : Reasoning.values()) {
                agree(cfg, pass.run(cfg, reasoning), r, pass.name() + " " + reasoning);
            }
        }
    }

    private static void agree(Cfg before, Cfg after, Random r, String what) {
        for (int i = 0; i < 200; i++) {
            byte[] p = packet(r);
            assertThat(CfgInterpreter.run(after, p, p.length, p.length))
                    .as("%s, packet %s\nbefore:\n%s\nafter:\n%s", what, HexFormat.of().formatHex(p), before, after)
                    .isEqualTo(CfgInterpreter.run(before, p, p.length, p.length));
        }
    }

    /** Packets up to 40 bytes of 0, 1 and 2, so tests on the fields go both ways and loads fail now and then. */
    static byte[] packet(Random r) {
        byte[] p = new byte[r.nextInt(41)];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(3);
        }
        return p;
    }

    /**
     * Blocks built from the last to the first, each loading one of a few fields (sometimes masked, sometimes not
     * loading at all and testing what {@code A} holds) and going to an accept, a reject, or an earlier-built block;
     * in half the graphs most blocks reject on one outcome and go on to the block built before on the other.
     */
    static Cfg chain(Random r) {
        CfgBuilder b = new CfgBuilder();
        List<BlockId> later = new ArrayList<>();
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        later.add(accept);
        later.add(reject);
        int n = 2 + r.nextInt(10);
        // Half the graphs are mostly rejection chains (not (a or b or c)), the shape tests may be reordered in.
        boolean rejecting = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            List<Stmt> stmts = new ArrayList<>();
            if (r.nextInt(4) != 0) {
                int offset = 20 + 2 * r.nextInt(8);
                stmts.add(new Stmt.LoadAbsolute(r.nextBoolean() ? LoadSize.HALF : LoadSize.BYTE, offset));
                if (r.nextInt(4) == 0) {
                    stmts.add(new Stmt.AluConstant(AluOp.AND, 0x101));
                }
            }
            BlockId previous = later.getLast();
            BlockId t = r.nextInt(3) == 0 ? later.get(r.nextInt(later.size())) : r.nextBoolean() ? reject : accept;
            BlockId f = r.nextBoolean() ? previous : later.get(r.nextInt(later.size()));
            if (rejecting && r.nextInt(4) != 0) {
                t = reject;
                f = previous;
            }
            if (r.nextBoolean()) {
                BlockId swap = t;
                t = f;
                f = swap;
            }
            JumpOp op = r.nextInt(4) == 0 ? JumpOp.JGT : JumpOp.JEQ;
            later.add(b.addBranch(stmts, Condition.of(op, r.nextInt(3)), t, f));
        }
        return b.build(later.getLast());
    }
}
