package dev.jfilter.ebpf.insn;

/**
 * Operand width of an arithmetic or conditional-jump instruction: the 32-bit classes ALU and JMP32 (registers printed
 * {@code wN}) or the 64-bit classes ALU64 and JMP ({@code rN}).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#instruction-classes">BPF Instruction Set: instruction classes</a>
 */
public enum Width {
    W32, W64
}
