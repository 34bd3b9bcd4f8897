package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Memory load {@code dst = *(size *)(src + off)}, zero-extended (BPF_LDX | BPF_MEM).
 *
 * @param size access size
 * @param dst  the register loaded
 * @param src  base address register
 * @param off  signed 16-bit displacement
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#regular-load-and-store-operations">BPF Instruction Set: load and store operations</a>
 */
public record LoadMem(Size size, Reg dst, Reg src, int off) implements Insn {
    public LoadMem {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        Insn.checkOffset(off);
    }
}
