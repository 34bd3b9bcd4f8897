package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures.Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A corpus of synthetic packets for each link type: IPv4 and IPv6 with every transport the primitives know, ports,
 * addresses, fragments, options and extension-header chains; ARP and RARP; and on Ethernet and Linux cooked
 * captures the 802.2/SNAP/IPX/DECnet/... frames of the non-IP primitives. Each packet also comes truncated.
 */
public final class Synthetic {
    private Synthetic() {}

    static final long[] V4 = {0x0a000002L, 0xc0a8aad3L, 0xac11591eL, 0x01020304L, 0xe0000005L, 0xc0a80001L,
        0x0a000100L, 0xffffffffL, 0xc0a8aaffL};
    static final String[] V6 = {"fe80::7788:99ff:feaa:bbcc", "fe80::1122:33ff:fe44:5566", "::1", "ff02::1",
        "2001:db8:1011:1213:1415:1617:1819:1a1b", "::0.0.0.1", "ff11:2233:4455:6677:8899:aabb:ccdd:ee42"};
    static final int[][] PORTS = {{25, 53}, {53, 25}, {7, 7}, {1023, 68}, {67, 68}, {5672, 80}, {80, 5672},
        {1, 1024}, {68, 67}};
    static final int[] V4_PROTOS = {6, 17, 132, 1, 2, 9, 103, 112, 51, 50, 99, 0};

