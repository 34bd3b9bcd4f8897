package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CfgEmitterTest {
    private static final int SNAP = 1000;

    /** {@code P[offset] == v}: a test whose load fails on packets shorter than offset + 1. */
    private static Pred byteIs(int offset, int v) {
        return Checks.eq(LoadSize.BYTE, offset, v);
    }

    private static int run(Pred p, byte[] packet) {
        return CfgInterpreter.run(Lowering.emit(p, SNAP), packet, packet.length, packet.length);
    }

    @Test
    void constantsNeedNoCode() {
        assertThat(Lowering.emit(Pred.TRUE, SNAP).entryBlock().terminator()).isEqualTo(new Terminator.Return(SNAP));
        assertThat(Lowering.emit(Pred.FALSE, SNAP).entryBlock().terminator()).isEqualTo(new Terminator.Return(0));
    }

    @Test
    void anOperandNextToAConstantStillRunsItsLoads() {
        Pred p = byteIs(10, 1);
        byte[] shortPacket = new byte[4];
        // The records keep both operands: p's load fails, and that ends the program with 0.
        assertThat(run(new Pred.Or(p, Pred.TRUE), shortPacket)).isZero();
        assertThat(run(new Pred.And(p, Pred.FALSE), shortPacket)).isZero();
        assertThat(run(new Pred.Or(p, Pred.TRUE), new byte[20])).isEqualTo(SNAP);
        // A constant first decides before p runs.
        assertThat(run(new Pred.Or(Pred.TRUE, p), shortPacket)).isEqualTo(SNAP);
        assertThat(run(new Pred.And(Pred.FALSE, p), shortPacket)).isZero();
    }

    @Test
    void theFactoriesFoldConstantsLikeLibpcapMaster() {
        Pred p = byteIs(10, 1);
        assertThat(Pred.or(p, Pred.TRUE)).isEqualTo(Pred.TRUE);
        assertThat(Pred.and(p, Pred.FALSE)).isEqualTo(Pred.FALSE);
        assertThat(Pred.and(Pred.TRUE, p)).isSameAs(p);
        assertThat(Pred.or(p, Pred.FALSE)).isSameAs(p);
        assertThat(Pred.not(Pred.TRUE)).isEqualTo(Pred.FALSE);
        assertThat(Pred.not(Pred.not(p))).isSameAs(p);
        assertThat(Pred.and(p, p)).isEqualTo(new Pred.And(p, p));
    }

    /** Evaluates a predicate directly, the reference the emitted graph must agree with (-1: a load failed). */
    private static int eval(Pred p, byte[] packet) {
        return switch (p) {
            case Pred.Const c -> c.value() ? 1 : 0;
            case Pred.Test t -> {
                Stmt.LoadAbsolute l = (Stmt.LoadAbsolute) t.statements().getFirst();
                if (l.offset() >= packet.length) {
                    yield -1;
                }
                int a = packet[l.offset()] & 0xff;
                yield t.condition().op().test(a, ((dev.jfilter.cfg.Operand.Constant) t.condition().operand()).value())
                        ? 1 : 0;
            }
            case Pred.Member m -> {
                Stmt.LoadAbsolute l = (Stmt.LoadAbsolute) m.statements().getFirst();
                yield l.offset() >= packet.length ? -1 : m.values().contains(packet[l.offset()] & 0xff) ? 1 : 0;
            }
            case Pred.Not n -> {
                int v = eval(n.operand(), packet);
                yield v < 0 ? v : 1 - v;
            }
            case Pred.And a -> {
                int l = eval(a.left(), packet);
                yield l != 1 ? l : eval(a.right(), packet);
            }
            case Pred.Or o -> {
                int l = eval(o.left(), packet);
                yield l != 0 ? l : eval(o.right(), packet);
            }
            case Pred.Choice c -> {
                int v = eval(c.condition(), packet);
                yield v < 0 ? v : eval(v == 1 ? c.ifTrue() : c.ifFalse(), packet);
            }
            case Pred.SubGraph g -> throw new IllegalArgumentException();
        };
    }

    private static Pred random(Random r, int depth) {
        int k = depth == 0 ? r.nextInt(2) : r.nextInt(8);
        return switch (k) {
            case 0 -> byteIs(r.nextInt(6), r.nextInt(3));
            case 7 -> new Pred.Member(Checks.load(LoadSize.BYTE, r.nextInt(6)), List.of(r.nextInt(3), r.nextInt(3)));
            case 1 -> r.nextInt(4) == 0 ? new Pred.Const(r.nextBoolean()) : byteIs(r.nextInt(6), r.nextInt(3));
            case 2 -> new Pred.Not(random(r, depth - 1));
            case 3, 4 -> new Pred.And(random(r, depth - 1), random(r, depth - 1));
            case 5 -> new Pred.Choice(random(r, depth - 1), random(r, depth - 1), random(r, depth - 1));
            default -> new Pred.Or(random(r, depth - 1), random(r, depth - 1));
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void emittedGraphsEvaluateLikeTheTree(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            Pred p = random(r, 5);
            Cfg cfg = Lowering.emit(p, SNAP);
            for (int n = 0; n < 30; n++) {
                byte[] packet = new byte[r.nextInt(7)];
                for (int j = 0; j < packet.length; j++) {
                    packet[j] = (byte) r.nextInt(3);
                }
                int expected = eval(p, packet);
                int got = CfgInterpreter.run(cfg, packet, packet.length, packet.length);
                assertThat(got).as("%s on %s", p, java.util.Arrays.toString(packet))
                        .isEqualTo(expected == 1 ? SNAP : 0);
            }
        }
    }

    private static int tests(Pred p) {
        return switch (p) {
            case Pred.Test t -> 1;
            case Pred.Member m -> m.values().size();
            case Pred.Const c -> 0;
            case Pred.Not n -> tests(n.operand());
            case Pred.And a -> tests(a.left()) + tests(a.right());
            case Pred.Or o -> tests(o.left()) + tests(o.right());
            case Pred.Choice c -> tests(c.condition()) + tests(c.ifTrue()) + tests(c.ifFalse());
            case Pred.SubGraph g -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void aTreeGetsOneBlockPerTest(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 100; i++) {
            Pred p = random(r, 6);
            // Two returns plus one block per test: the graph is linear in the tree, nothing is duplicated.
            assertThat(Lowering.emit(p, SNAP).size()).isLessThanOrEqualTo(2 + tests(p));
        }
    }

    @Test
    void aPredicateMetAgainWithTheSameContinuationsIsShared() {
        dev.jfilter.cfg.CfgBuilder builder = new dev.jfilter.cfg.CfgBuilder();
        var accept = builder.addReturn(SNAP);
        var reject = builder.addReturn(0);
        CfgEmitter emitter = new CfgEmitter(builder);
        Pred p = new Pred.And(byteIs(0, 1), new Pred.Or(byteIs(1, 1), byteIs(2, 1)));
        var first = emitter.emit(p, accept, reject);
        int size = builder.build(first).size();
        assertThat(emitter.emit(p, accept, reject)).isEqualTo(first);
        // An equal test (another object) with the same continuations is the same block too.
        assertThat(emitter.emit(byteIs(2, 1), accept, reject)).isIn(builder.build(first).blocks().stream()
                .map(dev.jfilter.cfg.Block::id).toList());
        assertThat(builder.build(first).size()).isEqualTo(size);
    }

    @Test
    void longChainsDoNotExhaustTheStack() {
        Pred p = byteIs(0, 0);
        for (int i = 1; i < 100_000; i++) {
            p = new Pred.Or(p, byteIs(i % 50, i % 7));
        }
        Cfg cfg = Lowering.emit(p, SNAP);
        assertThat(cfg.size()).isGreaterThan(300);
        byte[] packet = new byte[60];
        packet[0] = 0;
        assertThat(CfgInterpreter.run(cfg, packet, 60, 60)).isEqualTo(SNAP);
    }

    @Test
    void aSubGraphGetsItsContinuations() {
        Pred g = new Pred.SubGraph("first byte is 7", (cfg, t, f) -> cfg.addBranch(
                List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 0)), Condition.of(JumpOp.JEQ, 7), t, f));
        assertThat(run(new Pred.Not(g), new byte[] {7})).isZero();
        assertThat(run(new Pred.Not(g), new byte[] {8})).isEqualTo(SNAP);
        assertThat(run(new Pred.And(g, byteIs(1, 2)), new byte[] {7, 2})).isEqualTo(SNAP);
    }
}
