package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Legacy packet load at a register plus constant offset, {@code r0 = ntoh(*(size *)(skb->data + src + imm))}
 * (BPF_LD | BPF_IND). Sizes B, H and W only.
 *
 * @param size access size, not DW
 * @param src  register holding the base offset
 * @param imm  constant added to it
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#legacy-bpf-packet-access-instructions">BPF Instruction Set: legacy packet access</a>
 */
public record LoadInd(Size size, Reg src, int imm) implements Insn {
    public LoadInd {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(src, "src");
        if (size == Size.DW) {
            throw new IllegalArgumentException("LD_IND has no DW size");
        }
    }
}
