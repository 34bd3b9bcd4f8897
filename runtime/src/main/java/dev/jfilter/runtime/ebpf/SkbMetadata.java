package dev.jfilter.runtime.ebpf;

/**
 * The fields of {@code struct __sk_buff} that do not come from the packet, as a socket filter or tc program reads
 * them. {@code len} is the length of the bytes given to the interpreter;
 * {@code cb[0..4]} start at 0; {@code tc_classid} and {@code hwtstamp} read 0.
 *
 * <p>{@code protocol} and {@code vlanProto} are given as numbers ({@code 0x0800}, {@code 0x8100}); the program reads
 * them as the kernel stores them, in network byte order in the low 16 bits of the u32 ({@code 0x0008} for IPv4 on a
 * little-endian host).
 *
 * @param pktType        {@code pkt_type}: {@code PACKET_HOST} 0, {@code PACKET_BROADCAST} 1, {@code PACKET_MULTICAST}
 *                       2, {@code PACKET_OTHERHOST} 3, {@code PACKET_OUTGOING} 4
 * @param mark           {@code mark}
 * @param queueMapping   {@code queue_mapping}
 * @param protocol       the EtherType {@code skb->protocol} holds
 * @param vlanPresent    whether a VLAN tag was taken out of the frame ({@code vlan_present})
 * @param vlanTci        {@code vlan_tci}
 * @param vlanProto      the VLAN tag's protocol ({@code 0x8100}, {@code 0x88a8}); 0 without a tag
 * @param priority       {@code priority}
 * @param ingressIfindex {@code ingress_ifindex} ({@code skb->skb_iif})
 * @param ifindex        {@code ifindex} of {@code skb->dev}
 * @param tcIndex        {@code tc_index}
 * @param hash           {@code hash}
 * @param napiId         {@code napi_id}
 * @param wireLength     {@code wire_len} (tc only; {@code BPF_PROG_TEST_RUN} without a context leaves it 0)
 * @param gsoSegs        {@code gso_segs}
 * @param gsoSize        {@code gso_size}
 * @param tstamp         {@code tstamp} (tc only)
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/bpf.h">include/uapi/linux/bpf.h
 *     (struct __sk_buff)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/net/bpf/test_run.c">net/bpf/test_run.c</a>
 */
public record SkbMetadata(int pktType, int mark, int queueMapping, int protocol, boolean vlanPresent, int vlanTci,
                          int vlanProto, int priority, int ingressIfindex, int ifindex, int tcIndex, int hash,
                          int napiId, int wireLength, int gsoSegs, int gsoSize, long tstamp) {
    /** {@code PACKET_HOST}: addressed to this host. */
    public static final int PACKET_HOST = 0;
    /** {@code PACKET_BROADCAST}: to the device's broadcast address. */
    public static final int PACKET_BROADCAST = 1;
    /** {@code PACKET_MULTICAST}: to a multicast (group) address. */
    public static final int PACKET_MULTICAST = 2;
    /** {@code PACKET_OTHERHOST}: to another host. */
    public static final int PACKET_OTHERHOST = 3;

    /** The ifindex of a network namespace's loopback device, which {@code BPF_PROG_TEST_RUN} uses. */
    public static final int LOOPBACK_IFINDEX = 1;

    private static final int ETH_HLEN = 14;
    private static final int ETH_P_802_3_MIN = 0x0600;
    private static final int ETH_P_802_3 = 0x0001;
    private static final int ETH_P_802_2 = 0x0004;

    public SkbMetadata {
        checkU16("protocol", protocol);
        checkU16("vlanProto", vlanProto);
        checkU16("vlanTci", vlanTci);
        if (pktType < 0 || pktType > 7) {
            throw new IllegalArgumentException("pkt_type is 3 bits: " + pktType);
        }
    }

    /**
     * The metadata {@code BPF_PROG_TEST_RUN} gives an Ethernet frame when it is called without a context (Linux
     * {@code bpf_prog_test_run_skb}): the frame arrives on the loopback device (ifindex 1), {@code eth_type_trans}
     * sets {@code protocol} (the EtherType, or {@code ETH_P_802_3}/{@code ETH_P_802_2} for an 802.3 length field) and
     * {@code pkt_type} by comparing the destination with the loopback device's address and broadcast address, both
     * all zeros: {@code 00:00:00:00:00:00} is {@code PACKET_HOST}, any group address (broadcast included) is
     * {@code PACKET_MULTICAST}, any other {@code PACKET_OTHERHOST}. Everything else is 0.
     *
     * @param frame the Ethernet frame, at least 14 bytes ({@code BPF_PROG_TEST_RUN} refuses shorter ones)
     */
    public static SkbMetadata testRun(byte[] frame) {
        if (frame.length < ETH_HLEN) {
            throw new IllegalArgumentException(
                    "BPF_PROG_TEST_RUN needs at least an Ethernet header (14 bytes), got " + frame.length);
        }
        boolean toLoopbackAddress = true;
        for (int i = 0; i < 6; i++) {
            toLoopbackAddress &= frame[i] == 0;
        }
        int pktType = toLoopbackAddress ? PACKET_HOST
                : (frame[0] & 1) != 0 ? PACKET_MULTICAST : PACKET_OTHERHOST;
        int etherType = (frame[12] & 0xff) << 8 | frame[13] & 0xff;
        int protocol;
        if (etherType >= ETH_P_802_3_MIN) {
            protocol = etherType;
        } else if (frame.length >= ETH_HLEN + 2 && frame[14] == (byte) 0xff && frame[15] == (byte) 0xff) {
            protocol = ETH_P_802_3; // Novell raw IPX, spotted by its 0xFFFF checksum
        } else {
            protocol = ETH_P_802_2;
        }
        return new SkbMetadata(pktType, 0, 0, protocol, false, 0, 0, 0, 0, LOOPBACK_IFINDEX, 0, 0, 0, 0, 0, 0, 0);
    }

    /** This metadata with {@code mark} replaced. */
    public SkbMetadata withMark(int newMark) {
        return new SkbMetadata(pktType, newMark, queueMapping, protocol, vlanPresent, vlanTci, vlanProto, priority,
                ingressIfindex, ifindex, tcIndex, hash, napiId, wireLength, gsoSegs, gsoSize, tstamp);
    }

    /** This metadata with a VLAN tag taken out of the frame (as a NIC that strips tags does). */
    public SkbMetadata withVlan(int tci, int proto) {
        return new SkbMetadata(pktType, mark, queueMapping, protocol, true, tci, proto, priority,
                ingressIfindex, ifindex, tcIndex, hash, napiId, wireLength, gsoSegs, gsoSize, tstamp);
    }

    private static void checkU16(String what, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " is 16 bits: " + value);
        }
    }
}
