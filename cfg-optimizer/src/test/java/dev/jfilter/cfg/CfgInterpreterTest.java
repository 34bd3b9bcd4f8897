package dev.jfilter.cfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CfgInterpreterTest {
    private static final byte[] IPV4_ETHER = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00, 0x45, 0, 0, 40,
    };

    /** {@code ether proto 0x800}: a half-word load and a branch to two returns. */
    private static Cfg etherTypeIs(int type) {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(262144);
        BlockId reject = b.addReturn(0);
        BlockId entry = b.addBranch(
                List.of(new Stmt.LoadAbsolute(LoadSize.HALF, 12)), Condition.of(JumpOp.JEQ, type), accept, reject);
        return b.build(entry);
    }

    @Test
    void branchesOnALoadedHalfWord() {
        assertThat(CfgInterpreter.run(etherTypeIs(0x800), IPV4_ETHER, IPV4_ETHER.length, 60)).isEqualTo(262144);
        assertThat(CfgInterpreter.run(etherTypeIs(0x86dd), IPV4_ETHER, IPV4_ETHER.length, 60)).isZero();
    }

    @Test
    void aLoadPastTheCapturedBytesRejects() {
        // The wire length is long enough, but only 13 bytes were captured: [12:2] needs 14.
        assertThat(CfgInterpreter.run(etherTypeIs(0x800), IPV4_ETHER, 13, 60)).isZero();
    }

    @Test
    void indirectLoadsAddTheIpHeaderLength() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        // X = 4*([15]&0xf) = 0 (the TOS byte), then A = [x + 17] = 40, the low byte of the total length.
        BlockId entry = b.addBranch(
                List.of(new Stmt.LoadIpHeaderLength(15), new Stmt.LoadIndirect(LoadSize.BYTE, 17)),
                Condition.of(JumpOp.JEQ, 40), accept, reject);
        assertThat(CfgInterpreter.run(b.build(entry), IPV4_ETHER, IPV4_ETHER.length, 60)).isEqualTo(1);

        // With X = 4*([14]&0xf) = 20 the same load is past the 18 captured bytes.
        CfgBuilder far = new CfgBuilder();
        BlockId yes = far.addReturn(1);
        BlockId no = far.addReturn(2);
        BlockId start = far.addBranch(
                List.of(new Stmt.LoadIpHeaderLength(14), new Stmt.LoadIndirect(LoadSize.BYTE, 17)),
                Condition.of(JumpOp.JEQ, 40), yes, no);
        assertThat(CfgInterpreter.run(far.build(start), IPV4_ETHER, IPV4_ETHER.length, 60)).isZero();
    }

    @Test
    void divisionByZeroXRejectsAndShiftsPast31GiveZero() {
        CfgBuilder b = new CfgBuilder();
        BlockId ret = b.add(List.of(), new Terminator.ReturnA());
        BlockId entry = b.add(List.of(
                new Stmt.LoadConstant(Register.A, 7),
                new Stmt.LoadConstant(Register.X, 0),
                new Stmt.AluX(AluOp.DIV)), new Terminator.Jump(ret));
        assertThat(CfgInterpreter.run(b.build(entry), new byte[0], 0, 0)).isZero();

        CfgBuilder s = new CfgBuilder();
        BlockId ret2 = s.add(List.of(), new Terminator.ReturnA());
        BlockId shift = s.add(List.of(
                new Stmt.LoadConstant(Register.A, 7),
                new Stmt.LoadConstant(Register.X, 32),
                new Stmt.AluX(AluOp.LSH),
                new Stmt.AluConstant(AluOp.ADD, 5)), new Terminator.Jump(ret2));
        assertThat(CfgInterpreter.run(s.build(shift), new byte[0], 0, 0)).isEqualTo(5);
    }

    @Test
    void ancillaryLoadsWithoutMetadataReject() {
        CfgBuilder b = new CfgBuilder();
        BlockId ret = b.add(List.of(new Stmt.LoadAncillary(Ancillary.IFINDEX)), new Terminator.ReturnA());
        Cfg cfg = b.build(ret);
        assertThat(CfgInterpreter.run(cfg, new byte[0], 0, 0)).isZero();
        assertThat(CfgInterpreter.run(cfg, new byte[0], 0, 0, f -> java.util.OptionalInt.of(42))).isEqualTo(42);
    }

    @Test
    void graphsMustBeAcyclicAndComplete() {
        BlockId a = new BlockId(0);
        BlockId c = new BlockId(1);
        assertThatThrownBy(() -> Cfg.of(a, List.of(
                new Block(a, List.of(), new Terminator.Jump(c)),
                new Block(c, List.of(), new Terminator.Jump(a)))))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> Cfg.of(a, List.of(new Block(a, List.of(), new Terminator.Jump(c)))))
                .hasMessageContaining("undefined");
    }

    @Test
    void unreachableBlocksAreDroppedAndOrderIsTopological() {
        CfgBuilder b = new CfgBuilder();
        b.addReturn(99); // never referenced
        BlockId accept = b.addReturn(1);
        BlockId reject = b.addReturn(0);
        BlockId mid = b.addBranch(List.of(), Condition.of(JumpOp.JGT, 3), accept, reject);
        BlockId entry = b.addBranch(List.of(new Stmt.LoadLength(Register.A)), Condition.of(JumpOp.JEQ, 0), reject, mid);
        Cfg cfg = b.build(entry);
        assertThat(cfg.size()).isEqualTo(4);
        List<BlockId> order = cfg.blocks().stream().map(Block::id).toList();
        assertThat(order.getFirst()).isEqualTo(entry);
        assertThat(order.indexOf(mid)).isLessThan(order.indexOf(accept));
        assertThat(cfg.predecessors().get(reject)).containsExactlyInAnyOrder(entry, mid);
    }
}
