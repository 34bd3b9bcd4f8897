package dev.jfilter.runtime.kernel;

/**
 * The eBPF program types jfilter loads ({@code enum bpf_prog_type}), with what each one sees of a packet and the
 * sizes {@code BPF_PROG_TEST_RUN} accepts for it.
 *
 * <p>Where the packet starts, for a test run of an Ethernet frame ({@code net/bpf/test_run.c}): the kernel builds
 * an skb, runs {@code eth_type_trans} (which pulls the 14-byte Ethernet header) and pushes the header back only for
 * the types that run at layer 2. So a {@link #SOCKET_FILTER} sees the packet from the network header on
 * ({@code LD_ABS [0]} of an IPv4 frame is {@code 0x45}), {@link #SCHED_CLS} from the Ethernet header, and
 * {@link #XDP} the whole frame ({@code xdp_md.data} points at the destination MAC).
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">linux/bpf.h, enum bpf_prog_type</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/bpf/test_run.c">net/bpf/test_run.c</a>
 */
public enum BpfProgramType {
    /** {@code BPF_PROG_TYPE_SOCKET_FILTER}: packet from the network header on; LD_ABS/LD_IND, no direct access. */
    SOCKET_FILTER(1, TestRunRoom.SKB),
    /** {@code BPF_PROG_TYPE_SCHED_CLS} (tc classifier): from the Ethernet header; direct access and LD_ABS. */
    SCHED_CLS(3, TestRunRoom.SKB),
    /** {@code BPF_PROG_TYPE_SCHED_ACT} (tc action): as {@link #SCHED_CLS}. */
    SCHED_ACT(4, TestRunRoom.SKB),
    /** {@code BPF_PROG_TYPE_XDP}: the whole frame, direct access only (no LD_ABS). */
    XDP(6, TestRunRoom.XDP);

    /** {@code ETH_HLEN}: the shortest packet a test run takes. */
    public static final int MIN_TEST_RUN_BYTES = 14;

    private final int number;
    private final TestRunRoom room;

    BpfProgramType(int number, TestRunRoom room) {
        this.number = number;
        this.room = room;
    }

    /** The {@code enum bpf_prog_type} value. */
    public int number() {
        return number;
    }

    /**
     * The longest packet a test run takes for this type on a kernel with pages of {@code pageSize} bytes:
     * {@code bpf_test_init} refuses more than {@code PAGE_SIZE - headroom - tailroom}, where the tailroom is
     * {@code SKB_DATA_ALIGN(sizeof(struct skb_shared_info))} (320 bytes on x86-64 with 64-byte cache lines and 17
     * fragments) and the headroom {@code NET_SKB_PAD + NET_IP_ALIGN} (64) for skb programs,
     * {@code XDP_PACKET_HEADROOM} (256) for XDP (a program loaded without {@code BPF_F_XDP_HAS_FRAGS} gets no
     * fragments). These are x86-64's values; other machines may allow a little more or less. The kernel takes
     * longer XDP frames, as a linear part of this size plus fragments, but a program loaded without
     * {@code BPF_F_XDP_HAS_FRAGS} sees only the linear part ({@code data_end} stops there), so they are refused
     * here too.
     */
    public int maxTestRunBytes(int pageSize) {
        return pageSize - room.headroom() - TestRunRoom.TAILROOM;
    }

    /** The room the kernel reserves around a test-run packet. */
    private enum TestRunRoom {
        SKB(64), XDP(256);

        static final int TAILROOM = 320;

        private final int headroom;

        TestRunRoom(int headroom) {
            this.headroom = headroom;
        }

        int headroom() {
            return headroom;
        }
    }
}
