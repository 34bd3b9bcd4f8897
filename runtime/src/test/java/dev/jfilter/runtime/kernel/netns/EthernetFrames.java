package dev.jfilter.runtime.kernel.netns;

import dev.jfilter.testpcaps.gen.Checksums;
import java.nio.ByteBuffer;

/**
 * Ethernet frames built field by field for real links: IPv4 (20-byte header, DF, TTL 64) and IPv6 (hop limit 64)
 * packets carrying TCP, UDP or an echo, ARP, and 802.1Q / 802.1ad tags put in front of any of them. Every checksum
 * is right (IPv4 header, TCP, UDP, ICMP, ICMPv6 with their pseudo-headers; the capture generator's
 * {@link Checksums}), so no stack on the way counts an error.
 * Frames are not padded to 60 bytes: a veth carries them as they are.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc791">IPv4 (RFC 791)</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc8200">IPv6 (RFC 8200)</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc826">ARP (RFC 826)</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc1071">the Internet checksum (RFC 1071)</a>,
 *      IEEE 802.1Q (C-tag TPID 0x8100, S-tag TPID 0x88a8)
 */
public final class EthernetFrames {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    /** 802.1Q customer tag. */
    public static final int TPID_8021Q = 0x8100;
    /** 802.1ad service tag, the outer tag of QinQ. */
    public static final int TPID_8021AD = 0x88a8;
    private static final int MAC_HEADER = 14;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int TTL = 64;
    private static final int PROTOCOL_ICMP = 1;
    private static final int PROTOCOL_TCP = 6;
    private static final int PROTOCOL_UDP = 17;
    private static final int PROTOCOL_ICMPV6 = 58;

    private EthernetFrames() {}

