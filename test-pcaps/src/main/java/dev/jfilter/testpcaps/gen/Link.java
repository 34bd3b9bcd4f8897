package dev.jfilter.testpcaps.gen;

/**
 * Link-layer headers for the link types of the captures: Ethernet II, IEEE 802.3 with 802.2 LLC and SNAP,
 * 802.1Q/802.1ad tags, Linux cooked headers v1 and v2, and the BSD loopback headers (NULL in host byte order, LOOP
 * in network byte order).
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org link-layer header types</a>
 */
public final class Link {
    /** LINKTYPE_ values written in the pcap headers (see linktypes.html). */
    public static final int LINKTYPE_NULL = 0, LINKTYPE_ETHERNET = 1, LINKTYPE_RAW = 101, LINKTYPE_LOOP = 108,
            LINKTYPE_LINUX_SLL = 113, LINKTYPE_IPV4 = 228, LINKTYPE_IPV6 = 229, LINKTYPE_LINUX_SLL2 = 276;

    /** Linux packet types (the sll_pkttype values, linux/if_packet.h). */
    public static final int HOST = 0, BROADCAST = 1, MULTICAST = 2, OTHERHOST = 3, OUTGOING = 4;

    /** The LINUX_SLL protocol values that are not EtherTypes (linux/if_ether.h, ETH_P_802_3 and ETH_P_802_2). */
    public static final int SLL_P_802_3 = 0x0001, SLL_P_802_2 = 0x0004;

    private Link() {
    }

    /** An Ethernet II frame. */
    public static byte[] ethernet(byte[] dst, byte[] src, int etherType, byte[] payload) {
        return new ByteBuilder().bytes(dst).bytes(src).u16(etherType).bytes(payload).toByteArray();
    }

    /** An Ethernet II frame padded with zeros to the 60-byte minimum (as a receiving NIC delivers it). */
    public static byte[] ethernetPadded(byte[] dst, byte[] src, int etherType, byte[] payload) {
        ByteBuilder b = new ByteBuilder().bytes(dst).bytes(src).u16(etherType).bytes(payload);
        if (b.size() < 60) {
            b.fill(60 - b.size(), 0);
        }
        return b.toByteArray();
    }

    /** An IEEE 802.3 frame whose length field counts {@code payload} (normally an LLC PDU). */
    public static byte[] ieee8023(byte[] dst, byte[] src, byte[] payload) {
        return ethernet(dst, src, payload.length, payload);
    }

    /** An 802.2 LLC PDU with a one-byte (U-format) control field. */
    public static byte[] llc(int dsap, int ssap, int control, byte[] info) {
        return new ByteBuilder().u8(dsap).u8(ssap).u8(control).bytes(info).toByteArray();
    }

    /** An 802.2 LLC PDU with a two-byte (I- or S-format) control field. */
    public static byte[] llc2(int dsap, int ssap, int control16, byte[] info) {
        return new ByteBuilder().u8(dsap).u8(ssap).u16(control16).bytes(info).toByteArray();
    }

    /** An LLC/SNAP PDU (DSAP = SSAP = 0xaa, UI) with organization code {@code oui} and protocol {@code type}. */
    public static byte[] snap(int oui, int type, byte[] payload) {
        return new ByteBuilder().u8(0xaa).u8(0xaa).u8(0x03).u8(oui >>> 16).u16(oui).u16(type).bytes(payload)
                .toByteArray();
    }

    /** An Ethernet frame with one VLAN tag: TPID, then TCI (PCP, DEI, VID), then the inner EtherType. */
    public static byte[] tagged(byte[] dst, byte[] src, int tpid, int tci, int innerType, byte[] payload) {
        return new ByteBuilder().bytes(dst).bytes(src).u16(tpid).u16(tci).u16(innerType).bytes(payload)
                .toByteArray();
    }

    /**
     * A Linux cooked v1 header (16 bytes: packet type, ARPHRD type, address length, 8 address bytes, protocol) in
     * front of {@code payload}.
     *
     * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html">LINKTYPE_LINUX_SLL</a>
     */
    public static byte[] sll(int packetType, int arphrd, byte[] address, int protocol, byte[] payload) {
        ByteBuilder b = new ByteBuilder().u16(packetType).u16(arphrd).u16(address.length);
        for (int i = 0; i < 8; i++) {
            b.u8(i < address.length ? address[i] : 0);
        }
        return b.u16(protocol).bytes(payload).toByteArray();
    }

    /**
     * A Linux cooked v2 header (20 bytes: protocol, reserved, interface index, ARPHRD type, packet type, address
     * length, 8 address bytes) in front of {@code payload}.
     *
     * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html">LINKTYPE_LINUX_SLL2</a>
     */
    public static byte[] sll2(int protocol, long ifindex, int arphrd, int packetType, byte[] address,
            byte[] payload) {
        ByteBuilder b = new ByteBuilder().u16(protocol).u16(0).u32(ifindex).u16(arphrd).u8(packetType)
                .u8(address.length);
        for (int i = 0; i < 8; i++) {
            b.u8(i < address.length ? address[i] : 0);
        }
        return b.bytes(payload).toByteArray();
    }

    /** A BSD loopback (DLT_NULL) header: the address family as a 32-bit word in the writer's byte order. */
    public static byte[] nullHeader(long family, boolean littleEndian, byte[] payload) {
        ByteBuilder b = new ByteBuilder();
        if (littleEndian) {
            b.u32le(family);
        } else {
            b.u32(family);
        }
        return b.bytes(payload).toByteArray();
    }

    /** An OpenBSD loopback (DLT_LOOP) header: the address family in network byte order. */
    public static byte[] loopHeader(long family, byte[] payload) {
        return nullHeader(family, false, payload);
    }
}
