package dev.jfilter.runtime.jit;

import dev.jfilter.cbpf.Instruction;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * The control flow of a classic BPF program as libpcap 1.10's {@code bpf_filter()} runs it: where each instruction
 * may continue, and which instructions some path from the first reaches. Conditional jumps only go forward (their
 * offsets are unsigned bytes); {@code ja} sign-extends its offset, so it may go back (libpcap's {@code protochain}).
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/libpcap-1.10/bpf_filter.c">libpcap 1.10
 *     bpf_filter.c</a>
 */
final class ControlFlow {
    private static final int[] NONE = new int[0];

    private ControlFlow() {}

    /** The instructions execution may continue at after instruction {@code i}: none after a return. */
    static int[] successors(List<Instruction> code, int i) {
        return switch (code.get(i)) {
            case Instruction.ReturnConstant _, Instruction.ReturnA _ -> NONE;
            case Instruction.Jump j -> new int[] {i + 1 + j.offset()};
            case Instruction.JumpIf j -> new int[] {i + 1 + j.ifTrue(), i + 1 + j.ifFalse()};
            case Instruction.JumpIfX j -> new int[] {i + 1 + j.ifTrue(), i + 1 + j.ifFalse()};
            case Instruction.LoadAbsolute _, Instruction.LoadExtension _, Instruction.LoadIndirect _,
                 Instruction.LoadConstant _, Instruction.LoadScratch _, Instruction.LoadLength _,
                 Instruction.LoadMemShift _, Instruction.StoreScratch _, Instruction.AluConstant _,
                 Instruction.AluX _, Instruction.Negate _, Instruction.Tax _, Instruction.Txa _,
                 Instruction.Raw _ -> new int[] {i + 1};
        };
    }

    /** The target of {@code ja} at {@code i} when it goes back (to itself or earlier), else -1. */
    static int backwardTarget(List<Instruction> code, int i) {
        return code.get(i) instanceof Instruction.Jump j && i + 1 + j.offset() <= i ? i + 1 + j.offset() : -1;
    }

    /** The instructions some path from the first reaches. */
    static BitSet reachable(List<Instruction> code) {
        BitSet seen = new BitSet(code.size());
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.push(0);
        seen.set(0);
        while (!work.isEmpty()) {
            int i = work.pop();
            for (int n : successors(code, i)) {
                if (!seen.get(n)) {
                    seen.set(n);
                    work.push(n);
                }
            }
        }
        return seen;
    }
}
