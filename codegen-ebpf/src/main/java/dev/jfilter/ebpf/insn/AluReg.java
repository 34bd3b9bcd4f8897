package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Arithmetic with a register source, {@code dst op= src} (opcode class ALU or ALU64, source bit X).
 * {@link AluOp#NEG} has no register form.
 *
 * @param width 32-bit (ALU, {@code wN}) or 64-bit (ALU64, {@code rN})
 * @param op    the operation, not NEG
 * @param dst   destination and first operand
 * @param src   second operand
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#arithmetic-instructions">BPF Instruction Set: arithmetic instructions</a>
 */
public record AluReg(Width width, AluOp op, Reg dst, Reg src) implements Insn {
    public AluReg {
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        if (op == AluOp.NEG) {
            throw new IllegalArgumentException("NEG has no register source");
        }
    }
}
