package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Memory store of a register {@code *(size *)(dst + off) = src} (BPF_STX | BPF_MEM).
 *
 * @param size access size
 * @param dst  base address register
 * @param off  signed 16-bit displacement
 * @param src  the register stored
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#regular-load-and-store-operations">BPF Instruction Set: load and store operations</a>
 */
public record StoreReg(Size size, Reg dst, int off, Reg src) implements Insn {
    public StoreReg {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        Insn.checkOffset(off);
    }
}
