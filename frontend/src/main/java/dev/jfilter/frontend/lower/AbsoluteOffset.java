package dev.jfilter.frontend.lower;

/**
 * libpcap's {@code bpf_abs_offset}: an offset from the start of the packet, a constant plus, when
 * {@link #variable}, the value of scratch word {@link #reg} computed at run time ({@code -1} until one is
 * allocated). Mutable, as libpcap's parser actions change it in place; {@link #copy} gives the value semantics of
 * a C struct assignment.
 */
final class AbsoluteOffset {
    boolean variable;
    int constant;
    int reg = -1;

    AbsoluteOffset(int constant) {
        this.constant = constant;
    }

    AbsoluteOffset(boolean variable, int constant, int reg) {
        this.variable = variable;
        this.constant = constant;
        this.reg = reg;
    }

    AbsoluteOffset copy() {
        return new AbsoluteOffset(variable, constant, reg);
    }

    @Override
    public String toString() {
        return variable ? "M[" + reg + "]+" + constant : Integer.toString(constant);
    }
}
