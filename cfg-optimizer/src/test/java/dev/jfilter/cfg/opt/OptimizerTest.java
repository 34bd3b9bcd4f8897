package dev.jfilter.cfg.opt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.CfgPrinter;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static final int ACCEPT = 262144;

    private static Stmt ldh(int k) {
        return new Stmt.LoadAbsolute(LoadSize.HALF, k);
    }

    @Test
    void aTestRepeatedOnEveryPathIsDecided() {
        // ip and ip: libpcap's unoptimized shape tests the EtherType twice.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId second = b.addBranch(List.of(ldh(12)), Condition.of(JumpOp.JEQ, 0x800), accept, reject);
        BlockId first = b.addBranch(List.of(ldh(12)), Condition.of(JumpOp.JEQ, 0x800), second, reject);
        Cfg optimized = Optimizer.optimize(b.build(first)).after();

        assertThat(CfgPrinter.print(optimized)).isEqualTo("""
                B3 (entry):
                    ldh [12]
                    jeq #0x800  jt B0  jf B1
                B0:
                    ret #262144
                B1:
                    ret #0
                """);
    }

    @Test
    void contradictoryTestsRejectEveryPacketInBothReasonings() {
        // ip and ip6
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId ip6 = b.addBranch(List.of(ldh(12)), Condition.of(JumpOp.JEQ, 0x86dd), accept, reject);
        BlockId ip = b.addBranch(List.of(ldh(12)), Condition.of(JumpOp.JEQ, 0x800), ip6, reject);
        for (Reasoning reasoning : Reasoning.values()) {
            Optimization o = Optimizer.optimize(b.build(ip), reasoning, false);
            assertThat(o.rejectsEveryPacket()).as(reasoning.name()).isTrue();
        }
    }

    @Test
    void rangesDecideMoreUnderFullReasoningOnly() {
        // ether[0] > 300 can never hold for a byte, but libpcap does not know that.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId entry = b.addBranch(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 0)),
                Condition.of(JumpOp.JGT, 300), accept, reject);
        Cfg cfg = b.build(entry);
        assertThat(Optimizer.optimize(cfg, Reasoning.FULL, false).rejectsEveryPacket()).isTrue();
        assertThat(Optimizer.optimize(cfg, Reasoning.LIBPCAP, false).rejectsEveryPacket()).isFalse();
    }

    @Test
    void anUnusedLoadThatMayFailStays() {
        // ether[100] = 1 or 1 = 1 (in effect): the load decides on packets shorter than 101 bytes.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId entry = b.add(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 100)), new Terminator.Jump(accept));
        Cfg optimized = Optimizer.optimize(b.build(entry)).after();
        assertThat(CfgInterpreter.run(optimized, new byte[50], 50, 50)).isZero();
        assertThat(CfgInterpreter.run(optimized, new byte[101], 101, 101)).isEqualTo(ACCEPT);
    }

    @Test
    void anUnusedLoadThatCannotFailGoes() {
        // After [12:2] succeeded, [0:1] cannot fail, so when nothing reads it, it is dead.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId entry = b.addBranch(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 0), ldh(12)),
                Condition.of(JumpOp.JEQ, 0x800), accept, reject);
        Cfg optimized = Optimizer.optimize(b.build(entry)).after();
        assertThat(optimized.entryBlock().statements()).containsExactly(ldh(12));
    }

    @Test
    void andThenCompareWithZeroBecomesJset() {
        // ip[6:2] & 0x1fff = 0
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId entry = b.addBranch(List.of(ldh(20), new Stmt.AluConstant(AluOp.AND, 0x1fff)),
                Condition.of(JumpOp.JEQ, 0), accept, reject);
        Cfg optimized = Optimizer.optimize(b.build(entry)).after();
        assertThat(optimized.entryBlock().statements()).containsExactly(ldh(20));
        assertThat(optimized.entryBlock().terminator())
                .isEqualTo(new Terminator.Branch(Condition.of(JumpOp.JSET, 0x1fff), reject, accept));
    }

    @Test
    void indirectLoadsWithAKnownIndexBecomeAbsoluteAndConstantsFold() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId entry = b.addBranch(List.of(
                        new Stmt.LoadConstant(Register.X, 14),
                        new Stmt.LoadIndirect(LoadSize.HALF, 2),
                        new Stmt.Store(Register.A, 0),
                        new Stmt.LoadConstant(Register.A, 6),
                        new Stmt.AluConstant(AluOp.MUL, 7),
                        new Stmt.Tax(),
                        new Stmt.LoadScratch(Register.A, 0)),
                Condition.ofX(JumpOp.JEQ), accept, reject);
        Cfg optimized = Optimizer.optimize(b.build(entry)).after();
        assertThat(optimized.entryBlock().statements()).containsExactly(ldh(16));
        assertThat(optimized.entryBlock().terminator())
                .isEqualTo(new Terminator.Branch(Condition.of(JumpOp.JEQ, 42), accept, reject));
    }

    @Test
    void anIndirectLoadPastTwoToThe31StaysIndirect() {
        // X + k at or past 2^31 fails in bpf_filter; as an absolute load it would name a Linux ancillary field
        // (0xfffff004 is SKF_AD_PKTTYPE) or one the kernel refuses (0xfffffffe), so the load keeps its index.
        for (int[] xk : new int[][] {{0xfffff004, 0}, {0, 0xfffffffe}, {0x7fffffff, 1}}) {
            CfgBuilder b = new CfgBuilder();
            BlockId accept = b.addReturn(ACCEPT);
            BlockId reject = b.addReturn(0);
            BlockId entry = b.addBranch(List.of(new Stmt.LoadConstant(Register.X, xk[0]),
                    new Stmt.LoadIndirect(LoadSize.HALF, xk[1])), Condition.of(JumpOp.JEQ, 4), accept, reject);
            Cfg optimized = Optimizer.optimize(b.build(entry)).after();
            assertThat(optimized.blocks().stream().flatMap(bl -> bl.statements().stream()))
                    .as("%s", optimized).noneMatch(st -> st instanceof Stmt.LoadAbsolute);
            assertThat(CfgInterpreter.run(optimized, new byte[64], 64, 64)).isZero();
        }
    }

    @Test
    void jumpThreadingSkipsATestThatTheIncomingEdgeDecides() {
        // (ip and X) or ip6: after "not ip", the ip6 test still runs; after "ip", a later "ip" test is skipped.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        BlockId ip6 = b.addBranch(List.of(ldh(12)), Condition.of(JumpOp.JEQ, 0x86dd), accept, reject);
        BlockId proto = b.addBranch(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 23)), Condition.of(JumpOp.JEQ, 6),
                accept, ip6);
        BlockId ip = b.addBranch(List.of(ldh(12)), Condition.of(JumpOp.JEQ, 0x800), proto, ip6);
        Cfg optimized = Optimizer.optimize(b.build(ip)).after();
        // ip's true edge leads to proto; proto's false edge to ip6, which that path decides (0x800 != 0x86dd).
        var protoBlock = optimized.blocks().stream()
                .filter(x -> x.statements().equals(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 23)))).findFirst()
                .orElseThrow();
        assertThat(((Terminator.Branch) protoBlock.terminator()).ifFalse()).isEqualTo(reject);
    }

    @Test
    void headerLengthArithmeticFoldsIntoTheLoadOffset() {
        // udp[2:2] = 53 or udp[2:2] = 123, after the protocol tests: the second test reuses the loaded port.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        List<Stmt> port = List.of(new Stmt.LoadConstant(Register.A, 2), new Stmt.LoadIpHeaderLength(14),
                new Stmt.AluX(AluOp.ADD), new Stmt.Tax(), new Stmt.LoadIndirect(LoadSize.HALF, 14));
        BlockId second = b.addBranch(port, Condition.of(JumpOp.JEQ, 123), accept, reject);
        BlockId first = b.addBranch(port, Condition.of(JumpOp.JEQ, 53), accept, second);
        Cfg optimized = Optimizer.optimize(b.build(first)).after();
        assertThat(CfgPrinter.print(optimized)).isEqualTo("""
                B3 (entry):
                    ldxb 4*([14]&0xf)
                    ldh [x + 16]
                    jeq #0x35  jt B0  jf B2
                B2:
                    jeq #0x7b  jt B0  jf B1
                B0:
                    ret #262144
                B1:
                    ret #0
                """);
    }

    @Test
    void statementsThatTogetherChangeNothingGo() {
        // l1 in master: the PDU type, masked, is loaded again after each failed comparison.
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(ACCEPT);
        BlockId reject = b.addReturn(0);
        List<Stmt> pduType = List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 21), new Stmt.AluConstant(AluOp.AND, 0x1f));
        BlockId second = b.addBranch(pduType, Condition.of(JumpOp.JEQ, 0x18), accept, reject);
        BlockId first = b.addBranch(pduType, Condition.of(JumpOp.JEQ, 0x1a), accept, second);
        Cfg optimized = Optimizer.optimize(b.build(first)).after();
        assertThat(optimized.instructionEstimate()).isEqualTo(6); // ldb, and, jeq; jeq; two returns
        assertThat(optimized.blocks().stream().filter(x -> x.terminator() instanceof Terminator.Branch)
                .map(x -> x.statements().size()).toList()).containsExactly(2, 0);
    }
}
