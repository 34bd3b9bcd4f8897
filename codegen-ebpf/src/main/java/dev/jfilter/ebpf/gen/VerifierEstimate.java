package dev.jfilter.ebpf.gen;

import dev.jfilter.ebpf.insn.Exit;
import dev.jfilter.ebpf.insn.Insn;
import dev.jfilter.ebpf.insn.Ja;
import dev.jfilter.ebpf.insn.Program;
import java.util.List;

/**
 * How many instructions the kernel's verifier may process for a generated program, which it refuses past
 * {@link #LIMIT} ({@code BPF_COMPLEXITY_LIMIT_INSNS}). The verifier walks every path, pruning one when it reaches a
 * jump target in a state no more precise than one it has already checked there; generated programs never jump
 * backwards, so the number of paths through each instruction, summed, bounds its work from above.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier: pruning</a>
 */
public final class VerifierEstimate {
    /** The verifier's limit on processed instructions. */
    public static final long LIMIT = 1_000_000;

    private VerifierEstimate() {}

    /** The program with its estimate, or refused when even the estimate with pruning passes the limit. */
    static Generation check(Program program) {
        long paths = pathBound(program);
        return new Generation.Generated(program, paths);
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
