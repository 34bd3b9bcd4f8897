package dev.jfilter.ebpf.insn;

/**
 * Conditional jump operation codes (bits 4-7 of the opcode of JMP and JMP32 instructions). JA, CALL and EXIT, which
 * share the classes, are shapes of their own ({@link Ja}, {@link Call}, {@link Exit}).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#jump-instructions">BPF Instruction Set: jump instructions</a>
 */
public enum JumpOp {
    JEQ(0x10, "=="), JGT(0x20, ">"), JGE(0x30, ">="), JSET(0x40, "&"), JNE(0x50, "!="), JSGT(0x60, "s>"),
    JSGE(0x70, "s>="), JLT(0xa0, "<"), JLE(0xb0, "<="), JSLT(0xc0, "s<"), JSLE(0xd0, "s<=");

    private final int code;
    private final String symbol;

    JumpOp(int code, String symbol) {
        this.code = code;
        this.symbol = symbol;
    }

    /** The operation bits of the opcode (already shifted into bits 4-7). */
    public int code() {
        return code;
    }

    /** The comparison operator bpftool prints ({@code ==}, {@code s<=}, ...). */
    public String symbol() {
        return symbol;
    }
}
