package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.encode.Assembler;
import dev.jfilter.ebpf.encode.EncodingException;
import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.Program;
import java.util.List;

/**
 * What can be said of a generated program's fate in the kernel before loading it. Jumps must reach their targets in
 * 16 signed bits of instruction slots, else the program cannot be encoded at all. The verifier refuses programs it
 * must explore past {@link #LIMIT} instructions ({@code BPF_COMPLEXITY_LIMIT_INSNS}); it walks every path and prunes
 * one that reaches a jump target in a state no more precise than one already checked there. Generated programs never
 * jump backwards, so the number of paths through each instruction, summed, bounds that work from above: a program
 * under the limit by this bound certainly passes. The bound is loose (1,000 random hosts: 1.36 million by the bound,
 * 7,223 processed by kernel 6.18, because registers that differ between paths are dead where paths meet), so a
 * program over it is not refused here.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier: pruning</a>
 */
public final class VerifierEstimate {
    /** The verifier's limit on processed instructions. */
    public static final long LIMIT = 1_000_000;

    private VerifierEstimate() {}

    /** The program with its path bound, or refused when its jumps cannot be encoded. */
    static Generation check(Program program) {
        try {
            Assembler.assemble(program);
        } catch (EncodingException e) {
            return new Generation.Refused(List.of(new Problem("the program has " + program.insns().size()
                    + " instructions, too many for eBPF's jumps, which reach 32,767 instructions ahead at most ("
                    + e.getMessage() + ")")));
        }
        return new Generation.Generated(program, pathBound(program));
    }

    /** The number of paths through each instruction, summed: saturates at {@code Long.MAX_VALUE}. */
    static long pathBound(Program program) {
        List<Insn> insns = program.insns();
        long[] reaching = new long[insns.size() + 1];
        reaching[0] = 1;
        long total = 0;
        for (int i = 0; i < insns.size(); i++) {
            long here = reaching[i];
            total = saturatedAdd(total, here);
            Insn insn = insns.get(i);
            var target = Program.target(insn);
            if (target.isPresent()) {
                int to = program.labels().get(target.get());
                reaching[to] = saturatedAdd(reaching[to], here);
            }
            if (!(insn instanceof Exit) && !(insn instanceof Ja)) {
                reaching[i + 1] = saturatedAdd(reaching[i + 1], here);
            }
        }
        return total;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
