package dev.jfilter.ebpf.insn;

/**
 * Arithmetic operation codes (bits 4-7 of the opcode of ALU and ALU64 instructions). Byte swaps (code END) are a shape
 * of their own, {@link Endian}.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/standardization/instruction-set.html#arithmetic-instructions">BPF Instruction Set: arithmetic instructions</a>
 */
public enum AluOp {
    ADD(0x00, "+="), SUB(0x10, "-="), MUL(0x20, "*="), DIV(0x30, "/="), OR(0x40, "|="), AND(0x50, "&="),
    LSH(0x60, "<<="), RSH(0x70, ">>="), NEG(0x80, "neg"), MOD(0x90, "%="), XOR(0xa0, "^="), MOV(0xb0, "="),
    ARSH(0xc0, "s>>=");

    private final int code;
    private final String symbol;

    AluOp(int code, String symbol) {
        this.code = code;
        this.symbol = symbol;
    }

    /** The operation bits of the opcode (already shifted into bits 4-7). */
    public int code() {
        return code;
    }

    /** The assignment operator bpftool prints ({@code +=}, {@code s>>=}, ...). */
    public String symbol() {
        return symbol;
    }
}
