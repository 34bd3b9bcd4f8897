package dev.jfilter.runtime.ebpf;

import java.util.Objects;

/**
 * The context of a {@code BPF_PROG_TYPE_SOCKET_FILTER} program: {@code struct __sk_buff} without the packet pointers
 * (reading {@code data}, {@code data_end} or {@code data_meta} is the verifier's {@code invalid bpf_context access});
 * the program reads the packet with {@code LD_ABS}/{@code LD_IND} only.
 *
 * <p>A socket filter sees the packet from the network header on: {@code BPF_PROG_TEST_RUN} runs
 * {@code eth_type_trans} on the 14-byte Ethernet frame it is given, which pulls the Ethernet header, so the bytes to
 * pass to the interpreter are the frame without its first 14 bytes, and {@code len} is their number. Loads at
 * {@code SKF_NET_OFF + k} read the same bytes; loads at {@code SKF_LL_OFF + k}, which would reach back into the
 * Ethernet header, are not modelled.
 *
 * @param metadata the {@code __sk_buff} fields that do not come from the packet
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/bpf/test_run.c">net/bpf/test_run.c
 *     (bpf_prog_test_run_skb)</a>
 */
public record SocketFilterContext(SkbMetadata metadata) implements ProgramContext {
    public SocketFilterContext {
        Objects.requireNonNull(metadata, "metadata");
    }
}
