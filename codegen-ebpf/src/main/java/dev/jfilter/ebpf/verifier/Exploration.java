package dev.jfilter.ebpf.verifier;

/**
 * How the verifier's walk of a program ends, as {@link VerifierModel} foresees it: within the kernel's limits with
 * the instructions it processed, or at one of the two limits a program without loops can reach.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier</a>
 */
public sealed interface Exploration {
    /** The instructions processed so far (the kernel's {@code insn_processed}). */
    long processed();

    /** Every path explored or pruned within the limits. */
    record Completed(long processed, int peakPending, int states) implements Exploration {}

    /** More than {@link VerifierModel#INSN_LIMIT} instructions processed ("BPF program is too large"). */
    record TooManyInstructions(long processed, int atInsn) implements Exploration {}

    /**
     * More than {@link VerifierModel#PENDING_LIMIT} branches waiting to be explored at once ("The sequence of N jumps
     * is too complex").
     */
    record TooManyPendingBranches(long processed, int atInsn) implements Exploration {}
}
