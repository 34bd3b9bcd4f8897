package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Synthetic frames of the link types whose payload is 802.2 LLC: FDDI, Token Ring, IP over Fibre Channel,
 * LLC-encapsulated ATM (RFC 1483, CLIP) and SunATM. Network packets go in LLC/SNAP; the corpus adds ARP and RARP,
 * the other EtherTypes the primitives name, raw LLC frames (STP, OSI, NetBEUI, IPX, control bytes), every pair of
 * broadcast, multicast and unicast addresses, and on SunATM every traffic type, the well-known circuits (VPI/VCI),
 * Q.2931 signalling messages and LANE (data and LE Control frames carrying Ethernet).
 */
final class LlcFrames {
    private LlcFrames() {}

    /** The link types these frames are for. */
    static final Set<LinkType> TYPES = Set.of(LinkType.FDDI, LinkType.IEEE802, LinkType.IP_OVER_FC,
            LinkType.ATM_RFC1483, LinkType.ATM_CLIP, LinkType.SUNATM);

    static final long MAC_A = 0x0200_0000_0001L;
    static final long MAC_B = 0x0200_0000_0002L;
    /** Broadcast, IPv4 multicast, the TESTrun ethers entry (gateway tests), other unicast addresses. */
    static final long[] MACS = {0xffff_ffff_ffffL, 0x0100_5e00_0001L, 0xaa00_0400_140eL, 0x0a0b_0c0d_0e0fL, MAC_A,
        MAC_B, 0x0000_ffff_ffffL, 0x0000_0400_140eL};
    /** The TESTrun ethers entry's MAC and IPv4 address ({@code gateway} tests). */
    static final long GATEWAY_MAC = 0xaa00_0400_140eL;
    static final long GATEWAY_IP = 0x0a141e28L;
    /**
     * IPv4 addresses the accept tests name (10.0.0.0 is TESTrun's networks entry), or inside the networks they
     * name (10/8, 10.0.1/24, 172.16/12, 192.168/16), and one outside all of them.
     */
    static final long[] ADDRESSES = {0xc0a8aad3L, 0x0a000002L, 0xac11591eL, 0xc0000214L, 0x0a000105L, 0x01020304L,
        GATEWAY_IP, 0xac100001L, 0x0b000001L, 0x0a000000L};
    static final long ELSEWHERE = 0x08080808L;
    /** An IPv6 /120 network the accept tests name. */
    static final String NET6 = "abcd:e0e1:e3e4:e5e6:e7e8:e9ea:c7c8:42";

    /** SunATM's traffic types: raw, LANE, LLC, ILMI, Q.SAAL and one unassigned; with and without the direction bit. */
    static final int[] SUNATM_TYPES = {0x00, 0x01, 0x02, 0x05, 0x06, 0x0f, 0x82, 0x81};
    static final int[] VPIS = {0, 1, 10, 100, 101, 102, 103, 104, 105, 122, 201, 255};
    static final int[] VCIS = {0, 1, 2, 3, 4, 5, 16, 10, 20, 219, 448, 20000, 20001, 20002, 20003, 20004, 20005,
        20006, 65535};
    /** Q.2931 message types: the six the signalling primitives name, and others. */
    static final int[] Q2931 = {0x02, 0x05, 0x07, 0x0f, 0x4d, 0x5a, 0x46, 0x00};

