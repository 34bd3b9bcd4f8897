package dev.jfilter.ebpf.verifier;

/**
 * A program type as the verifier's bookkeeping sees it: which fields of the context it receives in R1 load the
 * packet's start and end pointers, and which helpers move the packet (so pointers into it become invalid).
 *
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">include/uapi/linux/bpf.h</a>
 */
public enum ProgramType {
    /** {@code BPF_PROG_TYPE_SOCKET_FILTER}: {@code __sk_buff} without direct packet access. */
    SOCKET_FILTER(-1, -1),
    /** {@code BPF_PROG_TYPE_SCHED_CLS}: {@code __sk_buff} with {@code data} at 76, {@code data_end} at 80. */
    SCHED_CLS(76, 80),
    /** {@code BPF_PROG_TYPE_XDP}: {@code xdp_md} with {@code data} at 0, {@code data_end} at 4. */
    XDP(0, 4);

    private final int dataOffset;
    private final int dataEndOffset;

    ProgramType(int dataOffset, int dataEndOffset) {
        this.dataOffset = dataOffset;
        this.dataEndOffset = dataEndOffset;
    }

    /** What a load of {@code size} bytes at context offset {@code off} puts in a register. */
    Value load(int off, int sizeBytes) {
        if (dataOffset >= 0 && off == dataOffset) {
            return new Value.Packet(0, 0, 0, 0, 0);
        }
        if (dataEndOffset >= 0 && off == dataEndOffset) {
            return Value.PACKET_END;
        }
        return Value.bits(8 * sizeBytes);
    }

    /** Whether the helper may move or resize the packet ({@code bpf_helper_changes_pkt_data}). */
    static boolean helperChangesPacket(int helper) {
        // skb_store_bytes, l3/l4_csum_replace, clone_redirect, skb_vlan_push/pop, skb_change_proto/tail/head,
        // skb_pull_data, xdp_adjust_head/meta/tail, skb_adjust_room: the tc and XDP ones of net/core/filter.c's list
        return switch (helper) {
            case 9, 10, 11, 13, 18, 19, 31, 38, 39, 43, 44, 50, 54, 65 -> true;
            default -> false;
        };
    }
}
