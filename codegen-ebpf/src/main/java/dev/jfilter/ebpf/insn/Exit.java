package dev.jfilter.ebpf.insn;

/**
 * Return from the program with the value of R0 (BPF_JMP | BPF_EXIT).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#jump-instructions">BPF Instruction Set: jump instructions</a>
 */
public record Exit() implements Insn {
}
