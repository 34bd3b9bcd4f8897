package dev.jfilter.ebpf.insn;

import java.util.Objects;

/**
 * Byte swap of the low {@code bits} bits of {@code dst}, zero-extending the result (operation code END).
 *
 * @param order to little endian, to big endian, or unconditional swap
 * @param dst   the register converted in place
 * @param bits  16, 32 or 64
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#byte-swap-instructions">BPF Instruction Set: byte swap instructions</a>
 */
public record Endian(ByteOrder order, Reg dst, int bits) implements Insn {
    public Endian {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(dst, "dst");
        if (bits != 16 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("byte swap width must be 16, 32 or 64: " + bits);
        }
    }
}
