package dev.jfilter.runtime.ebpf;

import java.util.Objects;

/**
 * The context of a {@code BPF_PROG_TYPE_SCHED_CLS} (tc classifier) program: {@code struct __sk_buff} with
 * {@code data} (offset 76) and {@code data_end} (80) readable as packet pointers, {@code data_meta} (140) as a pointer
 * to an empty metadata area, and the tc-only fields ({@code tc_classid}, {@code wire_len}, {@code tstamp}).
 *
 * <p>A tc program sees the packet from the Ethernet header on: {@code BPF_PROG_TEST_RUN} pushes the 14 bytes
 * {@code eth_type_trans} pulled back before running it, so the bytes to pass are the whole frame; the network header
 * (for loads at {@code SKF_NET_OFF + k}) is at offset 14.
 *
 * @param metadata the {@code __sk_buff} fields that do not come from the packet
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/bpf/test_run.c">net/bpf/test_run.c
 *     (bpf_prog_test_run_skb)</a>
 */
public record TcContext(SkbMetadata metadata) implements ProgramContext {
    public TcContext {
        Objects.requireNonNull(metadata, "metadata");
    }
}
