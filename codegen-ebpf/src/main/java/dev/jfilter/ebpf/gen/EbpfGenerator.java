package dev.jfilter.ebpf.gen;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.ebpf.insn.Program;

/**
 * Generates eBPF from a filter's optimized control-flow graph, for a socket filter, a tc classifier or an XDP program,
 * with the value the cBPF program would compute on every packet (libpcap's semantics: a load past the packet, or a
 * division by zero, rejects it).
 *
 * <p>The generator works on the graph, not on cBPF: the accumulator and index register live in eBPF registers (R0 and
 * a callee-saved one) with 32-bit arithmetic and JMP32 compares; scratch words go to free registers before the stack;
 * for direct packet access each block checks its furthest constant-offset byte once, hoisted as far as is exact, and
 * a variable offset is bounded before it is added to a packet pointer. The verifier rejects unreachable code, so
 * nothing unreachable is emitted.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html">BPF Instruction Set</a>
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier</a>
 */
public final class EbpfGenerator {
    private EbpfGenerator() {}

    /** The program for {@code cfg}, or why there cannot be one for the options' program type. */
    public static Generation generate(Cfg cfg, GenerateOptions options) {
        return switch (TargetCheck.check(cfg, options)) {
            case TargetCheck.Result.Unsupported(var problems) -> new Generation.Refused(problems);
            case TargetCheck.Result.Ready(Cfg ready) -> {
                Program program = new ProgramWriter(ready, options).write();
                yield VerifierEstimate.check(program, options.target());
            }
        };
    }
}
