package dev.jfilter.cbpf.validate;

/**
 * Whose rules a {@link Validator} applies. The two differ: the kernel knows exactly 49 opcodes, rejects constant
 * shifts of 32 or more, backward jumps, unknown ancillary offsets, programs over 4096 instructions and reads of
 * scratch words not written on every path; libpcap's {@code bpf_validate()} checks only classes and fields, bounds
 * jumps (letting {@code ja} go backwards, for its {@code protochain}) and scratch indices, and wants a return last.
 */
public enum RuleSet {
    /**
     * The Linux kernel's {@code bpf_check_classic()} and {@code check_load_and_stores()} (net/core/filter.c), which
     * {@code SO_ATTACH_FILTER} runs.
     *
     * @see <a href="https://github.com/torvalds/linux/blob/master/net/core/filter.c">net/core/filter.c</a>
     */
    LINUX_KERNEL,
    /**
     * libpcap's {@code bpf_validate()} ({@code pcap_validate_filter} in bpf_filter.c, 1.10), which
     * {@code pcap_setfilter} runs before using its own interpreter on a savefile.
     *
     * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/bpf_filter.c">libpcap bpf_filter.c</a>
     */
    LIBPCAP
}
