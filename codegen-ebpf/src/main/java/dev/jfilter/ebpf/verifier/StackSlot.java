package dev.jfilter.ebpf.verifier;

/**
 * One 8-byte slot of the program's stack as the verifier tracks it: never written, written with bytes it does not
 * follow ({@code STACK_MISC}), or holding a spilled register whose value a fill of the same size restores.
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/bpf/verifier.html">eBPF verifier</a>
 */
sealed interface StackSlot {
    /** Never written on this path ({@code STACK_INVALID}). */
    record Invalid() implements StackSlot {}

    /** Written with data the verifier does not follow ({@code STACK_MISC}). */
    record Misc() implements StackSlot {}

    /** A register spilled by an aligned store of {@code size} bytes. */
    record Spill(Value value, int size) implements StackSlot {}

    Invalid INVALID = new Invalid();
    Misc MISC = new Misc();
}
