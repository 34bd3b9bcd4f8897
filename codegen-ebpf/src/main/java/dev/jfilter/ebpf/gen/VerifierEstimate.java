package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.encode.EncodingException;
import dev.jfilter.ebpf.insn.Program;
import dev.jfilter.ebpf.verifier.Exploration;
import dev.jfilter.ebpf.verifier.ProgramType;
import dev.jfilter.ebpf.verifier.VerifierModel;
import java.util.List;

/**
 * What can be said of a generated program's fate in the kernel before loading it. Jumps must reach their targets in
 * 16 signed bits of instruction slots, else the program cannot be encoded at all. Then {@link VerifierModel} walks it
 * as the verifier will: a program whose walk passes a million processed instructions, or leaves more than 8,192
 * branches waiting at once (a long chain of alternatives, such as thousands of {@code host} terms joined by
 * {@code or}), is refused here with the reason the kernel would give.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier</a>
 */
final class VerifierEstimate {
    private VerifierEstimate() {}

    /** The program with the verifier's expected count of processed instructions, or why the kernel will refuse it. */
    static Generation check(Program program, Target target) {
        try {
            Assembler.assemble(program);
        } catch (EncodingException e) {
            return refused("the program has " + program.insns().size()
                    + " instructions, too many for eBPF's jumps, which reach 32,767 instructions ahead at most ("
                    + e.getMessage() + ")");
        }
        return switch (VerifierModel.explore(program, programType(target))) {
            case Exploration.Completed c -> new Generation.Generated(program, c.processed());
            case Exploration.TooManyInstructions t -> refused("the kernel's verifier would give up on this "
                    + program.insns().size() + "-instruction program after " + String.format("%,d",
                    VerifierModel.INSN_LIMIT) + " processed instructions (\"BPF program is too large\"): its paths"
                    + " differ in values that later decide branches, so they cannot be pruned");
            case Exploration.TooManyPendingBranches t -> refused("the kernel's verifier would stop at instruction "
                    + t.atInsn() + " with more than " + String.format("%,d", VerifierModel.PENDING_LIMIT)
                    + " branches still to explore (\"The sequence of " + (VerifierModel.PENDING_LIMIT + 1)
                    + " jumps is too complex\"): the expression has too many alternatives in one chain for "
                    + target.withArticle() + "; split it into several programs");
        };
    }

    private static ProgramType programType(Target target) {
        return switch (target) {
            case SOCKET -> ProgramType.SOCKET_FILTER;
            case TC -> ProgramType.SCHED_CLS;
            case XDP -> ProgramType.XDP;
        };
    }

    private static Generation refused(String reason) {
        return new Generation.Refused(List.of(new Problem(reason)));
    }
}
