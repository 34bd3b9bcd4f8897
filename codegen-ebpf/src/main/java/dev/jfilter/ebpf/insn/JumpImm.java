package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Conditional jump comparing a register with an immediate, {@code if dst op imm goto target} (class JMP or JMP32,
 * source bit K). For JMP the immediate is sign-extended to 64 bits.
 *
 * @param width  32-bit (JMP32) or 64-bit (JMP) comparison
 * @param op     the comparison
 * @param dst    the register compared
 * @param imm    the immediate compared with
 * @param target where to go when the comparison holds
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#jump-instructions">BPF Instruction Set: jump instructions</a>
 */
public record JumpImm(Width width, JumpOp op, Reg dst, int imm, Label target) implements Insn {
    public JumpImm {
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(target, "target");
    }
}
