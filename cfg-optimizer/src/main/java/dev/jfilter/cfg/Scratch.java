package dev.jfilter.cfg;

/** The scratch memory of the BPF machine: {@code BPF_MEMWORDS} words, {@code M[0]} to {@code M[15]}. */
public final class Scratch {
    /** The number of scratch words (linux/filter.h {@code BPF_MEMWORDS}). */
    public static final int SLOTS = 16;

    private Scratch() {}

    static void check(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("scratch slot " + slot + " out of range 0.." + (SLOTS - 1));
        }
    }
}
