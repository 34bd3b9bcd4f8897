package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Arithmetic with an immediate source, {@code dst op= imm} (opcode class ALU or ALU64, source bit K). The
 * immediate is sign-extended to 64 bits for ALU64. {@link AluOp#NEG} ({@code dst = -dst}) takes no operand: its
 * immediate must be 0.
 *
 * @param width 32-bit (ALU, {@code wN}) or 64-bit (ALU64, {@code rN})
 * @param op    the operation
 * @param dst   destination and first operand
 * @param imm   the immediate operand
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#arithmetic-instructions">BPF Instruction Set: arithmetic instructions</a>
 */
public record AluImm(Width width, AluOp op, Reg dst, int imm) implements Insn {
    public AluImm {
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dst, "dst");
        if (op == AluOp.NEG && imm != 0) {
            throw new IllegalArgumentException("NEG takes no operand, immediate must be 0: " + imm);
        }
    }
}
