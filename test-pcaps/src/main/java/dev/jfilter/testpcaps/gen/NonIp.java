package dev.jfilter.testpcaps.gen;

/**
 * Payloads of the non-IP protocols the filter language names: ARP/RARP, spanning tree, IPX, NetBEUI, the ISO
 * network layer (CLNP, ES-IS, IS-IS), DECnet, LAT, MOP, AppleTalk DDP and AARP, SCA, PPPoE. They are well-formed
 * enough for tshark to decode and put the bytes libpcap tests where it tests them.
 */
public final class NonIp {
    /** EtherTypes (ethertype.h in libpcap). */
    public static final int ARP = 0x0806, RARP = 0x8035, IPX = 0x8137, DECNET = 0x6003, LAT = 0x6004,
            MOPDL = 0x6001, MOPRC = 0x6002, SCA = 0x6007, ATALK = 0x809b, AARP = 0x80f3, PPPOED = 0x8863,
            PPPOES = 0x8864, VLAN = 0x8100, QINQ = 0x88a8, MPLS = 0x8847, LLDP = 0x88cc, SLOW = 0x8809,
            LOOPBACK = 0x9000;
    /** LLC SAPs (llc.h in libpcap). */
    public static final int SAP_STP = 0x42, SAP_IPX = 0xe0, SAP_NETBEUI = 0xf0, SAP_ISONS = 0xfe, SAP_IP = 0x06,
            SAP_SNAP = 0xaa, SAP_NULL = 0x00, SAP_GLOBAL = 0xff, SAP_SNA = 0x04;
    /** ISO network-layer protocol identifiers (NLPIDs). */
    public static final int NLPID_CLNP = 0x81, NLPID_ESIS = 0x82, NLPID_ISIS = 0x83;

    private NonIp() {
    }

    /** An ARP or RARP packet for Ethernet/IPv4 (RFC 826, RFC 903): opcode 1/2 ARP, 3/4 RARP. */
    public static byte[] arp(int op, byte[] sha, byte[] spa, byte[] tha, byte[] tpa) {
        return new ByteBuilder().u16(1).u16(0x0800).u8(6).u8(4).u16(op)
                .bytes(sha).bytes(spa).bytes(tha).bytes(tpa).toByteArray();
    }

    /** An 802.1D configuration BPDU (35 bytes), or with {@code version} 2 an RSTP BPDU (36 bytes). */
    public static byte[] stpConfig(int version, byte[] rootMac, int rootPriority, long pathCost, int portId) {
        ByteBuilder b = new ByteBuilder().u16(0).u8(version).u8(version == 2 ? 2 : 0).u8(version == 2 ? 0x3c : 0)
                .u16(rootPriority).bytes(rootMac).u32(pathCost).u16(0x8000).bytes(rootMac).u16(portId)
                .u16(0).u16(20 << 8).u16(2 << 8).u16(15 << 8);
        if (version == 2) {
            b.u8(0);
        }
        return b.toByteArray();
    }

    /** An 802.1D topology-change notification BPDU (4 bytes). */
    public static byte[] stpTcn() {
        return new ByteBuilder().u16(0).u8(0).u8(0x80).toByteArray();
    }

    /** An IPX header (30 bytes, checksum 0xffff) and data. */
    public static byte[] ipx(int packetType, long dstNet, byte[] dstNode, int dstSocket, long srcNet, byte[] srcNode,
            int srcSocket, byte[] data) {
        return new ByteBuilder().u16(0xffff).u16(30 + data.length).u8(0).u8(packetType)
                .u32(dstNet).bytes(dstNode).u16(dstSocket).u32(srcNet).bytes(srcNode).u16(srcSocket)
                .bytes(data).toByteArray();
    }