    /** The link-layer header before the LLC header, from {@code src} to {@code dst}. */
    static byte[] header(LinkType type, long dst, long src) {
        return switch (type) {
            // Frame control: LLC, asynchronous.
            case FDDI -> cat(b(0x50), mac(dst), mac(src));
            // Access control, frame control (LLC frame).
            case IEEE802 -> cat(b(0x10, 0x40), mac(dst), mac(src));
            // RFC 2625: NAA and IEEE address, destination then source.
            case IP_OVER_FC -> cat(b(0x10, 0x00), mac(dst), b(0x10, 0x00), mac(src));
            case ATM_RFC1483, ATM_CLIP -> b();
            case SUNATM -> sunAtm(0x02, 0, 100);
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /** SunATM's pseudo-header: direction and traffic type, VPI, VCI. */
    static byte[] sunAtm(int flags, int vpi, int vci) {
        return b(flags, vpi, vci >>> 8, vci);
    }

    /** A network-layer packet in LLC/SNAP (and on SunATM also in LANE-emulated Ethernet). */
    static List<byte[]> framed(LinkType type, int etherType, byte[] l3) {
        List<byte[]> out = new ArrayList<>();
        out.add(cat(header(type, MAC_A, MAC_B), snap(0, etherType, l3)));
        if (type == LinkType.SUNATM) {
            out.add(cat(sunAtm(0x01, 0, 33), b(0, 1), ethernet(MAC_A, MAC_B, etherType, l3)));
        }
        return out;
    }

    /** The frames beyond IPv4 and IPv6 in SNAP. */
    static List<byte[]> forLinkType(LinkType type) {
        List<byte[]> out = new ArrayList<>();
        for (int op : new int[] {1, 2, 3, 4}) {
            out.addAll(framed(type, ETH_ARP, arp(op, 0x01020304L, 0xc0a80001L)));
            out.addAll(framed(type, 0x8035, arp(op, 0xc0a80001L, 0x01020304L)));
        }
        for (int t : new int[] {0x6001, 0x6002, 0x6003, 0x6004, 0x6007, 0x809b, 0x80f3, 0x8137, 0x88cc, 0x9000,
            0x8809, 0x8863, 0x8864, 0x8100, 0x8847}) {
            for (byte[] payload : Synthetic.decnetPayloads()) {
                out.addAll(framed(type, t, payload));
            }
        }
        byte[] udp = ipv4(17, Synthetic.V4[0], Synthetic.V4[7], ports(67, 68, 8));
        for (byte[] llc : Synthetic.llcPayloads()) {
            out.add(cat(header(type, MAC_A, MAC_B), llc));
            if (type == LinkType.SUNATM) {
                out.add(cat(sunAtm(0x01, 0, 33), b(0, 1), ieee8023(MAC_A, MAC_B, llc)));
            }
        }
        out.addAll(addressed(type));
        // AppleTalk in SNAP with Apple's OUI and with the encapsulated-Ethernet one, and Apple's OUI without SNAP.
        out.add(cat(header(type, MAC_A, MAC_B), snap(0x080007, 0x809b, b(0, 0, 0, 0))));
        out.add(cat(header(type, MAC_A, MAC_B), snap(0, 0x809b, b(0, 0, 0, 0))));
        out.add(cat(header(type, MAC_A, MAC_B), b(0xab, 0xaa, 0x03, 0x08, 0x00, 0x07, 0x80, 0x9b, 0, 0, 0, 0)));
        if (type == LinkType.SUNATM) {
            out.addAll(sunAtmOnly(udp));
        } else if (type != LinkType.ATM_RFC1483 && type != LinkType.ATM_CLIP) {
            for (long d : MACS) {
                for (long s : MACS) {
                    out.add(cat(header(type, d, s), snap(0, ETH_IP, udp)));
                }
            }
            // To and from the gateway's MAC: IPv4, ARP and RARP to, from and not about its address; IPv6.
            for (long[] pair : new long[][] {{GATEWAY_MAC, MAC_B}, {MAC_A, GATEWAY_MAC}}) {
                byte[] h = header(type, pair[0], pair[1]);
                for (long[] ip : new long[][] {{GATEWAY_IP, ELSEWHERE}, {ELSEWHERE, GATEWAY_IP}, {ELSEWHERE, ELSEWHERE}}) {
                    out.add(cat(h, snap(0, ETH_IP, ipv4(17, ip[0], ip[1], ports(53, 53, 8)))));
                    out.add(cat(h, snap(0, ETH_ARP, arp(1, ip[0], ip[1]))));
                    out.add(cat(h, snap(0, 0x8035, arp(3, ip[0], ip[1]))));
                }
                out.add(cat(h, snap(0, ETH_IPV6, ipv6(17, addr6("::1"), addr6("::2"), ports(53, 53, 8)))));
            }
        }
        return out;
    }

    /**
     * IPv4, ARP and RARP from, to, and from and to each of {@link #ADDRESSES}; IPv6 in, and one word at a time out
     * of, {@link #NET6}'s network, as source, destination or both.
     */
    private static List<byte[]> addressed(LinkType type) {
        List<byte[]> out = new ArrayList<>();
        for (long a : ADDRESSES) {
            for (long[] ends : new long[][] {{a, ELSEWHERE}, {ELSEWHERE, a}, {a, a}}) {
                out.addAll(framed(type, ETH_IP, ipv4(6, ends[0], ends[1], ports(25, 1025, 20))));
                out.addAll(framed(type, ETH_ARP, arp(1, ends[0], ends[1])));
                out.addAll(framed(type, 0x8035, arp(3, ends[0], ends[1])));
            }
        }
        byte[] in = addr6(NET6);
        List<byte[]> outside = new ArrayList<>();
        for (int word = 0; word < 4; word++) {
            byte[] v = in.clone();
            v[4 * word + 1] ^= 0x10;
            outside.add(v);
        }
        out.addAll(framed(type, ETH_IPV6, ipv6(17, in, in, ports(53, 53, 8))));
        for (byte[] v : outside) {
            out.addAll(framed(type, ETH_IPV6, ipv6(17, v, in, ports(53, 53, 8))));
            out.addAll(framed(type, ETH_IPV6, ipv6(17, in, v, ports(53, 53, 8))));
        }
        return out;
    }

    /** Circuits, traffic types, signalling messages and LANE frames. */
    private static List<byte[]> sunAtmOnly(byte[] udp) {
        List<byte[]> out = new ArrayList<>();
        for (int vpi : VPIS) {
            for (int vci : VCIS) {
                out.add(cat(sunAtm(0x02, vpi, vci), snap(0, ETH_IP, udp)));
            }
        }
        for (int flags : SUNATM_TYPES) {
            for (int[] circuit : new int[][] {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 16}, {1, 5}, {0, 6}}) {
                out.add(cat(sunAtm(flags, circuit[0], circuit[1]), snap(0, ETH_IP, udp)));
                for (int m : Q2931) {
                    // Protocol discriminator, call reference (length 3), message type, length.
                    out.add(cat(sunAtm(flags, circuit[0], circuit[1]), b(0x09, 3, 0, 0, 1, m, 0x80, 0, 0)));
                }
            }
        }
        // LANE: data frames (any LECID but the LE Control marker) and control frames, to every kind of address.
        for (int lecid : new int[] {0x0001, 0xff00, 0xff01}) {
            for (long d : MACS) {
                out.add(cat(sunAtm(0x01, 0, 33), be16(lecid), ethernet(d, MAC_B, ETH_IP, udp)));
            }
            out.add(cat(sunAtm(0x01, 0, 33), be16(lecid), ethernet(MAC_A, MAC_B, ETH_ARP,
                    arp(1, 0x01020304L, 0xc0a80001L))));
        }
        return out;
    }
}
