package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures.Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Synthetic tagged and tunnelled traffic: single and stacked VLAN tags with the three TPIDs, MPLS label stacks over
 * IPv4 and IPv6 (bottom-of-stack bit right and wrong), PPPoE discovery and sessions carrying IPv4, IPv6 and MPLS,
 * Geneve (with and without options, Ethernet or a bare network packet inside, version 0 and 1) and VXLAN over IPv4
 * and IPv6, and combinations (a tagged PPPoE session, a tunnel carrying a tagged frame). Each frame also comes
 * truncated at a seeded random point. The tunnels are framed for every link type; the rest only for Ethernet.
 */
public final class Encapsulated {
    private Encapsulated() {}

    static final int TPID_8021Q = 0x8100;
    static final int TPID_8021AD = 0x88a8;
    static final int TPID_QINQ = 0x9100;
    static final int ETH_MPLS = 0x8847;
    static final int ETH_PPPOED = 0x8863;
    static final int ETH_PPPOES = 0x8864;
    static final int ETH_TEB = 0x6558;
    static final long MAC_A = 0x0200_0000_0001L;
    static final long MAC_B = 0x0200_0000_0002L;

    /** The corpus of a link type, deterministic. */
    public static List<Packet> forLinkType(LinkType type) {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] tunnel : tunnels()) {
            frames.addAll(framedIp(type, tunnel));
        }
        if (type == LinkType.EN10MB) {
            frames.addAll(vlans());
            frames.addAll(mplsStacks());
            frames.addAll(pppoe());
        }
        if (type == LinkType.LINUX_SLL || type == LinkType.LINUX_SLL2) {
            frames.addAll(framed(type, ETH_PPPOES, pppoeSession(0x3b, 0x0021, inner4())));
            frames.addAll(framed(type, ETH_PPPOES, pppoeSession(1234, 0x0057, inner6())));
            frames.addAll(framed(type, ETH_PPPOED, pppoeDiscovery()));
            frames.addAll(framed(type, ETH_MPLS, mplsStack(new int[] {100}, true, inner4())));
            frames.addAll(framed(type, ETH_PPPOES, pppoeSession(0x3b, 0x0281,
                    mplsStack(new int[] {100}, true, inner4()))));
        }
        List<Packet> out = new ArrayList<>();
        Random r = new Random(type.dlt() * 104729L + 3);
        int i = 0;
        for (byte[] f : frames) {
            out.add(new Packet(f, f.length, "encapsulated#" + i));
            if (f.length > 0) {
                int cut = r.nextInt(f.length);
                out.add(new Packet(Arrays.copyOf(f, cut), f.length, "encapsulated#" + i + "/" + cut));
            }
            i++;
        }
        return out;
    }

    /** An IPv4 or IPv6 packet (by its version nibble) framed for the link type. */
    private static List<byte[]> framedIp(LinkType type, byte[] l3) {
        int version = (l3[0] & 0xf0) >>> 4;
        if (type == LinkType.IPV4 && version != 4 || type == LinkType.IPV6 && version != 6) {
            return List.of();
        }
        return framed(type, version == 4 ? ETH_IP : ETH_IPV6, l3);
    }

    static byte[] inner4() {
        return ipv4(6, 0x0a000001L, 0x0a000002L, ports(22, 1025, 20));
    }

    static byte[] inner6() {
        return ipv6(17, addr6("fe80::1"), addr6("2001:db8::2"), ports(53, 5353, 8));
    }

    /** Network packets to put inside the encapsulations: TCP, UDP, ICMP over IPv4; UDP, ICMPv6 over IPv6. */
    static List<byte[]> innerPackets() {
        return List.of(
                inner4(),
                ipv4(17, 0xc0a80001L, 0xe0000005L, ports(53, 53, 8)),
                ipv4(1, 0x0a000002L, 0x0a000001L, b(8, 0, 0, 0, 0, 1, 0, 1)),
                ipv4(6, 0x01020304L, 0x0a000001L, 6, 0x2000, ports(80, 1025, 20)),
                inner6(),
                ipv6(58, addr6("fe80::2"), addr6("ff02::1"), b(128, 0, 0, 0, 0, 1, 0, 1)),
                ipv6(6, addr6("2001:db8::2"), addr6("fe80::1"), ports(1025, 22, 20)));
    }

    /** Ethernet frames to put inside tunnels and tags: IP, ARP, an 802.3/802.2 STP frame, a tagged frame. */
    static List<byte[]> innerFrames() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : innerPackets()) {
            out.add(ethernet(MAC_A, MAC_B, (p[0] & 0xf0) == 0x40 ? ETH_IP : ETH_IPV6, p));
        }
        out.add(ethernet(0xffff_ffff_ffffL, MAC_B, ETH_ARP, arp(1, 0x0a000001L, 0x0a000002L)));
        out.add(ieee8023(0x0180_c200_0000L, MAC_A, b(0x42, 0x42, 0x03, 0, 0, 0, 0, 0)));
        out.add(ieee8023(0x0180_c200_0015L, MAC_A, b(0xfe, 0xfe, 0x03, 0x83, 0x1b, 1, 0, 15, 1, 0, 0)));
        out.add(ieee8023(0xffff_ffff_ffffL, MAC_A, b(0xff, 0xff, 0, 30, 0, 0, 0, 0)));
        out.add(vlan(MAC_A, MAC_B, new int[] {TPID_8021Q}, new int[] {10}, ETH_IP, tcpSyn()));
        out.add(ethernet(MAC_A, MAC_B, ETH_MPLS, mplsStack(new int[] {100}, true, inner4())));
        out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES, pppoeSession(0x3b, 0x0021, inner4())));
        return out;
    }

    /** A TCP SYN to port 80 over IPv4. */
    static byte[] tcpSyn() {
        byte[] tcp = ports(1025, 80, 20);
        tcp[12] = 0x50;
        tcp[13] = 0x02;
        return ipv4(6, 0x0a000001L, 0x0a000002L, tcp);
    }

    /** An Ethernet frame with tags ({@code tpids[i]}, {@code vids[i]}) outermost first, then the EtherType. */
    static byte[] vlan(long dst, long src, int[] tpids, int[] vids, int type, byte[] payload) {
        byte[] tags = new byte[0];
        for (int i = 0; i < tpids.length; i++) {
            tags = cat(tags, be16(tpids[i]), be16(vids[i]));
        }
        return cat(mac(dst), mac(src), tags, be16(type), payload);
    }

    static List<byte[]> vlans() {
        List<byte[]> out = new ArrayList<>();
        int[] tpids = {TPID_8021Q, TPID_8021AD, TPID_QINQ};
        // VIDs, one with priority and DEI bits set, one a VID that only matches without the 12-bit mask.
        int[] vids = {0, 10, 20, 100, 4095, 0xa00a, 0x1064};
        int n = 0;
        for (int tpid : tpids) {
            for (int vid : vids) {
                byte[] p = innerPackets().get(n++ % innerPackets().size());
                out.add(vlan(MAC_A, MAC_B, new int[] {tpid}, new int[] {vid}, (p[0] & 0xf0) == 0x40 ? ETH_IP : ETH_IPV6,
                        p));
            }
            out.add(vlan(0xffff_ffff_ffffL, MAC_A, new int[] {tpid}, new int[] {10}, ETH_ARP,
                    arp(1, 0x0a000001L, 0x0a000002L)));
        }
        // Stacked: 802.1ad outer with 802.1Q inner, two 802.1Q, old QinQ, three tags.
        int[][][] stacks = {
            {{TPID_8021AD, TPID_8021Q}, {10, 20}}, {{TPID_8021Q, TPID_8021Q}, {100, 200}},
            {{TPID_QINQ, TPID_8021Q}, {20, 10}}, {{TPID_8021AD, TPID_8021Q, TPID_8021Q}, {10, 20, 30}},
            {{TPID_8021Q, TPID_8021AD}, {4095, 0}}};
        for (int[][] s : stacks) {
            for (byte[] p : List.of(inner4(), inner6())) {
                out.add(vlan(MAC_A, MAC_B, s[0], s[1], (p[0] & 0xf0) == 0x40 ? ETH_IP : ETH_IPV6, p));
            }
        }
        // Other protocols in a tag: a TCP SYN, RARP, DECnet, AppleTalk, IPX, PPPoE discovery, PROFINET (0x8892).
        int[] tag10 = {TPID_8021Q};
        int[] vid10 = {10};
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, ETH_IP, tcpSyn()));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, 0x8035, arp(3, 0x0a000001L, 0x0a000002L)));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, 0x6003, b(0, 0, 0x81, 0x06, 0, 0, 0xaa, 0, 4, 0, 1, 2, 0, 0)));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, 0x809b, b(0, 0, 0, 0, 0, 0, 0, 0)));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, 0x8137, b(0xff, 0xff, 0, 30, 0, 0, 0, 0)));
        out.add(vlan(0xffff_ffff_ffffL, MAC_A, tag10, vid10, ETH_PPPOED, pppoeDiscovery()));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, 0x8892, b(0xfe, 0xfe, 0, 0)));
        out.add(ethernet(MAC_A, MAC_B, 0x8892, b(0xfe, 0xfe, 0, 0)));
        byte[] iso = b(0xfe, 0xfe, 0x03, 0x81, 0x1b, 1, 0, 0x1c, 1, 0, 0);
        out.add(cat(mac(MAC_A), mac(MAC_B), be16(TPID_8021Q), be16(10), be16(iso.length), iso));
        // libpcap issue #798's expression: tags 0xaaa and 0xbbb from two sources, and the crossings.
        for (int vid : new int[] {0xaaa, 0xbbb}) {
            for (long src : new long[] {0x7f7f7f7fL, 0xf7f7f7f7L}) {
                out.add(vlan(MAC_A, MAC_B, tag10, new int[] {vid}, ETH_IP, ipv4(17, src, 0x0a000001L,
                        ports(1, 2, 8))));
            }
        }
        out.add(ethernet(MAC_A, MAC_B, ETH_IP, ipv4(17, 0x7f7f7f7fL, 0x0a000001L, ports(1, 2, 8))));
        // A tag then MPLS, a tag then PPPoE, a tag then 802.2.
        out.add(vlan(MAC_A, MAC_B, new int[] {TPID_8021Q}, new int[] {10}, ETH_MPLS,
                mplsStack(new int[] {100, 17}, true, inner4())));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, ETH_MPLS, mplsStack(new int[] {100}, true, inner4())));
        out.add(vlan(MAC_A, MAC_B, tag10, vid10, ETH_PPPOES,
                pppoeSession(0x3b, 0x0281, mplsStack(new int[] {17}, true, inner4()))));
        out.add(vlan(MAC_A, MAC_B, new int[] {TPID_8021Q}, new int[] {10}, ETH_PPPOES,
                pppoeSession(0x3b, 0x0021, inner4())));
        byte[] llc = b(0x42, 0x42, 0x03, 0, 0, 0, 0, 0);
        out.add(cat(mac(MAC_A), mac(MAC_B), be16(TPID_8021Q), be16(10), be16(llc.length), llc));
        // Tunnels in a tag (with tagged frames inside), a tag in nothing but a TPID.
        for (byte[] t : taggedTunnels()) {
            out.add(vlan(MAC_A, MAC_B, tag10, vid10, ETH_IP, t));
        }
        out.add(cat(mac(MAC_A), mac(MAC_B), be16(TPID_8021Q)));
        return out;
    }

    /** An MPLS label stack, the last entry with the bottom-of-stack bit when {@code bottom}, then the payload. */
    static byte[] mplsStack(int[] labels, boolean bottom, byte[] payload) {
        byte[] s = new byte[0];
        for (int i = 0; i < labels.length; i++) {
            long entry = ((long) labels[i] << 12) | (i == labels.length - 1 && bottom ? 0x100 : 0) | 64;
            s = cat(s, be32(entry));
        }
        return cat(s, payload);
    }

    static List<byte[]> mplsStacks() {
        List<byte[]> out = new ArrayList<>();
        int[][] stacks = {{0}, {17}, {100}, {123}, {1048575}, {100, 17}, {17, 100}, {100, 100}, {100, 17, 3},
            {16, 100000, 1024}};
        int n = 0;
        for (int[] labels : stacks) {
            for (byte[] p : List.of(innerPackets().get(n % 4), innerPackets().get(4 + n % 3))) {
                out.add(ethernet(MAC_A, MAC_B, ETH_MPLS, mplsStack(labels, true, p)));
            }
            out.add(ethernet(MAC_A, MAC_B, ETH_MPLS, mplsStack(labels, false, inner4())));
            n++;
        }
        // Tunnels in MPLS.
        for (byte[] t : taggedTunnels()) {
            out.add(ethernet(MAC_A, MAC_B, ETH_MPLS, mplsStack(new int[] {100}, true, t)));
        }
        // Ethernet over MPLS (pseudowire): not IP after the stack.
        out.add(ethernet(MAC_A, MAC_B, ETH_MPLS, mplsStack(new int[] {100}, true, innerFrames().get(0))));
        return out;
    }

    /** A PPPoE session frame (RFC 2516: VER/TYPE 0x11, code 0) with the PPP protocol and its payload. */
    static byte[] pppoeSession(int session, int pppProtocol, byte[] payload) {
        return cat(b(0x11, 0), be16(session), be16(payload.length + 2), be16(pppProtocol), payload);
    }

    /** A PPPoE discovery frame (PADI, code 9, session 0). */
    static byte[] pppoeDiscovery() {
        return b(0x11, 0x09, 0, 0, 0, 4, 0x01, 0x01, 0, 0);
    }

    static List<byte[]> pppoe() {
        List<byte[]> out = new ArrayList<>();
        out.add(ethernet(0xffff_ffff_ffffL, MAC_A, ETH_PPPOED, pppoeDiscovery()));
        int[] sessions = {0x3b, 1234, 0x1234, 0};
        int n = 0;
        for (int session : sessions) {
            for (byte[] p : innerPackets()) {
                if (n++ % 2 == 0) {
                    out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES,
                            pppoeSession(session, (p[0] & 0xf0) == 0x40 ? 0x0021 : 0x0057, p)));
                }
            }
            out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES,
                    pppoeSession(session, 0x0281, mplsStack(new int[] {123}, true, inner4()))));
            out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES, pppoeSession(session, 0xc021, b(1, 1, 0, 4))));
        }
        // PPP protocols the other primitives map to: OSI, bridging PDU, IPX, DECnet, AppleTalk, ARP's EtherType,
        // NetBEUI's SAP, PPPoE's EtherTypes.
        for (int proto : new int[] {0x0023, 0x0031, 0x002b, 0x0027, 0x0029, 0x0806, 0x0025, 0x80f3, 0x00f0, 0x8863,
            0x8864}) {
            out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES, pppoeSession(0x3b, proto, b(0x81, 1, 2, 3, 4, 5, 6, 7))));
        }
        out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES, pppoeSession(0x3b, 0x0023, b(0x83, 0x1b, 1, 0, 15, 1, 0, 0))));
        out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES, pppoeSession(0x3b, 0x0021, tcpSyn())));
        out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES,
                pppoeSession(0x3b, 0x0281, mplsStack(new int[] {100, 17}, true, inner4()))));
        // Geneve and VXLAN in a session.
        for (byte[] t : taggedTunnels()) {
            out.add(ethernet(MAC_A, MAC_B, ETH_PPPOES, pppoeSession(0x3b, 0x0021, t)));
        }
        return out;
    }

    /** UDP with its 8-byte header (no checksum) to a port. */
    static byte[] udp(int src, int dst, byte[] payload) {
        return cat(be16(src), be16(dst), be16(payload.length + 8), b(0, 0), payload);
    }

    /** A Geneve header: version, option length in words, protocol, VNI, then options of that length. */
    static byte[] geneve(int version, int optionWords, int protocol, long vni, byte[] payload) {
        byte[] options = new byte[4 * optionWords];
        for (int i = 0; i < options.length; i++) {
            options[i] = (byte) (0x30 + i);
        }
        return cat(b((version << 6) | optionWords, 0), be16(protocol), be32(vni << 8), options, payload);
    }

    /** A VXLAN header: flags (0x08 with a valid VNI), the VNI, then the inner Ethernet frame. */
    static byte[] vxlan(int flags, long vni, byte[] frame) {
        return cat(b(flags, 0, 0, 0), be32(vni << 8), frame);
    }

    /** Geneve and VXLAN in UDP, over IPv4 (one with options) and IPv6. */
    static List<byte[]> tunnels() {
        List<byte[]> out = new ArrayList<>();
        List<byte[]> frames = innerFrames();
        long[] vnis = {10, 11, 12345, 100, 101, 0xffffff};
        int n = 0;
        for (byte[] frame : frames) {
            for (long vni : vnis) {
                int options = n % 3 == 0 ? 2 : 0;
                byte[] gen = udp(40000 + n, 6081, geneve(0, options, ETH_TEB, vni, frame));
                byte[] vx = udp(40000 + n, 4789, vxlan(0x08, vni, frame));
                if (n % 2 == 0) {
                    out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, n % 4 == 0 ? 6 : 5, 0, gen));
                    out.add(ipv6(17, addr6("2001:db8::1"), addr6("2001:db8::2"), vx));
                } else {
                    out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, vx));
                    out.add(ipv6(17, addr6("2001:db8::1"), addr6("2001:db8::2"), gen));
                }
                n++;
            }
        }
        // Geneve carrying a bare network packet (the protocol field is its EtherType).
        for (byte[] p : innerPackets()) {
            int proto = (p[0] & 0xf0) == 0x40 ? ETH_IP : ETH_IPV6;
            out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 6081, geneve(0, n++ % 2, proto, 10, p))));
        }
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 6081, geneve(0, 0, ETH_MPLS, 10,
                mplsStack(new int[] {100}, true, inner4())))));
        // Wrong version, VXLAN without the I flag, the ports as source only, a later fragment.
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 6081, geneve(1, 0, ETH_TEB, 10, frames.get(0)))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 4789, vxlan(0x00, 100, frames.get(0)))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(6081, 1, geneve(0, 0, ETH_TEB, 10, frames.get(0)))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, 5, 0x2001, udp(1, 4789, vxlan(0x08, 100, frames.get(0)))));
        // Nested: Geneve in VXLAN, VXLAN in Geneve.
        byte[] g = ipv4(17, 0x0a000001L, 0x0a000002L, udp(1, 6081, geneve(0, 0, ETH_TEB, 11, frames.get(1))));
        byte[] v = ipv4(17, 0x0a000001L, 0x0a000002L, udp(1, 4789, vxlan(0x08, 101, frames.get(0))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 4789, vxlan(0x08, 100, ethernet(MAC_A, MAC_B, ETH_IP, g)))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 6081, geneve(0, 1, ETH_TEB, 10,
                ethernet(MAC_A, MAC_B, ETH_IP, v)))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 6081, geneve(0, 0, ETH_TEB, 10,
                ethernet(MAC_A, MAC_B, ETH_IP, g)))));
        out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(1, 4789, vxlan(0x08, 100,
                ethernet(MAC_A, MAC_B, ETH_IP, v)))));
        return out;
    }

    /**
     * Geneve and VXLAN (VNI 10 and 100) over IPv4 carrying a tagged TCP SYN (VID 10), a tagged UDP packet and an
     * untagged TCP SYN.
     */
    static List<byte[]> taggedTunnels() {
        List<byte[]> out = new ArrayList<>();
        List<byte[]> frames = List.of(
                vlan(MAC_A, MAC_B, new int[] {TPID_8021Q}, new int[] {10}, ETH_IP, tcpSyn()),
                vlan(MAC_A, MAC_B, new int[] {TPID_8021Q}, new int[] {10}, ETH_IP, innerPackets().get(1)),
                ethernet(MAC_A, MAC_B, ETH_IP, tcpSyn()));
        for (byte[] frame : frames) {
            out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(2, 6081, geneve(0, 0, ETH_TEB, 10, frame))));
            out.add(ipv4(17, 0xc0a80001L, 0xc0a80002L, udp(2, 4789, vxlan(0x08, 100, frame))));
        }
        return out;
    }
}