    /** The corpus for a link type, deterministic. */
    public static List<Packet> forLinkType(LinkType type) {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] l3 : ipv4Packets()) {
            frames.addAll(framed(type, ETH_IP, l3));
        }
        for (byte[] l3 : ipv6Packets()) {
            frames.addAll(framed(type, ETH_IPV6, l3));
        }
        if (type == LinkType.EN10MB || type == LinkType.LINUX_SLL || type == LinkType.LINUX_SLL2) {
            for (int op : new int[] {1, 2, 3, 4}) {
                frames.addAll(framed(type, ETH_ARP, arp(op, 0x01020304L, 0xc0a80001L)));
                frames.addAll(framed(type, 0x8035, arp(op, 0xc0a80001L, 0x01020304L)));
            }
            for (int t : new int[] {0x6001, 0x6002, 0x6003, 0x6004, 0x6007, 0x809b, 0x80f3, 0x8137, 0x88cc, 0x9000,
                0x8809, 0x8863, 0x8864, 0x8100, 0x8847, 0x0042, 0x00fe, 0x05dc, 0x05dd, 0x0004, 0x0001}) {
                for (byte[] payload : decnetPayloads()) {
                    frames.addAll(framed(type, t, payload));
                }
            }
        }
        if (type == LinkType.EN10MB) {
            frames.addAll(ethernetOnly());
        }
        frames.addAll(EthernetLikeFrames.forLinkType(type));
        if (WlanFrames.isWlan(type)) {
            frames.addAll(WlanFrames.only(type));
        }
        if (SerialFrames.covers(type)) {
            frames.addAll(SerialFrames.extra(type));
        }
        if (type == LinkType.LINUX_SLL) {
            for (byte[] llc : llcPayloads()) {
                frames.add(sll(0, 0x0004, llc));
                frames.add(sll(0, 0x0001, llc));
            }
        }
        if (type == LinkType.LINUX_SLL2) {
            for (byte[] llc : llcPayloads()) {
                frames.add(sll2(0x0004, 1, 0, llc));
                frames.add(sll2(0x0042, 1, 0, llc));
            }
        }
        if (LlcFrames.TYPES.contains(type)) {
            frames.addAll(LlcFrames.forLinkType(type));
        }
        if (type == LinkType.NULL || type == LinkType.LOOP) {
            // Every AF_INET and AF_INET6 value libpcap knows of, in both byte orders.
            for (int af : new int[] {1, 2, 5, 10, 22, 23, 24, 26, 28, 30}) {
                for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN,
                    java.nio.ByteOrder.LITTLE_ENDIAN}) {
                    frames.add(cat(family(af, order), ipv4Packets().get(0)));
                    frames.add(cat(family(af, order), ipv6Packets().get(0)));
                }
            }
        }
        if (type == LinkType.PFLOG) {
            frames.addAll(PflogFrames.headerFields());
        }
        frames.addAll(Ss7Frames.forLinkType(type));
        List<Packet> out = new ArrayList<>();
        Random r = new Random(type.dlt() * 7919L);
        int i = 0;
        for (byte[] f : frames) {
            out.add(new Packet(f, f.length, "synthetic#" + i));
            if (f.length > 0) {
                int cut = r.nextInt(f.length);
                out.add(new Packet(Arrays.copyOf(f, cut), f.length, "synthetic#" + i + "/" + cut));
            }
            i++;
        }
        return out;
    }

    static List<byte[]> ipv4Packets() {
        List<byte[]> out = new ArrayList<>();
        int n = 0;
        for (int proto : V4_PROTOS) {
            for (int[] p : PORTS) {
                long src = V4[n % V4.length];
                long dst = V4[(n * 5 + 3) % V4.length];
                int ihl = n % 4 == 0 ? 6 : 5;
                int frag = switch (n % 5) {
                    case 1 -> 0x2000;
                    case 2 -> 0x0010;
                    case 3 -> 0x4000;
                    default -> 0;
                };
                byte[] transport = proto == 51 ? cat(ah(6, 4), ports(p[0], p[1], 20)) : ports(p[0], p[1], 24);
                out.add(ipv4(proto, src, dst, ihl, frag, transport));
                n++;
            }
        }
        // Every address as source and destination, TCP to port 25.
        for (long a : V4) {
            out.add(ipv4(6, a, 0x0a000002L, ports(25, 1025, 20)));
            out.add(ipv4(17, 0x0a000100L, a, ports(53, 53, 8)));
            out.add(ipv4(6, a, a, ports(7, 7, 20)));
        }
        // Extension-like chains under IPv4: AH then AH then UDP.
        out.add(ipv4(51, V4[0], V4[1], cat(ah(51, 1), ah(17, 1), ports(53, 53, 8))));
        out.add(ipv4(51, V4[0], V4[1], cat(ah(17, 0), ports(53, 53, 8), new byte[64])));
        return out;
    }

    static List<byte[]> ipv6Packets() {
        List<byte[]> out = new ArrayList<>();
        int n = 0;
        int[][] chains = {{6}, {17}, {132}, {58}, {44, 6}, {0, 6}, {60, 17}, {43, 58}, {0, 60, 43, 44, 17},
            {51, 6}, {59}, {44, 58}, {0, 0, 0, 17}, {60, 60, 60, 60, 60, 60, 60, 60, 6}, {50}, {103}, {2}};
        for (int[] chain : chains) {
            for (int[] p : PORTS) {
                byte[] src = addr6(V6[n % V6.length]);
                byte[] dst = addr6(V6[(n * 3 + 2) % V6.length]);
                byte[] payload = ports(p[0], p[1], 20);
                for (int i = chain.length - 2; i >= 0; i--) {
                    int next = chain[i + 1];
                    payload = cat(chain[i] == 51 ? ah(next, 1) : ext6(next, chain[i] == 44 ? 0 : n % 2), payload);
                }
                out.add(ipv6(chain[0], src, dst, payload));
                n++;
            }
        }
        for (String a : V6) {
            out.add(ipv6(6, addr6(a), addr6(V6[0]), ports(25, 25, 20)));
            out.add(ipv6(17, addr6(V6[1]), addr6(a), ports(53, 53, 8)));
        }
        return out;
    }

    /** DECnet-like payloads: length, PLENGTH/padding and the long and short route headers. */
    static List<byte[]> decnetPayloads() {
        int a = (50 << 10) | 764;
        int lo = a & 0xff;
        int hi = a >>> 8;
        return List.of(
                b(0, 0, 0x81, 0x06, 0, 0, 0xaa, 0, 4, 0, lo, hi, 0, 0, 0, 0xaa, 0, 4, 0, lo, hi, 0, 0),
                b(0, 0, 0x06, 0, 0, 0xaa, 0, 4, 0, lo, hi, 0, 0, 0, 0xaa, 0, 4, 0, lo, hi, 0, 0, 0),
                b(0, 0, 0x81, 0x02, lo, hi, lo, hi, 0, 0, 0, 0),
                b(0, 0, 0x02, lo, hi, lo, hi, 0, 0, 0, 0, 0),
                b(0, 0, 0x02, 1, 2, lo, hi, 0, 0, 0, 0, 0),
                b(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    }

    /** 802.2 payloads: STP, OSI (CLNP, ES-IS, IS-IS PDU types), NetBEUI, IPX, SNAP, I/S/U control bytes. */
    static List<byte[]> llcPayloads() {
        List<byte[]> out = new ArrayList<>();
        out.add(b(0x42, 0x42, 0x03, 0, 0, 0, 0, 0));
        for (int nlpid : new int[] {0x81, 0x82, 0x83}) {
            for (int pdu : new int[] {15, 16, 17, 18, 20, 24, 25, 26, 27, 0x3f, 0x5b}) {
                out.add(b(0xfe, 0xfe, 0x03, nlpid, 0x1b, 1, 0, pdu, 1, 0, 0));
            }
        }
        out.add(b(0xf0, 0xf0, 0x03, 0, 0, 0));
        out.add(b(0x06, 0x06, 0x03, 0x45, 0, 0, 20));
        out.add(b(0xe0, 0xe0, 0x03, 0xff, 0xff, 0, 30));
        out.add(b(0xff, 0xff, 0, 30, 0, 0, 0, 0));
        out.add(snap(0, 0x8137, b(0xff, 0xff, 0, 30)));
        out.add(snap(0x080007, 0x809b, b(0, 0, 0, 0)));
        out.add(snap(0, 0x80f3, b(0, 1, 0x80, 0x9b)));
        out.add(snap(0, 0x0800, ipv4(6, V4[0], V4[1], ports(25, 53, 20))));
        for (int ctrl : new int[] {0x00, 0x01, 0x02, 0x05, 0x09, 0x03, 0x13, 0x63, 0x43, 0x0f, 0x6f, 0xe3, 0xaf,
            0x87, 0xbf, 0x0d}) {
            out.add(b(0x42, 0x43, ctrl, 0, 0, 0));
            out.add(b(0x06, 0x07, ctrl, 0, 0, 0));
        }
        return out;
    }

    static List<byte[]> ethernetOnly() {
        List<byte[]> out = new ArrayList<>();
        long[] macs = {0xffff_ffff_ffffL, 0x0100_5e00_0001L, 0xabcd_ef00_0001L, 0xabcd_ef00_0002L,
            0xabcd_ef00_0003L, 0x0200_0000_0001L};
        for (long d : macs) {
            for (long s : macs) {
                out.add(ethernet(d, s, ETH_IP, ipv4(17, V4[0], V4[7], ports(67, 68, 8))));
            }
        }
        for (byte[] llc : llcPayloads()) {
            out.add(ieee8023(0x0180_c200_0000L, 0x0200_0000_0002L, llc));
        }
        return out;
    }
}
