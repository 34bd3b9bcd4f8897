package dev.jfilter.cfg.opt;

/**
 * How much the analyses may infer from the tests on a path.
 *
 * <p>{@link #FULL} reasons about ranges and bits ({@code ether[0] > 300} is never true, {@code len > 100} excludes
 * {@code len < 50}). {@link #LIBPCAP} decides a test only as libpcap's {@code fold_edge} does: the same test on the same
 * value, or an equality after an equality. The compiler uses it to decide whether a filter that folds to "reject every
 * packet" is an error (libpcap rejects such filters only when its own optimizer proves it) or just a program.
 */
public enum Reasoning {
    LIBPCAP,
    FULL
}
