package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Conditional jump comparing two registers, {@code if dst op src goto target} (class JMP or JMP32, source bit X).
 *
 * @param width  32-bit (JMP32) or 64-bit (JMP) comparison
 * @param op     the comparison
 * @param dst    left operand
 * @param src    right operand
 * @param target where to go when the comparison holds
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#jump-instructions">BPF Instruction Set: jump instructions</a>
 */
public record JumpReg(Width width, JumpOp op, Reg dst, Reg src, Label target) implements Insn {
    public JumpReg {
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(target, "target");
    }
}
