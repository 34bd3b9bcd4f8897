package dev.jfilter.cfg;

/**
 * A conditional test of the accumulator against an operand (linux/filter.h {@code BPF_JEQ/JGT/JGE/JSET}).
 * Comparisons are unsigned 32-bit.
 */
public enum JumpOp {
    /** {@code A == operand}. */
    JEQ,
    /** {@code A > operand}, unsigned. */
    JGT,
    /** {@code A >= operand}, unsigned. */
    JGE,
    /** {@code (A & operand) != 0}. */
    JSET;

    /** Evaluates the test. */
    public boolean test(int a, int operand) {
        return switch (this) {
            case JEQ -> a == operand;
            case JGT -> Integer.compareUnsigned(a, operand) > 0;
            case JGE -> Integer.compareUnsigned(a, operand) >= 0;
            case JSET -> (a & operand) != 0;
        };
    }
}