    /** Ethernet + IPv4 + {@code transport} + {@code payload}, with IPv4 identification {@code id}. */
    public static byte[] ipv4(Endpoints ends, Transport transport, int id, byte[] payload) {
        byte[] source = Endpoints.ipv4(ends.source4());
        byte[] destination = Endpoints.ipv4(ends.destination4());
        int protocol = protocol(transport, false);
        byte[] segment = segment(transport, payload, source, destination, protocol);
        ByteBuffer ip = ByteBuffer.allocate(IPV4_HEADER + segment.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER + segment.length)).putShort((short) id)
                .putShort((short) 0x4000).put((byte) TTL).put((byte) protocol).putShort((short) 0)
                .put(source).put(destination);
        ip.putShort(10, (short) Checksums.internet(ip.array(), 0, IPV4_HEADER));
        ip.put(IPV4_HEADER, segment);
        return ethernet(ends, ETHERTYPE_IPV4, ip.array());
    }

    /** Ethernet + IPv6 (no extension headers, flow label 0) + {@code transport} + {@code payload}. */
    public static byte[] ipv6(Endpoints ends, Transport transport, byte[] payload) {
        byte[] source = Endpoints.ipv6(ends.source6());
        byte[] destination = Endpoints.ipv6(ends.destination6());
        int nextHeader = protocol(transport, true);
        byte[] segment = segment(transport, payload, source, destination, nextHeader);
        ByteBuffer ip = ByteBuffer.allocate(IPV6_HEADER + segment.length);
        ip.putInt(0x6000_0000).putShort((short) segment.length).put((byte) nextHeader).put((byte) TTL)
                .put(source).put(destination).put(segment);
        return ethernet(ends, ETHERTYPE_IPV6, ip.array());
    }

    /**
     * An ARP request (to the broadcast address, "who has the destination's IPv4 address") or reply (to the
     * destination's MAC, "the source's IPv4 address is at the source's MAC"), 42 bytes.
     */
    public static byte[] arp(Endpoints ends, boolean reply) {
        ByteBuffer arp = ByteBuffer.allocate(28);
        arp.putShort((short) 1).putShort((short) ETHERTYPE_IPV4).put((byte) 6).put((byte) 4)
                .putShort((short) (reply ? 2 : 1))
                .put(Endpoints.mac(ends.sourceMac())).put(Endpoints.ipv4(ends.source4()))
                .put(reply ? Endpoints.mac(ends.destinationMac()) : new byte[6])
                .put(Endpoints.ipv4(ends.destination4()));
        Endpoints link = reply ? ends : ends.withDestinationMac(Endpoints.BROADCAST_MAC);
        return ethernet(link, ETHERTYPE_ARP, arp.array());
    }

    /**
     * {@code frame} with a tag inserted after its MAC addresses (it becomes the outermost tag): TPID {@code tpid},
     * priority (PCP) {@code priority}, drop eligible bit clear, VLAN id {@code vid}.
     */
    public static byte[] tagged(byte[] frame, int tpid, int vid, int priority) {
        if (vid < 0 || vid > 0xfff || priority < 0 || priority > 7) {
            throw new IllegalArgumentException("VID is 12 bits, priority 3 bits: " + vid + ", " + priority);
        }
        ByteBuffer out = ByteBuffer.allocate(frame.length + 4);
        out.put(frame, 0, 12).putShort((short) tpid).putShort((short) (priority << 13 | vid))
                .put(frame, 12, frame.length - 12);
        return out.array();
    }

    /** {@code frame} with an 802.1Q (C-tag) tag, see {@link #tagged}. */
    public static byte[] vlan(byte[] frame, int vid, int priority) {
        return tagged(frame, TPID_8021Q, vid, priority);
    }

    /** {@code frame} inside an 802.1ad S-tag (outer) and an 802.1Q C-tag (inner). */
    public static byte[] qinq(byte[] frame, int outerVid, int outerPriority, int innerVid, int innerPriority) {
        return tagged(vlan(frame, innerVid, innerPriority), TPID_8021AD, outerVid, outerPriority);
    }

    /** The IP protocol number (IPv6 next header) of {@code transport}. */
    private static int protocol(Transport transport, boolean ipv6) {
        return switch (transport) {
            case Transport.Tcp t -> PROTOCOL_TCP;
            case Transport.Udp u -> PROTOCOL_UDP;
            case Transport.Echo e -> ipv6 ? PROTOCOL_ICMPV6 : PROTOCOL_ICMP;
        };
    }

    /** The transport header and payload, its checksum over the pseudo-header of {@code protocol}. */
    private static byte[] segment(Transport transport, byte[] payload, byte[] source, byte[] destination,
            int protocol) {
        ByteBuffer segment;
        int checksumAt;
        boolean pseudoHeader = true;
        switch (transport) {
            case Transport.Tcp t -> {
                segment = ByteBuffer.allocate(20 + payload.length);
                segment.putShort((short) t.sourcePort()).putShort((short) t.destinationPort())
                        .putInt((int) t.sequence()).putInt((int) t.acknowledgement())
                        .put((byte) 0x50).put((byte) t.flags()).putShort((short) 64240).putShort((short) 0)
                        .putShort((short) 0);
                checksumAt = 16;
            }
            case Transport.Udp u -> {
                segment = ByteBuffer.allocate(8 + payload.length);
                segment.putShort((short) u.sourcePort()).putShort((short) u.destinationPort())
                        .putShort((short) (8 + payload.length)).putShort((short) 0);
                checksumAt = 6;
            }
            case Transport.Echo e -> {
                boolean v6 = protocol == PROTOCOL_ICMPV6;
                int type = v6 ? (e.reply() ? 129 : 128) : (e.reply() ? 0 : 8);
                segment = ByteBuffer.allocate(8 + payload.length);
                segment.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) e.identifier())
                        .putShort((short) e.sequence());
                checksumAt = 2;
                pseudoHeader = v6; // ICMP over IPv4 sums its own bytes only
            }
        }
        segment.put(payload);
        byte[] bytes = segment.array();
        int sum = pseudoHeader
                ? Checksums.pseudoHeader(source, destination, protocol, bytes)
                : Checksums.internet(bytes);
        if (sum == 0 && transport instanceof Transport.Udp) {
            sum = 0xffff; // 0 means "no checksum" in UDP
        }
        ByteBuffer.wrap(bytes).putShort(checksumAt, (short) sum);
        return bytes;
    }

    private static byte[] ethernet(Endpoints ends, int etherType, byte[] payload) {
        return ByteBuffer.allocate(MAC_HEADER + payload.length).put(Endpoints.mac(ends.destinationMac()))
                .put(Endpoints.mac(ends.sourceMac())).putShort((short) etherType).put(payload).array();
    }
}
