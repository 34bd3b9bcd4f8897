package dev.jfilter.cbpf.asm;

/**
 * A position in a program that jumps name instead of an offset, as {@code java.lang.classfile.Label} does for the
 * JVM. An {@link Assembler} makes labels and binds each to the instruction that follows the bind.
 */
public final class Label {
    private final Assembler owner;
    private final int id;

    Label(Assembler owner, int id) {
        this.owner = owner;
        this.id = id;
    }

    Assembler owner() {
        return owner;
    }

    int id() {
        return id;
    }

    @Override
    public String toString() {
        return "L" + id;
    }
}
