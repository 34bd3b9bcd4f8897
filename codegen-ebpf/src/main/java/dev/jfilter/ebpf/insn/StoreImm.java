package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Memory store of an immediate {@code *(size *)(dst + off) = imm} (BPF_ST | BPF_MEM).
 *
 * @param size access size
 * @param dst  base address register
 * @param off  signed 16-bit displacement
 * @param imm  the value stored (sign-extended for DW)
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#regular-load-and-store-operations">BPF Instruction Set: load and store operations</a>
 */
public record StoreImm(Size size, Reg dst, int off, int imm) implements Insn {
    public StoreImm {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(dst, "dst");
        Insn.checkOffset(off);
    }
}
