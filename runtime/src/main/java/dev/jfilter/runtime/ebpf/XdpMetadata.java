package dev.jfilter.runtime.ebpf;

/**
 * The fields of {@code struct xdp_md} that do not come from the packet.
 *
 * @param ingressIfindex {@code ingress_ifindex}: the receiving device
 * @param rxQueueIndex   {@code rx_queue_index}: the receive queue
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">include/uapi/linux/bpf.h
 *     (struct xdp_md)</a>
 */
public record XdpMetadata(int ingressIfindex, int rxQueueIndex) {
    /**
     * What {@code BPF_PROG_TEST_RUN} gives without a context: the frame arrives on queue 0 of the namespace's loopback
     * device, whose ifindex is 1.
     */
    public static final XdpMetadata TEST_RUN = new XdpMetadata(1, 0);
}
