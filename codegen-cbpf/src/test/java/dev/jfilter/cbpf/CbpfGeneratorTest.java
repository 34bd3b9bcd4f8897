package dev.jfilter.cbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.AluOp;
import dev.jfilter.cfg.Ancillary;
import dev.jfilter.cfg.BlockId;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgBuilder;
import dev.jfilter.cfg.Condition;
import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.cfg.Register;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.cfg.Terminator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CbpfGeneratorTest {
    private static final Stmt LOAD_ETHERTYPE = new Stmt.LoadAbsolute(LoadSize.HALF, 12);

    private static String listing(Cfg cfg) {
        CbpfProgram p = CbpfGenerator.generate(cfg);
        assertThat(Validator.kernel(p)).as("kernel problems").isEmpty();
        return Listing.format(p, ListingFormat.IMAGE);
    }

    @Test
    void aBranchToTwoReturns() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(262144);
        BlockId reject = b.addReturn(0);
        BlockId entry = b.addBranch(List.of(LOAD_ETHERTYPE), Condition.of(JumpOp.JEQ, 0x800), accept, reject);
        // tcpdump -d -y EN10MB ip
        assertThat(listing(b.build(entry))).isEqualTo("""
                (000) ldh      [12]
                (001) jeq      #0x800           jt 2\tjf 3
                (002) ret      #262144
                (003) ret      #0
                """);
    }

    @Test
    void returnBlocksWithTheSameValueAreShared() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(262144);
        BlockId reject1 = b.addReturn(0);
        BlockId reject2 = b.addReturn(0);
        BlockId tcp = b.addBranch(List.of(new Stmt.LoadAbsolute(LoadSize.BYTE, 23)), Condition.of(JumpOp.JEQ, 6),
                accept, reject2);
        BlockId entry = b.addBranch(List.of(LOAD_ETHERTYPE), Condition.of(JumpOp.JEQ, 0x800), tcp, reject1);
        assertThat(listing(b.build(entry))).isEqualTo("""
                (000) ldh      [12]
                (001) jeq      #0x800           jt 2\tjf 5
                (002) ldb      [23]
                (003) jeq      #0x6             jt 4\tjf 5
                (004) ret      #262144
                (005) ret      #0
                """);
    }

    @Test
    void jumpsFallThroughWhenTheirTargetComesNextAndEmptyJumpsAreThreaded() {
        CfgBuilder b = new CfgBuilder();
        BlockId join = b.add(List.of(new Stmt.AluConstant(AluOp.ADD, 1)), new Terminator.ReturnA());
        BlockId forward1 = b.add(List.of(), new Terminator.Jump(join));
        BlockId forward2 = b.add(List.of(), new Terminator.Jump(forward1));
        BlockId left = b.add(List.of(new Stmt.LoadConstant(Register.A, 1)), new Terminator.Jump(forward2));
        BlockId right = b.add(List.of(new Stmt.LoadConstant(Register.A, 2)), new Terminator.Jump(join));
        BlockId entry = b.addBranch(List.of(LOAD_ETHERTYPE), Condition.of(JumpOp.JGT, 100), left, right);
        // One of the two arms must jump over the other; the other falls through into the join.
        assertThat(listing(b.build(entry))).isEqualTo("""
                (000) ldh      [12]
                (001) jgt      #0x64            jt 4\tjf 2
                (002) ld       #0x2
                (003) ja       5
                (004) ld       #0x1
                (005) add      #1
                (006) ret     \s
                """);
    }

    @Test
    void aBranchWithOneTargetIsNoBranchAndAJumpToAReturnIsTheReturn() {
        CfgBuilder b = new CfgBuilder();
        BlockId reject = b.addReturn(0);
        BlockId other = b.add(List.of(new Stmt.LoadConstant(Register.A, 5)), new Terminator.ReturnA());
        BlockId middle = b.add(List.of(new Stmt.LoadConstant(Register.X, 1)), new Terminator.Jump(reject));
        BlockId entry = b.addBranch(List.of(LOAD_ETHERTYPE), Condition.of(JumpOp.JEQ, 1), middle, middle);
        assertThat(listing(b.build(entry))).isEqualTo("""
                (000) ldh      [12]
                (001) ldx      #0x1
                (002) ret      #0
                """);
        // The unused block is simply not reachable.
        assertThat(b.build(entry).blocks()).extracting(bl -> bl.id()).doesNotContain(other);
    }

    @Test
    void anEntryThatOnlyReturnsIsOneInstruction() {
        CfgBuilder b = new CfgBuilder();
        BlockId ret = b.addReturn(262144);
        BlockId entry = b.add(List.of(), new Terminator.Jump(ret));
        assertThat(listing(b.build(entry))).isEqualTo("(000) ret      #262144\n");
    }

    @Test
    void statementsMapOneToOne() {
        CfgBuilder b = new CfgBuilder();
        BlockId ret = b.add(List.of(
                new Stmt.LoadAncillary(Ancillary.VLAN_TAG_PRESENT),
                new Stmt.LoadAncillary(Ancillary.PKTTYPE),
                new Stmt.LoadAncillary(Ancillary.IFINDEX),
                new Stmt.LoadLength(Register.A),
                new Stmt.LoadLength(Register.X),
                new Stmt.LoadIpHeaderLength(14),
                new Stmt.LoadIndirect(LoadSize.WORD, 16),
                new Stmt.Store(Register.A, 2),
                new Stmt.Store(Register.X, 3),
                new Stmt.LoadScratch(Register.A, 2),
                new Stmt.LoadScratch(Register.X, 3),
                new Stmt.AluX(AluOp.MOD),
                new Stmt.AluConstant(AluOp.XOR, 0xff),
                new Stmt.Negate(),
                new Stmt.Tax(),
                new Stmt.Txa()), new Terminator.ReturnA());
        assertThat(listing(b.build(ret))).isEqualTo("""
                (000) ldb      [vlanp]
                (001) ldh      [type]
                (002) ld       [ifidx]
                (003) ld       #pktlen
                (004) unimp    0x81
                (005) ldxb     4*([14]&0xf)
                (006) ld       [x + 16]
                (007) st       M[2]
                (008) stx      M[3]
                (009) ld       M[2]
                (010) ldx      M[3]
                (011) mod      x
                (012) xor      #0xff
                (013) neg     \s
                (014) tax     \s
                (015) txa     \s
                (016) ret     \s
                """);
    }

    @Test
    void branchesFartherThan255GoThroughATrampoline() {
        CfgBuilder b = new CfgBuilder();
        BlockId accept = b.addReturn(262144);
        BlockId reject = b.addReturn(0);
        List<Stmt> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new Stmt.AluConstant(AluOp.ADD, i));
        }
        BlockId big = b.addBranch(many, Condition.of(JumpOp.JGT, 1000), accept, reject);
        BlockId entry = b.addBranch(List.of(LOAD_ETHERTYPE), Condition.of(JumpOp.JEQ, 0x800), big, reject);
        CbpfProgram p = CbpfGenerator.generate(b.build(entry));
        assertThat(Validator.kernel(p)).isEmpty();
        // ldh, jeq, the trampoline (a copy of ret #0, the far false target), 300 adds, jgt, two shared returns.
        assertThat(p.size()).isEqualTo(1 + 1 + 1 + 300 + 1 + 2);
        assertThat(p.disassemble().subList(0, 3)).containsExactly(
                new Instruction.LoadAbsolute(LoadSize.HALF, 12),
                new Instruction.JumpIf(JumpOp.JEQ, 0x800, 1, 0),
                new Instruction.ReturnConstant(0));
    }
}
