package dev.jfilter.runtime.ebpf;

/**
 * A program the kernel would not run as the interpreter was asked to: one its verifier rejects (an uninitialised
 * register or stack read, a packet access outside the packet, a context field the program type may not read, ...),
 * one that uses something this interpreter does not model, or one that exceeds the step limit. The message names the
 * instruction (its index in the {@link dev.jfilter.ebpf.insn.Program}) and the reason, in the verifier's words where
 * it has some.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier</a>
 */
public final class EbpfException extends RuntimeException {
    private final int insn;

    /** An error at instruction {@code insn} (-1 when it concerns the program as a whole). */
    public EbpfException(int insn, String reason) {
        super(insn < 0 ? reason : "insn " + insn + ": " + reason);
        this.insn = insn;
    }

    /** The index of the instruction at fault, or -1 when the fault is the program's as a whole. */
    public int insn() {
        return insn;
    }
}
