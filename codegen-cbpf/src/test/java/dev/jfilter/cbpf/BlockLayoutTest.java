package dev.jfilter.cbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
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
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The block order: topological (every jump forward), and as few {@code ja} as the graph allows. */
class BlockLayoutTest {
    private static List<Stmt> load(int k) {
        return List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, k));
    }

    private static long jas(Cfg cfg) {
        return CbpfGenerator.generate(cfg).disassemble().stream().filter(i -> i instanceof Instruction.Jump).count();
    }

    @Test
    void aJumpIntoAJoinComesRightBeforeItWhenTheOtherPredecessorIsABranch() {
        // B0 branches to B1 and B2; B1 branches into the join B3, B2 jumps there. Placing B2 last saves its ja,
        // although B2 is the false edge of B0 and would come next by the edge rule alone.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        BlockId join = b.addBranch(load(3), Condition.of(JumpOp.JEQ, 3), accept, reject);
        BlockId viaJump = b.add(load(2), new Terminator.Jump(join));
        BlockId viaBranch = b.addBranch(load(1), Condition.of(JumpOp.JEQ, 1), join, reject);
        BlockId entry = b.addBranch(load(0), Condition.of(JumpOp.JEQ, 0), viaBranch, viaJump);
        Cfg cfg = b.build(entry);
        assertThat(BlockLayout.of(cfg).order()).containsExactly(entry, viaBranch, viaJump, join);
        assertThat(jas(cfg)).isZero();
    }

    @Test
    void twoJumpsIntoOneBlockCostOneJa() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        BlockId join = b.addBranch(load(3), Condition.of(JumpOp.JEQ, 3), accept, reject);
        BlockId left = b.add(load(1), new Terminator.Jump(join));
        BlockId right = b.add(load(2), new Terminator.Jump(join));
        BlockId entry = b.addBranch(load(0), Condition.of(JumpOp.JEQ, 0), left, right);
        assertThat(jas(b.build(entry))).isEqualTo(1);
    }

    @Test
    void aChainOfJumpsFallsThrough() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        BlockId last = b.addBranch(load(3), Condition.of(JumpOp.JEQ, 3), accept, reject);
        BlockId middle = b.add(load(2), new Terminator.Jump(last));
        BlockId entry = b.add(load(1), new Terminator.Jump(middle));
        assertThat(jas(b.build(entry))).isZero();
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 300).boxed();
    }

    /** On random graphs: every block once, every edge forward, and a ja only for a jump whose target has another way in. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomGraphsAreLaidOutForwardWithJasOnlyWhereUnavoidable(long seed) {
        Random r = new Random(seed);
        CfgBuilder b = new CfgBuilder();
        List<BlockId> later = new ArrayList<>(List.of(b.addReturn(1), b.addReturn(0)));
        for (int i = 0; i < 3 + r.nextInt(30); i++) {
            BlockId t = later.get(r.nextInt(later.size()));
            BlockId f = later.get(r.nextInt(later.size()));
            later.add(r.nextInt(3) == 0 ? b.add(load(i), new Terminator.Jump(t))
                    : b.addBranch(load(i), Condition.of(JumpOp.JEQ, i), t, f));
        }
        Cfg cfg = b.build(later.getLast());
        BlockLayout layout = BlockLayout.of(cfg);
        Map<BlockId, Integer> position = new HashMap<>();
        for (BlockId id : layout.order()) {
            assertThat(position.put(id, position.size())).isNull();
        }
        int jumpsToSharedTargets = 0;
        Map<BlockId, Integer> jumpsInto = new HashMap<>();
        for (Block block : cfg.blocks()) {
            if (!position.containsKey(block.id())) {
                continue;
            }
            for (BlockId s : layout.effectiveTerminator(block).successors()) {
                if (layout.target(s) instanceof BlockLayout.Target.Code c) {
                    assertThat(position.get(c.block())).isGreaterThan(position.get(block.id()));
                }
            }
            if (layout.effectiveTerminator(block) instanceof Terminator.Jump j
                    && layout.target(j.target()) instanceof BlockLayout.Target.Code c) {
                jumpsInto.merge(c.block(), 1, Integer::sum);
            }
        }
        // A target can follow only one of its jumps directly; the others need a ja (a lower bound any order pays).
        for (int n : jumpsInto.values()) {
            jumpsToSharedTargets += n - 1;
        }
        assertThat(jas(cfg)).isGreaterThanOrEqualTo(jumpsToSharedTargets)
                .isLessThanOrEqualTo(jumpsInto.values().stream().mapToInt(Integer::intValue).sum());
    }
}
