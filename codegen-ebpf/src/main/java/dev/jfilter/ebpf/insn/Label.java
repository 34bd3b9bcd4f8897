package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * A symbolic jump target in a {@link Program}. The assembler resolves labels to the 16-bit slot offsets of the encoded
 * form; the decoder invents labels named after the instruction index they mark ({@code L3}).
 *
 * @param name the name, unique within a program
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#jump-instructions">BPF Instruction Set: jump instructions</a>
 */
public record Label(String name) {
    public Label {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
