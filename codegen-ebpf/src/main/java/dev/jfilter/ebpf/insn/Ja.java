package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Unconditional jump, {@code goto target} (BPF_JMP | BPF_JA, 16-bit offset form).
 *
 * @param target the next instruction to run
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#jump-instructions">BPF Instruction Set: jump instructions</a>
 */
public record Ja(Label target) implements Insn {
    public Ja {
        Objects.requireNonNull(target, "target");
    }
}
