package dev.jfilter.ebpf.gen;

/**
 * What a tc or XDP program does with a packet the filter matches: keep it (and drop the rest) or drop it (and keep the
 * rest). For a socket filter, dropping means returning 0 bytes.
 */
public enum OnMatch {
    PASS,
    DROP
}
