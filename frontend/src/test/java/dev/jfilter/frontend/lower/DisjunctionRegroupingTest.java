package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.opt.Optimizer;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.parse.FilterParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link DisjunctionRegrouping}: the shape it gives, and the same verdict on every cut of every frame. */
class DisjunctionRegroupingTest {
    private static final int SNAP = 1000;
    private static final List<byte[]> FRAMES = RegroupingPackets.frames(7, 300);

    private static final List<Stmt> ETHERTYPE = Checks.load(LoadSize.HALF, 12);
    private static final List<Stmt> SRC = Checks.load(LoadSize.WORD, 26);
    private static final List<Stmt> DST = Checks.load(LoadSize.WORD, 30);

    private static Pred is(List<Stmt> load, int v) {
        return new Pred.Test(load, Condition.of(JumpOp.JEQ, v));
    }

    private static Pred or(Pred... ps) {
        Pred acc = ps[0];
        for (int i = 1; i < ps.length; i++) {
            acc = new Pred.Or(acc, ps[i]);
        }
        return acc;
    }

    private static Pred and(Pred a, Pred b) {
        return new Pred.And(a, b);
    }

    /** Both predicates give the same verdict on every frame cut at every length. */
    private static void assertSameVerdicts(Pred original, Pred regrouped) {
        Cfg a = Lowering.emit(original, SNAP);
        Cfg b = Lowering.emit(regrouped, SNAP);
        for (byte[] frame : FRAMES) {
            for (int cut = 0; cut <= frame.length; cut++) {
                byte[] p = Arrays.copyOf(frame, cut);
                assertThat(CfgInterpreter.run(b, p, cut, frame.length))
                        .as("%s on %s", regrouped, Arrays.toString(p))
                        .isEqualTo(CfgInterpreter.run(a, p, cut, frame.length));
            }
        }
    }

    private static Pred regrouped(Pred p) {
        Pred r = DisjunctionRegrouping.apply(p);
        assertSameVerdicts(p, r);
        return r;
    }

    @Test
    void nestedOrsAreOneList() {
        Pred p = new Pred.Or(is(SRC, 1), new Pred.Or(is(SRC, 2), is(SRC, 3)));
        assertThat(regrouped(p)).isEqualTo(new Pred.Member(SRC, List.of(1, 2, 3)));
    }

    @Test
    void negatedConjunctsBecomeANegatedDisjunction() {
        Pred p = and(new Pred.Not(is(SRC, 1)), new Pred.Not(is(SRC, 2)));
        assertThat(regrouped(p)).isEqualTo(new Pred.Not(new Pred.Member(SRC, List.of(1, 2))));
    }

    @Test
    void aSwitchGroupsTheDisjunctsOfEachConstantInOrder() {
        Pred ip = is(ETHERTYPE, 0x800);
        Pred arp = is(ETHERTYPE, 0x806);
        Pred a = is(SRC, 1);
        Pred b = is(SRC, 2);
        Pred c = is(DST, 3);
        Pred p = or(and(ip, a), and(arp, b), and(ip, c));
        Pred r = regrouped(p);
        assertThat(r).isEqualTo(or(and(ip, or(a, c)), and(arp, b)));
    }

    @Test
    void eachConstantKeepsItsOwnBodyAndConsecutiveBareConstantsJoin() {
        Pred body = or(is(SRC, 1), is(DST, 1));
        Pred p = or(and(is(ETHERTYPE, 0x806), body), is(ETHERTYPE, 0x86dd), is(ETHERTYPE, 0x800),
                and(is(ETHERTYPE, 0x8035), body), is(ETHERTYPE, 0x800));
        Pred r = regrouped(p);
        // ARP and RARP keep a body each, so that a later "not arp" is decided on the ARP path.
        assertThat(r).isEqualTo(or(and(is(ETHERTYPE, 0x806), body), new Pred.Member(ETHERTYPE, List.of(0x86dd, 0x800)),
                and(is(ETHERTYPE, 0x8035), body)));
    }

    @Test
    void equalHeadsFactorOut() {
        Pred head = new Pred.Not(new Pred.Test(Checks.load(LoadSize.HALF, 20), Condition.of(JumpOp.JSET, 0x1fff)));
        Pred a = is(DST, 1);
        Pred b = is(DST, 2);
        Pred r = regrouped(or(and(head, a), and(head, b)));
        assertThat(r).isEqualTo(and(head, new Pred.Member(DST, List.of(1, 2))));
    }

    @Test
    void pureTestsJoinTheirValuesMembershipButNeverPassALoad() {
        // host 1 or host 2: src == 2 may not run before dst is loaded, which can fail.
        Pred p = or(is(SRC, 1), is(DST, 1), is(SRC, 2), is(DST, 2));
        Pred r = regrouped(p);
        assertThat(r).isEqualTo(or(is(SRC, 1), new Pred.Member(DST, List.of(1, 2)), is(SRC, 2)));
        // A frame cut between the two addresses, whose source is 2: both programs fail the load of dst.
        byte[] frame = RegroupingPackets.frames(1, 1).getFirst();
        byte[] cut = Arrays.copyOf(frame, 30);
        cut[26] = 0;
        cut[27] = 0;
        cut[28] = 0;
        cut[29] = 2;
        assertThat(CfgInterpreter.run(Lowering.emit(r, SNAP), cut, 30, 60)).isZero();
    }