    /** A NetBIOS Frames (NetBEUI) "name query" style header (as carried in LLC SAP 0xf0). */
    public static byte[] netbios(int command, String name) {
        ByteBuilder b = new ByteBuilder().u16le(44).u16le(0xefff).u8(command).u8(0).u16(0).u16(0).u16(0);
        byte[] n = (name + "                ").substring(0, 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return b.bytes(n).bytes(n).toByteArray();
    }

    /** A CLNP data PDU (ISO 8473) header with 20-byte NSAPs, checksum left 0 ("not used"). */
    public static byte[] clnp(int type, byte[] dstNsap, byte[] srcNsap, byte[] data) {
        ByteBuilder b = new ByteBuilder().u8(NLPID_CLNP).u8(0).u8(1).u8(32).u8(type).u16(0).u16(0)
                .u8(dstNsap.length).bytes(dstNsap).u8(srcNsap.length).bytes(srcNsap);
        int headerLength = b.size();
        b.set8(1, headerLength);
        b.bytes(data);
        b.set16(5, b.size());
        return b.toByteArray();
    }

    /** An ES-IS PDU (ISO 9542): type 2 ESH, 4 ISH, 6 RD. */
    public static byte[] esis(int type, int holdingTime, byte[] nsap) {
        ByteBuilder b = new ByteBuilder().u8(NLPID_ESIS).u8(0).u8(1).u8(0).u8(type).u16(holdingTime).u16(0)
                .u8(nsap.length).bytes(nsap);
        b.set8(1, b.size());
        return b.toByteArray();
    }

    /**
     * An IS-IS PDU (ISO 10589): the 8-byte common header with PDU type {@code pduTypeByte} (the whole byte, so that
     * the reserved top 3 bits can be set too) and a body.
     */
    public static byte[] isis(int pduTypeByte, int headerLength, byte[] body) {
        return new ByteBuilder().u8(NLPID_ISIS).u8(headerLength).u8(1).u8(0).u8(pduTypeByte).u8(1).u8(0).u8(0)
                .bytes(body).toByteArray();
    }

    /** A DECnet address {@code area.node} as its 16-bit value. */
    public static int decnetAddress(int area, int node) {
        return (area << 10) | node;
    }

    /**
     * A DECnet Phase IV routing message: little-endian length, optional padding byte 0x81, then a long (flags 0x26)
     * or short (flags 0x02) data header with destination and source addresses (little-endian on the wire).
     */
    public static byte[] decnetData(boolean padded, boolean longHeader, int dst, int src, byte[] data) {
        ByteBuilder b = new ByteBuilder().u16le(0);
        if (padded) {
            b.u8(0x81);
        }
        if (longHeader) {
            b.u8(0x26).u8(0).u8(0).u8(0xaa).u8(0).u8(4).u8(0).u16le(dst)
                    .u8(0).u8(0).u8(0xaa).u8(0).u8(4).u8(0).u16le(src)
                    .u8(0).u8(0).u8(0).u8(0);
        } else {
            b.u8(0x02).u16le(dst).u16le(src).u8(0);
        }
        b.bytes(data);
        b.set8(0, b.size() - 2).set8(1, (b.size() - 2) >>> 8);
        return b.toByteArray();
    }

    /** A DECnet hello/initialization control message (flags with the control bit). */
    public static byte[] decnetControl(int flags, int src) {
        return new ByteBuilder().u16le(11).u8(flags).u16le(src).u16(0x0200).u8(2).u8(0).u8(0).u16(0x0400).u8(0)
                .toByteArray();
    }

    /** A LAT virtual-circuit header (message type, circuit counts, ids, sequence numbers). */
    public static byte[] lat(int type, int circuitId, byte[] data) {
        return new ByteBuilder().u8(type).u8(1).u8(1).u16le(circuitId).u16le(0).u8(0).u8(0).bytes(data)
                .toByteArray();
    }

    /** A MOP message: little-endian length then code and data. */
    public static byte[] mop(int code, byte[] data) {
        return new ByteBuilder().u16le(1 + data.length).u8(code).bytes(data).toByteArray();
    }

    /** An AppleTalk DDP long header (13 bytes) and data. */
    public static byte[] ddp(int dstNet, int srcNet, int dstNode, int srcNode, int dstSocket, int srcSocket,
            int type, byte[] data) {
        return new ByteBuilder().u16(13 + data.length).u16(0).u16(dstNet).u16(srcNet).u8(dstNode).u8(srcNode)
                .u8(dstSocket).u8(srcSocket).u8(type).bytes(data).toByteArray();
    }

    /** An AARP packet (AppleTalk ARP): function 1 request, 2 response, 3 probe. */
    public static byte[] aarp(int function, byte[] srcMac, int srcNet, int srcNode, int dstNet, int dstNode) {
        return new ByteBuilder().u16(1).u16(ATALK).u8(6).u8(4).u16(function)
                .bytes(srcMac).u8(0).u16(srcNet).u8(srcNode)
                .fill(6, 0).u8(0).u16(dstNet).u8(dstNode).toByteArray();
    }

    /** A PPPoE header (RFC 2516): code and session id, then {@code payload} (tags or a PPP frame). */
    public static byte[] pppoe(int code, int sessionId, byte[] payload) {
        return new ByteBuilder().u8(0x11).u8(code).u16(sessionId).u16(payload.length).bytes(payload).toByteArray();
    }
}
