package dev.jfilter.runtime.ebpf;

import java.util.Objects;

/**
 * The context of a {@code BPF_PROG_TYPE_XDP} program: {@code struct xdp_md}, 4-byte reads only, no writes:
 * {@code data} (0), {@code data_end} (4) and {@code data_meta} (8) as packet pointers (the metadata area is empty,
 * as {@code BPF_PROG_TEST_RUN} leaves it without a context), {@code ingress_ifindex} (12) and {@code rx_queue_index}
 * (16); {@code egress_ifindex} (20) is for devmap programs only. An XDP program sees the whole frame, and may not use
 * {@code LD_ABS}/{@code LD_IND}.
 *
 * @param metadata the {@code xdp_md} fields that do not come from the packet
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/bpf/test_run.c">net/bpf/test_run.c
 *     (bpf_prog_test_run_xdp)</a>
 */
public record XdpContext(XdpMetadata metadata) implements ProgramContext {
    public XdpContext {
        Objects.requireNonNull(metadata, "metadata");
    }

    /** The context {@code BPF_PROG_TEST_RUN} gives an XDP program run without a context of its own. */
    public static XdpContext testRun() {
        return new XdpContext(XdpMetadata.TEST_RUN);
    }
}