    @Test
    void aTestThatIsNotAJeqStaysFirstAndTheRestStillGroups() {
        Pred big = new Pred.Test(SRC, Condition.of(JumpOp.JGT, 100));
        Pred p = or(is(SRC, 1), big, is(SRC, 2), is(DST, 5));
        Pred r = regrouped(p);
        // src ran at the first test: every later test of src is pure, so the jgt no longer leads anything.
        assertThat(Junctions.disjuncts(r)).hasSize(3);
    }

    @Test
    void scratchLoadsAreBarriers() {
        List<Stmt> fromScratch = List.of(new Stmt.LoadScratch(Register.X, 1), new Stmt.LoadIndirect(LoadSize.HALF, 12));
        Pred p = or(is(fromScratch, 1), is(fromScratch, 2));
        assertThat(DisjunctionRegrouping.apply(p)).isEqualTo(p);
    }

    @Test
    void aTestThatReadsWhatRanBeforeItFreezesThePredicate() {
        // "A + 1 == 2" reads the accumulator the previous test left: nothing may be reordered.
        Pred readsA = new Pred.Test(List.of(new Stmt.AluConstant(dev.jfilter.cfg.AluOp.ADD, 1)),
                Condition.of(JumpOp.JEQ, 2));
        Pred p = or(is(SRC, 1), is(DST, 1), is(SRC, 2), and(is(DST, 2), readsA));
        assertThat(DisjunctionRegrouping.apply(p)).isSameAs(p);
    }

    @Test
    void constantsKeepTheLoadsBeforeThem() {
        Pred p = or(is(SRC, 1), Pred.TRUE, is(DST, 1));
        Pred r = regrouped(p);
        assertThat(r).isEqualTo(or(is(SRC, 1), Pred.TRUE));
    }

    private static Cfg lower(String expression, boolean regroup) {
        var ast = ((Result.Ok<java.util.Optional<dev.jfilter.frontend.ast.FilterExpr>>) FilterParser.parse(expression))
                .value();
        return ((Result.Ok<Cfg>) Lowering.lower(ast, CompileOptions.of(LinkType.EN10MB), regroup)).value();
    }

    private static long blocksLoading(Cfg cfg, Stmt load) {
        return cfg.blocks().stream().filter(b -> b.statements().contains(load)).count();
    }

    @Test
    void hostsLoadEachArpAddressOncePerConstantRunAndTheOptimizerSharesTheArpAndRarpBodies() {
        Stmt arpTarget = new Stmt.LoadAbsolute(LoadSize.WORD, 38);
        Cfg plain = lower("host 10.0.0.1 or host 10.0.0.2 or host 10.0.0.3", false);
        Cfg regrouped = lower("host 10.0.0.1 or host 10.0.0.2 or host 10.0.0.3", true);
        // ARP and RARP for each of three hosts; then one body each, which the optimizer finds equal.
        assertThat(blocksLoading(plain, arpTarget)).isEqualTo(6);
        assertThat(blocksLoading(regrouped, arpTarget)).isEqualTo(2);
        assertThat(blocksLoading(Optimizer.optimize(regrouped).after(), arpTarget)).isEqualTo(1);
        assertThat(regrouped.instructionEstimate()).isLessThan(plain.instructionEstimate());
    }

    @Test
    void aLaterTestOfTheSwitchedValueIsStillDecidedOnEachPath() {
        // "and not arp": on the ARP path the body's success leads to rejection, so its tests go away.
        Cfg optimized = Optimizer.optimize(lower("host 192.168.1.1 and not arp", true)).after();
        assertThat(blocksLoading(optimized, new Stmt.LoadAbsolute(LoadSize.WORD, 38))).isEqualTo(1);
        assertThat(optimized.instructionEstimate()).isLessThanOrEqualTo(14); // libpcap 1.10.3: 14 instructions
    }

    @Test
    void portsLoadTheTransportHeaderThroughTheHeaderLength() {
        // ldxb 4*([14]&0xf); ldh [x+14] is self-contained: the ports of a chain join one membership test.
        Stmt srcPort = new Stmt.LoadIndirect(LoadSize.HALF, 14);
        Cfg plain = lower("port 20 or port 21 or port 22 or port 23", false);
        Cfg regrouped = lower("port 20 or port 21 or port 22 or port 23", true);
        assertThat(blocksLoading(plain, srcPort)).isEqualTo(4);
        assertThat(blocksLoading(regrouped, srcPort)).isEqualTo(2);
    }
}
