package dev.jfilter.frontend.lower;

import dev.jfilter.cfg.Scratch;

/**
 * libpcap's allocator of scratch memory words ({@code alloc_reg}/{@code free_reg}, gencode.c): the next free word
 * from a rotating cursor. Lowering allocates and frees in libpcap's order, so an expression needs more than
 * {@link Scratch#SLOTS} words exactly when libpcap says so.
 */
final class ScratchRegisters {
    private final boolean[] used = new boolean[Scratch.SLOTS];
    private int current;

    /** A free word, now in use. */
    int allocate() {
        for (int n = 0; n < Scratch.SLOTS; n++) {
            if (used[current]) {
                current = (current + 1) % Scratch.SLOTS;
            } else {
                used[current] = true;
                return current;
            }
        }
        throw new LoweringException("too many registers needed to evaluate expression");
    }

    /** Gives a word back. */
    void free(int slot) {
        used[slot] = false;
    }
}
