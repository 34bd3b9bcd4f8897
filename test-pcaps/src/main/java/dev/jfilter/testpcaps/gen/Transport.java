package dev.jfilter.testpcaps.gen;

/**
 * Builders for the upper-layer protocols other than TCP: UDP, SCTP, ICMP, ICMPv6, IGMP, PIM, VRRP/CARP, IGRP,
 * GRE, OSPF, AH and ESP. Each returns a {@link Payload} with its protocol number; checksums that cover only the
 * message are filled in here, the pseudo-header ones (UDP, ICMPv6) by the IP layer.
 */
public final class Transport {
    /** Protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
    public static final int ICMP = 1, IGMP = 2, IPIP = 4, UDP = 17, IPV6 = 41, GRE = 47, ESP = 50, AH = 51,
            ICMP6 = 58, NO_NEXT = 59, IGRP = 9, OSPF = 89, PIM = 103, VRRP = 112, SCTP = 132;

    private Transport() {
    }

    /** A UDP datagram (RFC 768). */
    public static Payload udp(int srcPort, int dstPort, byte[] data) {
        byte[] d = new ByteBuilder().u16(srcPort).u16(dstPort).u16(8 + data.length).u16(0).bytes(data).toByteArray();
        return Payload.withPseudoChecksum(UDP, d, 6);
    }

    /** An SCTP packet (RFC 9260) with the given chunks, CRC32c filled in. */
    public static Payload sctp(int srcPort, int dstPort, long verificationTag, byte[]... chunks) {
        ByteBuilder b = new ByteBuilder().u16(srcPort).u16(dstPort).u32(verificationTag).u32(0);
        for (byte[] c : chunks) {
            b.bytes(c).padTo(4, 0);
        }
        byte[] p = b.toByteArray();
        long crc = Checksums.sctp(p);
        p[8] = (byte) (crc >>> 24);
        p[9] = (byte) (crc >>> 16);
        p[10] = (byte) (crc >>> 8);
        p[11] = (byte) crc;
        return Payload.raw(SCTP, p);
    }

    /** An SCTP chunk: type, flags, value (the length field covers the unpadded chunk). */
    public static byte[] sctpChunk(int type, int flags, byte[] value) {
        return new ByteBuilder().u8(type).u8(flags).u16(4 + value.length).bytes(value).toByteArray();
    }

    /** An ICMP message (RFC 792): type, code, the 4 "rest of header" bytes and data, checksum filled in. */
    public static Payload icmp(int type, int code, long restOfHeader, byte[] data) {
        return Payload.raw(ICMP, withChecksum(new ByteBuilder().u8(type).u8(code).u16(0).u32(restOfHeader)
                .bytes(data).toByteArray(), 2));
    }

    /** An ICMPv6 message (RFC 4443): type, code and body; the checksum needs the IPv6 pseudo-header. */
    public static Payload icmp6(int type, int code, byte[] body) {
        return Payload.withPseudoChecksum(ICMP6, new ByteBuilder().u8(type).u8(code).u16(0).bytes(body).toByteArray(), 2);
    }

    /** An IGMP message (RFC 2236 layout): type, max response time, group address, plus extra bytes (IGMPv3). */
    public static Payload igmp(int type, int maxResp, byte[] group, byte[] extra) {
        return Payload.raw(IGMP, withChecksum(new ByteBuilder().u8(type).u8(maxResp).u16(0).bytes(group)
                .bytes(extra).toByteArray(), 2));
    }

    /** A PIMv2 message (RFC 7761 section 4.9): type and body, checksum over the message. */
    public static Payload pim(int version, int type, byte[] body) {
        return Payload.raw(PIM, withChecksum(new ByteBuilder().u8((version << 4) | type).u8(0).u16(0).bytes(body)
                .toByteArray(), 2));
    }

    /** A VRRPv2 advertisement (RFC 3768): virtual router id, priority and addresses. */
    public static Payload vrrp(int vrid, int priority, byte[]... addresses) {
        ByteBuilder b = new ByteBuilder().u8(0x21).u8(vrid).u8(priority).u8(addresses.length).u8(0).u8(1).u16(0);
        for (byte[] a : addresses) {
            b.bytes(a);
        }
        b.fill(8, 0); // authentication data
        return Payload.raw(VRRP, withChecksum(b.toByteArray(), 6));
    }

    /** A CARP advertisement (OpenBSD carp(4)): IP protocol 112 like VRRP, version 2, type 1. */
    public static Payload carp(int vhid, int advskew, long counter) {
        byte[] m = new ByteBuilder().u8(0x21).u8(vhid).u8(advskew).u8(7).u8(0).u8(1).u16(0)
                .u32(counter >>> 32).u32(counter).fill(20, 0x3c).toByteArray();
        return Payload.raw(VRRP, withChecksum(m, 6));
    }

    /** An IGRP update (Cisco, IP protocol 9): a version/opcode byte and a short body. */
    public static Payload igrp(int opcode, int autonomousSystem, byte[] body) {
        return Payload.raw(IGRP, withChecksum(new ByteBuilder().u8(0x10 | opcode).u8(1).u16(autonomousSystem)
                .u16(0).u16(0).u16(0).u16(0).bytes(body).toByteArray(), 10));
    }

    /** A GRE packet (RFC 2784) carrying {@code inner} with protocol type {@code etherType}. */
    public static Payload gre(int etherType, byte[] inner) {
        return Payload.raw(GRE, new ByteBuilder().u16(0).u16(etherType).bytes(inner).toByteArray());
    }

    /** An OSPFv2 hello (RFC 2328 A.3.2) from router {@code routerId}. */
    public static Payload ospfHello(byte[] routerId, byte[] area, byte[] neighbor) {
        ByteBuilder b = new ByteBuilder().u8(2).u8(1).u16(0).bytes(routerId).bytes(area).u16(0).u16(0).u32(0).u32(0)
                .bytes(Addr.v4("255.255.255.0")).u16(10).u8(2).u8(1).u32(40)
                .bytes(new byte[4]).bytes(new byte[4]).bytes(neighbor);
        b.set16(2, b.size());
        byte[] m = b.toByteArray();
        int c = Checksums.internet(m);
        m[12] = (byte) (c >>> 8);
        m[13] = (byte) c;
        return Payload.raw(OSPF, m);
    }

    /** An AH header (RFC 4302) in front of {@code inner}. */
    public static Payload ah(long spi, long seq, Payload inner) {
        return inner.behind(AH, new Ipv6Ext.Authentication(spi, seq, 12).encode(inner.protocol()));
    }

    /** An ESP packet (RFC 4303): SPI, sequence number and opaque bytes. */
    public static Payload esp(long spi, long seq, byte[] opaque) {
        return Payload.raw(ESP, new ByteBuilder().u32(spi).u32(seq).bytes(opaque).toByteArray());
    }

    private static byte[] withChecksum(byte[] m, int at) {
        int c = Checksums.internet(m);
        m[at] = (byte) (c >>> 8);
        m[at + 1] = (byte) c;
        return m;
    }
}
