package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Legacy packet load at a constant offset, {@code r0 = ntoh(*(size *)(skb->data + imm))} (BPF_LD | BPF_ABS), kept
 * from classic BPF for socket filters; clobbers R1-R5 and exits with 0 when out of bounds. Sizes B, H and W only.
 *
 * @param size access size, not DW
 * @param imm  packet offset
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#legacy-bpf-packet-access-instructions">BPF Instruction Set: legacy packet access</a>
 */
public record LoadAbs(Size size, int imm) implements Insn {
    public LoadAbs {
        Objects.requireNonNull(size, "size");
        if (size == Size.DW) {
            throw new IllegalArgumentException("LD_ABS has no DW size");
        }
    }
}
