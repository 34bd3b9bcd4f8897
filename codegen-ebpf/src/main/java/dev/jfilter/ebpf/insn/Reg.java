package dev.jfilter.ebpf.insn;

/**
 * The eleven eBPF registers: R0 (return value), R1-R5 (arguments, clobbered by calls), R6-R9 (callee-saved) and the
 * read-only frame pointer R10. The ordinal is the 4-bit register number of the encoding.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#registers-and-calling-convention">BPF Instruction Set: registers</a>
 */
public enum Reg {
    R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10;

    /** The register with encoding number {@code n}, 0 to 10. */
    public static Reg of(int n) {
        if (n < 0 || n > 10) {
            throw new IllegalArgumentException("no register r" + n);
        }
        return values()[n];
    }

    /** The 4-bit number of this register in an instruction. */
    public int number() {
        return ordinal();
    }
}
