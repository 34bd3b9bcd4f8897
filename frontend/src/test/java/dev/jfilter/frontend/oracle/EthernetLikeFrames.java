package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic frames for the link types that carry an Ethernet frame with a DSA tag inside or a netANALYZER
 * pseudo-header before it, and for the MAC-8 link types (ARCnet, BACnet MS/TP): the frames {@link Synthetic} adds
 * for Ethernet (ARP and RARP, the EtherTypes and 802.2 payloads of the non-IP primitives, the matrix of addresses),
 * converted, plus what the accept tests of these link types look for (their VLAN IDs, MPLS labels and addresses);
 * on ARCnet every RFC 1201 and RFC 1051 system code and a matrix of station addresses; on MS/TP every frame type
 * and a matrix of station addresses with broadcast.
 */
final class EthernetLikeFrames {
    private EthernetLikeFrames() {}

    /** The stations the ARCnet and MS/TP tests name, broadcast (0 on ARCnet, 0xff on MS/TP) and a few others. */
    private static final int[] MAC8 = {0x00, 0x01, 0x07, 0x0e, 0x7e, 0x8c, 0xa4, 0xa7, 0xa8, 0xa9, 0xb3, 0xc0, 0xff};

    static List<byte[]> forLinkType(LinkType type) {
        return switch (type) {
            case DSA_TAG_BRCM, DSA_TAG_DSA, NETANALYZER, NETANALYZER_TRANSPARENT, DSA_TAG_BRCM_PREPEND, DSA_TAG_EDSA,
                    NETANALYZER_NG -> ethernetLike(type);
            case ARCNET, ARCNET_LINUX -> arcnet(type);
            case BACNET_MS_TP -> mstp();
            default -> List.of();
        };
    }

