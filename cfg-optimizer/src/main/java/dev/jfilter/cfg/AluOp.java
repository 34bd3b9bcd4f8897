package dev.jfilter.cfg;

/**
 * A binary ALU operation of the BPF machine, {@code A = A op operand} (linux/filter.h {@code BPF_ALU}).
 * Arithmetic is unsigned 32-bit; division or modulo by zero ends the program with 0; a shift by 32 or more
 * gives 0, as in libpcap's {@code bpf_filter.c}.
 */
public enum AluOp {
    ADD,
    SUB,
    MUL,
    DIV,
    MOD,
    AND,
    OR,
    XOR,
    LSH,
    RSH;

    /** Applies the operation with libpcap's semantics; the caller handles a zero divisor before calling. */
    public int apply(int a, int b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> Integer.divideUnsigned(a, b);
            case MOD -> Integer.remainderUnsigned(a, b);
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case LSH -> Integer.compareUnsigned(b, 32) >= 0 ? 0 : a << b;
            case RSH -> Integer.compareUnsigned(b, 32) >= 0 ? 0 : a >>> b;
        };
    }

    /** Whether a zero right operand aborts the program (division and modulo). */
    public boolean trapsOnZero() {
        return this == DIV || this == MOD;
    }
}
