package dev.jfilter.cfg;

/** The right-hand side of a branch test: a constant or the index register. */
public sealed interface Operand {

    /** A 32-bit constant ({@code #k}). */
    record Constant(int value) implements Operand {}

    /** The index register ({@code x}). */
    record IndexRegister() implements Operand {}

    /** Shorthand for a constant operand. */
    static Operand of(int value) {
        return new Constant(value);
    }

    /** The index-register operand. */
    Operand X = new IndexRegister();
}
