package dev.jfilter.ebpf.gen;

/**
 * What the generated program returns for the value the filter returns (its cBPF meaning: the number of bytes to
 * accept, 0 to reject).
 *
 * <ul>
 *   <li>Socket filter: the byte count itself; with {@link OnMatch#DROP} (only for filters that read no packet byte,
 *       see {@link TargetCheck}), 0 for a match and the snap length otherwise.
 *   <li>tc: {@code TC_ACT_OK} (0) or {@code TC_ACT_SHOT} (2) (linux/pkt_cls.h).
 *   <li>XDP: {@code XDP_PASS} (2) or {@code XDP_DROP} (1) (linux/bpf.h {@code enum xdp_action}).
 * </ul>
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/pkt_cls.h">linux/pkt_cls.h</a>
 */
record Verdicts(GenerateOptions options) {
    static final int TC_ACT_OK = 0;
    static final int TC_ACT_SHOT = 2;
    static final int XDP_DROP = 1;
    static final int XDP_PASS = 2;

    /** The program's return value for a filter result. */
    int output(int filterResult) {
        boolean matched = filterResult != 0;
        boolean keep = matched == (options.onMatch() == OnMatch.PASS);
        return switch (options.target()) {
            case SOCKET -> keep ? (matched ? filterResult : options.snapLength()) : 0;
            case TC -> keep ? TC_ACT_OK : TC_ACT_SHOT;
            case XDP -> keep ? XDP_PASS : XDP_DROP;
        };
    }

    /** Whether returning the accumulator as it is gives the right value (a socket filter that keeps matches). */
    boolean returnsAccumulator() {
        return options.target() == Target.SOCKET && options.onMatch() == OnMatch.PASS;
    }

    /** A value the filter may return for a match, for targets where only match or no match counts. */
    static final int ANY_MATCH = 1;
}
