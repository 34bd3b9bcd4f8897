package dev.jfilter.ebpf.insn;

/**
 * Call of a helper function by its static id (BPF_JMP | BPF_CALL, source 0): arguments in R1-R5, result in R0,
 * R1-R5 clobbered.
 *
 * @param helper the helper id ({@code BPF_FUNC_skb_load_bytes} is 26)
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#helper-functions">BPF Instruction Set: helper functions</a>
 */
public record Call(int helper) implements Insn {
}
