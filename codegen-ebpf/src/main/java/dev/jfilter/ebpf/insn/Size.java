package dev.jfilter.ebpf.insn;

/**
 * Access size of a load or store (bits 3-4 of the opcode).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#load-and-store-instructions">BPF Instruction Set: load and store instructions</a>
 */
public enum Size {
    W(0x00, "u32"), H(0x08, "u16"), B(0x10, "u8"), DW(0x18, "u64");

    private final int code;
    private final String cType;

    Size(int code, String cType) {
        this.code = code;
        this.cType = cType;
    }

    /** The size bits of the opcode (already shifted into bits 3-4). */
    public int code() {
        return code;
    }

    /** How many bytes an access of this size moves. */
    public int bytes() {
        return switch (this) {
            case B -> 1;
            case H -> 2;
            case W -> 4;
            case DW -> 8;
        };
    }

    /** The C type bpftool prints for this size ({@code u8} ... {@code u64}). */
    public String cType() {
        return cType;
    }
}
