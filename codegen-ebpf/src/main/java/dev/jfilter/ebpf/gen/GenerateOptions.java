package dev.jfilter.ebpf.gen;

import java.util.Objects;

/**
 * How to generate an eBPF program from a filter's control-flow graph.
 *
 * @param target     the program type
 * @param onMatch    what happens to a packet the filter matches
 * @param snapLength the byte count a socket filter returns for a packet it keeps when the filter itself returned no
 *                   count (only with {@link OnMatch#DROP}, where unmatched packets are kept)
 */
public record GenerateOptions(Target target, OnMatch onMatch, int snapLength) {
    /** libpcap's default snapshot length. */
    public static final int DEFAULT_SNAP_LENGTH = 262_144;

    public GenerateOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(onMatch, "onMatch");
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snap length must be positive, not " + snapLength);
        }
    }

    /** Options for a target that keeps matching packets. */
    public static GenerateOptions of(Target target) {
        return new GenerateOptions(target, OnMatch.PASS, DEFAULT_SNAP_LENGTH);
    }

    /** The same options with another action on match. */
    public GenerateOptions withOnMatch(OnMatch action) {
        return new GenerateOptions(target, action, snapLength);
    }
}
