package dev.jfilter.cfg;

/** The two registers of the BPF machine: the accumulator {@code A} and the index register {@code X}. */
public enum Register {
    A,
    X
}
