package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.Instruction;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cfg.Register;
import java.util.BitSet;
import java.util.List;

/**
 * Which words of the BPF machine's state (A, X, the 16 scratch words) each instruction may read before they are
 * written again: the state a generated piece must receive when it is entered there. A set of words is an {@code int}
 * mask: bit {@link #A}, bit {@link #X}, and bit {@code scratch(s)} for {@code M[s]}.
 *
 * <p>Classic liveness, backwards to a fixpoint (libpcap's backward {@code ja} makes loops). A load that ends the
 * program with 0 (out of bounds, no ancillary value, division by a zero X) reads nothing more, so it needs no special
 * case.
 */
final class Liveness {
    /** The bit of A. */
    static final int A = 1;
    /** The bit of X. */
    static final int X = 1 << 1;
    /** Every word: A, X and the scratch memory. */
    static final int ALL = (1 << (2 + Opcodes.MEMWORDS)) - 1;

    private final int[] liveIn;

    private Liveness(int[] liveIn) {
        this.liveIn = liveIn;
    }

    /** The bit of scratch word {@code M[slot]}. */
    static int scratch(int slot) {
        return 1 << (2 + slot);
    }

    /** The bit of a register. */
    static int register(Register r) {
        return switch (r) {
            case A -> A;
            case X -> X;
        };
    }

    /** The words live on entry to each reachable instruction of {@code code} (unreachable ones: none). */
    static Liveness of(List<Instruction> code, BitSet reachable) {
        int[] in = new int[code.size()];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = reachable.previousSetBit(code.size() - 1); i >= 0; i = reachable.previousSetBit(i - 1)) {
                int out = 0;
                for (int s : ControlFlow.successors(code, i)) {
                    out |= in[s];
                }
                int next = uses(code.get(i)) | (out & ~defines(code.get(i)));
                if (next != in[i]) {
                    in[i] = next;
                    changed = true;
                }
            }
        }
        return new Liveness(in);
    }

    /** The words live on entry to instruction {@code pc}. */
    int liveIn(int pc) {
        return liveIn[pc];
    }

    /** The words an instruction reads. */
    static int uses(Instruction in) {
        return switch (in) {
            case Instruction.ReturnA _, Instruction.Negate _, Instruction.AluConstant _, Instruction.Tax _,
                 Instruction.JumpIf _ -> A;
            case Instruction.AluX _, Instruction.JumpIfX _ -> A | X;
            case Instruction.LoadIndirect _, Instruction.Txa _ -> X;
            case Instruction.LoadScratch s -> scratch(s.slot());
            case Instruction.StoreScratch s -> register(s.src());
            case Instruction.ReturnConstant _, Instruction.LoadAbsolute _, Instruction.LoadExtension _,
                 Instruction.LoadConstant _, Instruction.LoadLength _, Instruction.LoadMemShift _,
                 Instruction.Jump _, Instruction.Raw _ -> 0;
        };
    }

    /** The words an instruction writes. */
    static int defines(Instruction in) {
        return switch (in) {
            case Instruction.LoadAbsolute _, Instruction.LoadExtension _, Instruction.LoadIndirect _,
                 Instruction.Negate _, Instruction.AluConstant _, Instruction.AluX _, Instruction.Txa _ -> A;
            case Instruction.LoadMemShift _, Instruction.Tax _ -> X;
            case Instruction.LoadConstant c -> register(c.dst());
            case Instruction.LoadLength l -> register(l.dst());
            case Instruction.LoadScratch s -> register(s.dst());
            case Instruction.StoreScratch s -> scratch(s.slot());
            case Instruction.ReturnConstant _, Instruction.ReturnA _, Instruction.Jump _, Instruction.JumpIf _,
                 Instruction.JumpIfX _, Instruction.Raw _ -> 0;
        };
    }
}
