package dev.jfilter.ebpf.insn;

/**
 * The three byte-swap instructions (operation code END): convert to little endian or to big endian (class ALU, source
 * bit 0 or 1; a no-op or a swap depending on the host) and the unconditional swap (class ALU64, source bit 0).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#byte-swap-instructions">BPF Instruction Set: byte swap instructions</a>
 */
public enum ByteOrder {
    TO_LE, TO_BE, BSWAP
}
