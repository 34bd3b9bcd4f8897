package dev.jfilter.cfg.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Block;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgDiff;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CfgDiff}, which {@code jfilter explain} prints for each optimizer step: applied to the graph before a step,
 * it gives the graph after. (In this package for the random graphs of {@link RandomCfgs}.)
 */
class CfgDiffTest {
    private static final BlockId ACCEPT = new BlockId(0);
    private static final BlockId REJECT = new BlockId(1);

    static Stream<Long> seeds() {
        return LongStream.range(0, 150).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theDiffOfEveryOptimizerStepTurnsTheGraphBeforeIntoTheGraphAfter(long seed) {
        Random r = new Random(seed);
        Optimization o = Optimizer.optimize(RandomCfgs.cfg(r, 4 + r.nextInt(40)), Reasoning.FULL, true);
        Cfg previous = o.before();
        for (Optimization.Step step : o.steps()) {
            CfgDiff diff = CfgDiff.between(previous, step.result());
            assertThat(diff.isEmpty()).as("a step is recorded only when it changed the graph").isFalse();
            assertThat(apply(previous, diff)).as("%s on\n%s", step.pass(), previous).isEqualTo(step.result());
            previous = step.result();
        }
        assertThat(previous).isEqualTo(o.after());
        assertThat(CfgDiff.between(o.after(), o.after()).isEmpty()).isTrue();
    }

    @Test
    void aRewrittenBlockShowsItsRemovedAndAddedStatementsAndItsTerminatorBeforeAndAfter() {
        Stmt ldh12 = new Stmt.LoadAbsolute(LoadSize.HALF, 12);
        Stmt ld26 = new Stmt.LoadAbsolute(LoadSize.WORD, 26);
        Stmt ld30 = new Stmt.LoadAbsolute(LoadSize.WORD, 30);
        Stmt tax = new Stmt.Tax();
        Cfg before = graph(new BlockId(2),
                new Block(new BlockId(2), List.of(ldh12, ld26, tax), branch(0x800, new BlockId(3), REJECT)),
                new Block(new BlockId(3), List.of(ld30), branch(1, ACCEPT, REJECT)));
        Cfg after = graph(new BlockId(2),
                new Block(new BlockId(2), List.of(ld26, ld30, tax), branch(0x800, new BlockId(4), REJECT)),
                new Block(new BlockId(4), List.of(), new Terminator.Jump(ACCEPT)));

        CfgDiff diff = CfgDiff.between(before, after);

        assertThat(diff.format()).isEqualTo("""
                removed B3: ld [30]; jeq #0x1  jt B0  jf B1
                added   B4: ja B0
                changed B2:
                   - ldh [12]
                     ld [26]
                   + ld [30]
                     tax
                   - jeq #0x800  jt B3  jf B1
                   + jeq #0x800  jt B4  jf B1
                """);
        assertThat(diff.entryBefore()).isEmpty();
    }

    @Test
    void aNewEntryIsReported() {
        Cfg before = graph(new BlockId(2), new Block(new BlockId(2), List.of(), branch(1, ACCEPT, REJECT)));
        Cfg after = before.withEntry(ACCEPT);
        assertThat(CfgDiff.between(before, after).format()).startsWith("entry B2 -> B0\n");
    }

    private static Terminator branch(int k, BlockId t, BlockId f) {
        return new Terminator.Branch(Condition.of(JumpOp.JEQ, k), t, f);
    }

    private static Cfg graph(BlockId entry, Block... blocks) {
        List<Block> all = new ArrayList<>(List.of(blocks));
        all.add(new Block(ACCEPT, List.of(), new Terminator.Return(262144)));
        all.add(new Block(REJECT, List.of(new Stmt.LoadConstant(Register.A, 0)), new Terminator.Return(0)));
        return Cfg.of(entry, all);
    }

    /** The graph {@code diff} describes, rebuilt from {@code before} and the diff alone. */
    private static Cfg apply(Cfg before, CfgDiff diff) {
        Map<BlockId, Block> blocks = new LinkedHashMap<>();
        for (Block b : before.blocks()) {
            blocks.put(b.id(), b);
        }
        diff.removed().forEach(b -> blocks.remove(b.id()));
        diff.added().forEach(b -> blocks.put(b.id(), b));
        for (CfgDiff.Rewrite rw : diff.rewritten()) {
            Block old = blocks.get(rw.before().id());
            assertThat(old).isEqualTo(rw.before());
            List<Stmt> kept = rw.statementEdits().stream()
                    .filter(e -> e.kind() != CfgDiff.Edit.Kind.ADDED).map(CfgDiff.Edit::statement).toList();
            assertThat(kept).as("the edits without the added lines are the old block").isEqualTo(old.statements());
            List<Stmt> statements = rw.statementEdits().stream()
                    .filter(e -> e.kind() != CfgDiff.Edit.Kind.REMOVED).map(CfgDiff.Edit::statement).toList();
            Terminator terminator = rw.terminatorChanged() ? rw.after().terminator() : old.terminator();
            blocks.put(old.id(), new Block(old.id(), statements, terminator));
        }
        return Cfg.of(diff.entryAfter(), blocks.values());
    }
}