    /** The Ethernet frames, converted; with the frames the suite's expressions on these link types test for. */
    private static List<byte[]> ethernetLike(LinkType type) {
        List<byte[]> ethernet = new ArrayList<>();
        long a = 0x0200_0000_0001L;
        long b = 0x0200_0000_0002L;
        for (int op : new int[] {1, 2, 3, 4}) {
            ethernet.add(ethernet(a, b, ETH_ARP, arp(op, 0x01020304L, 0xc0a80001L)));
            ethernet.add(ethernet(b, a, 0x8035, arp(op, 0xc0a80001L, 0x01020304L)));
        }
        for (int t : new int[] {0x6001, 0x6002, 0x6003, 0x6004, 0x6007, 0x809b, 0x80f3, 0x8137, 0x88cc, 0x9000,
            0x8809, 0x8863, 0x8864, 0x8100, 0x8847, 0x0042, 0x00fe, 0x05dc, 0x05dd, 0x0004, 0x0001}) {
            for (byte[] payload : Synthetic.decnetPayloads()) {
                ethernet.add(ethernet(a, b, t, payload));
            }
        }
        ethernet.addAll(Synthetic.ethernetOnly());
        long named = 0xa1b2_c3d4_e5f6L;
        long stp = 0x0180_c200_0000L;
        byte[] udp = ipv4(17, 0x01020304L, 0x0a000002L, ports(53, 53, 8));
        for (long[] pair : new long[][] {{named, a}, {a, named}, {named, named}, {stp, a}, {stp, named}}) {
            ethernet.add(ethernet(pair[0], pair[1], ETH_IP, udp));
            ethernet.add(ieee8023(pair[0], pair[1], b(0x42, 0x42, 0x03, 0, 0, 0, 0, 0)));
        }
        byte[] multicast = ipv4(17, 0x0a000001L, 0xe0000005L, ports(53, 53, 8));
        byte[] unicast = ipv4(17, 0x0a000001L, 0x0a000002L, ports(53, 53, 8));
        for (int vid : new int[] {500, 0x2000 | 500, 501, 8, 5}) {
            ethernet.add(Encapsulated.vlan(a, b, new int[] {0x8100}, new int[] {vid}, ETH_IP, unicast));
            ethernet.add(Encapsulated.vlan(stp, b, new int[] {0x8100}, new int[] {vid}, 0x0026,
                    b(0x42, 0x42, 0x03, 0, 0, 0, 0, 0)));
        }
        for (int[] vids : new int[][] {{2061, 2014}, {2061, 2015}, {2014, 2061}}) {
            for (int tpid : new int[] {0x8100, 0x88a8}) {
                for (byte[] p : new byte[][] {multicast, unicast}) {
                    ethernet.add(Encapsulated.vlan(a, b, new int[] {tpid, 0x8100}, vids, ETH_IP, p));
                }
            }
        }
        byte[] from4 = ipv4(6, 0x01020304L, 0x0a000002L, ports(80, 1025, 20));
        byte[] from6 = ipv6(6, addr6("1234:5678:9abc::123"), addr6("fe80::1"), ports(80, 1025, 20));
        byte[] other6 = ipv6(6, addr6("1234:5678:9abc::124"), addr6("fe80::1"), ports(80, 1025, 20));
        for (int[] labels : new int[][] {{12345}, {12345, 6789}, {12346}, {12345, 6788}, {6789, 12345}}) {
            for (byte[] p : new byte[][] {from4, from6, other6, unicast}) {
                ethernet.add(ethernet(a, b, 0x8847, Encapsulated.mplsStack(labels, true, p)));
            }
        }
        for (byte[] p : new byte[][] {ipv6(6, addr6("1234:5679::123"), addr6("fe80::1"), ports(80, 1025, 20)),
            ipv6(6, addr6("1234:5678:9abd::123"), addr6("fe80::1"), ports(80, 1025, 20)),
            ipv6(6, addr6("1234:5678:9abc:1::123"), addr6("fe80::1"), ports(80, 1025, 20)),
            ipv6(6, addr6("1234:5678:9abc:0:1::123"), addr6("fe80::1"), ports(80, 1025, 20))}) {
            ethernet.add(ethernet(a, b, 0x8847, Encapsulated.mplsStack(new int[] {12345}, true, p)));
        }
        for (int inner : new int[] {0x88a8, 0x9100, ETH_IP}) {
            ethernet.add(Encapsulated.vlan(a, b, new int[] {0x8100, inner}, new int[] {2061, 2014}, ETH_IP, multicast));
        }
        ethernet.add(Encapsulated.vlan(a, b, new int[] {0x8100, 0x8100}, new int[] {2061, 2014}, ETH_IPV6, from6));
        ethernet.addAll(partialMatches());
        ethernet.addAll(longFrames());
        ethernet.addAll(Encapsulated.vlans());
        ethernet.addAll(Encapsulated.mplsStacks());
        ethernet.addAll(Encapsulated.pppoe());
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : ethernet) {
            out.addAll(Frames.ethernetLike(type, f));
        }
        return out;
    }

    /** The test host's Ethernet host (TestrunNames) and its IPv4 address. */
    private static final long TESTRUN_HOST = 0xaa00_0400_140eL;
    private static final long TESTRUN_IPV4 = 0x0a141e28L;

    /**
     * Frames where a multi-word comparison matches its first word only: each address the tests name with its low four
     * bytes kept and its high two changed, as either address; 802.2 and SNAP headers with the control byte wrong,
     * padded so the tests' loads reach them; the test host as either address with and without its IPv4 address.
     */
    private static List<byte[]> partialMatches() {
        List<byte[]> out = new ArrayList<>();
        long other = 0x0200_0000_0001L;
        byte[] udp = ipv4(17, 0x01020304L, 0x0a000002L, ports(53, 53, 8));
        for (long named : new long[] {0xa1b2_c3d4_e5f6L, 0x0180_c200_0000L, 0xffff_ffff_ffffL, TESTRUN_HOST}) {
            long half = (named & 0xffff_ffffL) | 0x0200_0000_0000L;
            out.add(ethernet(half, other, ETH_IP, udp));
            out.add(ethernet(other, half, ETH_IP, udp));
            out.add(ethernet(half, named, ETH_IP, udp));
            out.add(ethernet(named, half, ETH_IP, udp));
        }
        byte[] pad = new byte[24];
        for (byte[] llc : new byte[][] {b(0xe0, 0xe0, 0x03), b(0xff, 0xff), b(0xaa, 0xaa, 0x00, 0, 0, 0, 0x81, 0x37),
            b(0xaa, 0xaa, 0x00, 0x08, 0x00, 0x07, 0x80, 0x9b), b(0xaa, 0xaa, 0x00, 0, 0, 0, 0x80, 0xf3),
            b(0xaa, 0xaa, 0x03, 0, 0, 0, 0x81, 0x37), b(0x42, 0x42, 0x03)}) {
            out.add(ieee8023(0x0180_c200_0000L, other, cat(llc, pad)));
        }
        for (long[] pair : new long[][] {{TESTRUN_HOST, other}, {other, TESTRUN_HOST}}) {
            for (long ip : new long[] {TESTRUN_IPV4, 0x0a141e29L}) {
                out.add(ethernet(pair[0], pair[1], ETH_IP, ipv4(6, ip, 0x0a000002L, ports(80, 1025, 20))));
                out.add(ethernet(pair[0], pair[1], ETH_IP, ipv4(6, 0x0a000002L, ip, ports(80, 1025, 20))));
                out.add(ethernet(pair[0], pair[1], ETH_ARP, arp(1, ip, 0x0a000002L)));
                out.add(ethernet(pair[0], pair[1], ETH_ARP, arp(2, 0x0a000002L, ip)));
                out.add(ethernet(pair[0], pair[1], 0x8035, arp(3, ip, 0x0a000002L)));
                out.add(ethernet(pair[0], pair[1], 0x8035, arp(4, 0x0a000002L, ip)));
            }
            out.add(ethernet(pair[0], pair[1], ETH_IPV6, ipv6(6, addr6("fe80::1"), addr6("fe80::2"), ports(1, 2, 20))));
        }
        return out;
    }

    /**
     * Frames long enough for the suite's {@code PROTO[0xab] == 0xcd} loads, every payload byte 0xcd (or 0xce): MOP
     * remote console, IPv4 (first and later fragments) and IPv6 with the transports the suite indexes.
     */
    private static List<byte[]> longFrames() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : longPackets()) {
            int type = p.length > 0 && (p[0] & 0xf0) == 0x60 ? ETH_IPV6 : (p[0] & 0xf0) == 0x40 ? ETH_IP : 0x6002;
            out.add(ethernet(0x0200_0000_0001L, 0x0200_0000_0002L, type, p));
        }
        return out;
    }

    /** The packets of {@link #longFrames()}: a MOP payload, IPv4 and IPv6 packets, all filled with 0xcd or 0xce. */
    private static List<byte[]> longPackets() {
        List<byte[]> out = new ArrayList<>();
        for (int fill : new int[] {0xcd, 0xce}) {
            byte[] payload = new byte[220];
            java.util.Arrays.fill(payload, (byte) fill);
            byte[] mop = payload.clone();
            mop[0] = 0x00; // not an IP version nibble
            out.add(mop);
            for (int proto : new int[] {9, 0x58, 103, 1, 2, 6, 17, 58}) {
                for (int frag : new int[] {0, 0x0001}) {
                    out.add(ipv4(proto, 0x0a000001L, 0x0a000002L, 5, frag, payload));
                }
                out.add(ipv6(proto, addr6("fe80::1"), addr6("fe80::2"), payload));
            }
        }
        return out;
    }

    /** Every system code libpcap knows (and two it does not) with IPv4, ARP and IPv6 payloads; a station matrix. */
    private static List<byte[]> arcnet(LinkType type) {
        List<byte[]> out = new ArrayList<>();
        byte[] v4 = ipv4(6, 0x0a508301L, 0x0a508302L, ports(1025, 80, 20));
        byte[] arp = arp(1, 0x0a508301L, 0x01020304L);
        byte[] rarp = arp(3, 0x01020304L, 0x0a508301L);
        byte[] v6 = ipv6(58, addr6("fe80::1"), addr6("ff02::1"), b(128, 0, 0, 0, 0, 1, 0, 1));
        for (int code : new int[] {212, 213, 214, 221, 0xc4, 240, 241, 0x80, 247, 250, 0x42}) {
            for (byte[] p : new byte[][] {v4, arp, rarp, v6}) {
                out.add(Frames.arcnet(type, 0x8c, 0xa4, code, p));
            }
        }
        for (int src : MAC8) {
            for (int dst : MAC8) {
                out.add(Frames.arcnet(type, src, dst, 212, v4));
            }
        }
        // The test host's network (10.0.0.0) as RARP's sender and target; frames long enough for PROTO[0xab].
        out.add(Frames.arcnet(type, 0x8c, 0xa4, 214, arp(3, 0x0a000000L, 0x01020304L)));
        out.add(Frames.arcnet(type, 0x8c, 0xa4, 214, arp(4, 0x01020304L, 0x0a000000L)));
        for (byte[] p : longPackets()) {
            int version = (p[0] & 0xf0) >>> 4;
            for (int code : version == 4 ? new int[] {212} : version == 6 ? new int[] {0xc4} : new int[] {221, 0x42}) {
                out.add(Frames.arcnet(type, 0x8c, 0xa4, code, p));
            }
        }
        return out;
    }

    /** Every frame type between two stations; a station matrix, with broadcast (0xff). */
    private static List<byte[]> mstp() {
        List<byte[]> out = new ArrayList<>();
        byte[] npdu = b(0x01, 0x20, 0xff, 0xff, 0x00, 0xff, 0x10, 0x08);
        for (int frameType = 0; frameType < 8; frameType++) {
            out.add(Frames.mstp(frameType, 0x07, 0x7e, frameType >= 5 ? npdu : new byte[0]));
        }
        for (int src : MAC8) {
            for (int dst : MAC8) {
                out.add(Frames.mstp(6, dst, src, npdu));
            }
        }
        return out;
    }
}
