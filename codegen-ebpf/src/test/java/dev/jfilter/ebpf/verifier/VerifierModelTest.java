package dev.jfilter.ebpf.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.ebpf.insn.AluImm;
import dev.jfilter.ebpf.insn.AluOp;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.JumpImm;
import dev.jfilter.ebpf.insn.JumpOp;
import dev.jfilter.ebpf.insn.Label;
import dev.jfilter.ebpf.insn.LoadMem;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.insn.Reg;
import dev.jfilter.ebpf.insn.Size;
import dev.jfilter.ebpf.insn.Width;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The verifier model on programs small enough to walk by hand; {@code VerifierCountTest} in the runtime module holds
 * it against the kernel's own count for every program of the corpus.
 */
class VerifierModelTest {
    private static final Label OTHER = new Label("other");

    private static Program.Builder ifindexIn(Reg reg) {
        return Program.builder().add(new LoadMem(Size.W, reg, Reg.R1, 12));
    }

    @Test
    void aStraightLineIsProcessedOnce() {
        var program = Program.of(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit());
        assertThat(VerifierModel.explore(program, ProgramType.XDP))
                .isEqualTo(new Exploration.Completed(2, 0, 0));
    }

    @Test
    void anUndecidedBranchIsWalkedBothWays() {
        // 0 load, 1 if, 2 mov, 3 exit; then the target: 4 mov, 5 exit
        var program = ifindexIn(Reg.R0).add(new JumpImm(Width.W32, JumpOp.JEQ, Reg.R0, 1, OTHER),
                new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit())
                .bind(OTHER).add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), new Exit()).build();
        assertThat(VerifierModel.explore(program, ProgramType.XDP))
                .isEqualTo(new Exploration.Completed(6, 1, 0));
    }

    @Test
    void aBranchKnownValuesSettleIsWalkedOneWay() {
        // 0 mov 5, 1 if 5 == 5 (always), 4 mov, 5 exit: the fall-through is never walked
        var program = Program.builder().add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 5),
                        new JumpImm(Width.W32, JumpOp.JEQ, Reg.R0, 5, OTHER),
                        new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit())
                .bind(OTHER).add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), new Exit()).build();
        assertThat(VerifierModel.explore(program, ProgramType.XDP).processed()).isEqualTo(4);
    }

    @Test
    void aBoundsCheckSettlesLaterComparisonsOfTheMaskedByte() {
        // a byte masked to its low nibble is at most 15: "if r0 > 15" is never taken, so the path stays one
        var program = ifindexIn(Reg.R0).add(new AluImm(Width.W32, AluOp.AND, Reg.R0, 0xf),
                        new JumpImm(Width.W64, JumpOp.JGT, Reg.R0, 15, OTHER),
                        new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit())
                .bind(OTHER).add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), new Exit()).build();
        assertThat(VerifierModel.explore(program, ProgramType.XDP).processed()).isEqualTo(5);
    }

    @Test
    void theBranchPastTheLimitOfPendingOnesStopsTheWalk() {
        int n = VerifierModel.PENDING_LIMIT + 1;
        var b = ifindexIn(Reg.R0);
        IntStream.range(0, n).forEach(i -> b.add(new JumpImm(Width.W32, JumpOp.JEQ, Reg.R0, i, OTHER)));
        var program = b.add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 2), new Exit())
                .bind(OTHER).add(new AluImm(Width.W32, AluOp.MOV, Reg.R0, 1), new Exit()).build();
        // the load, then one processed comparison per pending branch; the last is instruction n
        assertThat(VerifierModel.explore(program, ProgramType.XDP))
                .isEqualTo(new Exploration.TooManyPendingBranches(1 + n, n));
    }
}
