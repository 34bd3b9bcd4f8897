package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * The wide load {@code dst = imm64} (BPF_LD | BPF_IMM | BPF_DW, source 0), encoded in two slots: the low 32 bits
 * in the first slot's immediate, the high 32 bits in the second's. Pseudo sources (map fds, BTF ids) are not modelled
 * yet.
 *
 * @param dst the register loaded
 * @param imm the 64-bit constant
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#bit-immediate-instructions">BPF Instruction Set: 64-bit immediate instructions</a>
 */
public record LoadImm64(Reg dst, long imm) implements Insn {
    public LoadImm64 {
        Objects.requireNonNull(dst, "dst");
    }
}
