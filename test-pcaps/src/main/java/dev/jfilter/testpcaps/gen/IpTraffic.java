package dev.jfilter.testpcaps.gen;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random IPv4 and IPv6 traffic, the network-layer part every capture shares. Each call returns one packet, or
 * several for a fragmented datagram, with a suggested destination MAC (broadcast or the group address for
 * broadcast and multicast destinations, most of the time).
 *
 * <p>The mix is weighted towards TCP, UDP and ICMP, and covers every IP protocol the filter language names (IGMP,
 * PIM, VRRP, CARP, IGRP, GRE, IP-in-IP, OSPF, AH, ESP, SCTP) plus arbitrary protocol numbers, IPv4 options and
 * fragments, and IPv6 extension-header chains.
 */
public final class IpTraffic {
    /** A network-layer packet and what the link layer should carry it as. */
    public record L3(int etherType, byte[] bytes, byte[] dstMac, String note) {
        /** Copies the arrays. */
        public L3 {
            bytes = bytes.clone();
            dstMac = dstMac.clone();
        }

        /** The packet bytes (a copy). */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The destination MAC (a copy). */
        @Override
        public byte[] dstMac() {
            return dstMac.clone();
        }
    }

    private static final byte[] BROADCAST_MAC = Addr.mac("ff:ff:ff:ff:ff:ff");
    private static final int[] COMMON_FLAGS = {Tcp.SYN, Tcp.SYN | Tcp.ACK, Tcp.ACK, Tcp.PSH | Tcp.ACK,
            Tcp.FIN | Tcp.ACK, Tcp.RST, Tcp.RST | Tcp.ACK, Tcp.URG | Tcp.ACK | Tcp.PSH, Tcp.FIN,
            Tcp.SYN | Tcp.ECE | Tcp.CWR, Tcp.ACK | Tcp.ECE, 0, 0xff, Tcp.FIN | Tcp.SYN | Tcp.RST | Tcp.PSH | Tcp.URG};
    private static final int[] DNS_IDS = {0x1234, 0xbeef, 0x0000, 0xffff};

    private final Pools p;
    private final Random r;

    /** Traffic drawn from {@code pools}. */
    public IpTraffic(Pools pools) {
        this.p = pools;
        this.r = pools.random();
    }

    /** The next packet(s): IPv4 about two times in three, otherwise IPv6. */
    public List<L3> next() {
        return r.nextInt(3) < 2 ? nextV4() : nextV6();
    }

    // ---------------------------------------------------------------------------------------------------- IPv4

    /** The next IPv4 packet, or the fragments of one datagram. */
    public List<L3> nextV4() {
        byte[] src = p.ipv4();
        byte[] uni = p.ipv4();
        int ttl = ttl();
        return switch (weighted(26, 16, 10, 4, 2, 2, 1, 1, 2, 2, 1, 2, 2, 2, 4, 5, 6, 4, 3)) {
            case 0 -> one4(Ipv4.of(src, uni).ttl(ttl).id(r.nextInt(65536)).dontFragment(p.chance(0.5))
                    .payload(tcp()), "IPv4 TCP");
            case 1 -> udp4(src, ttl);
            case 2 -> one4(Ipv4.of(src, uni).ttl(ttl).id(r.nextInt(65536)).payload(icmp(src)), "IPv4 ICMP");
            case 3 -> igmp(src);
            case 4 -> p.chance(0.7)
                    ? one4(Ipv4.of(src, Addr.v4("224.0.0.13")).ttl(1).payload(pim()), "IPv4 PIM hello")
                    : one4(Ipv4.of(src, uni).ttl(ttl).payload(pim()), "IPv4 PIM unicast");
            case 5 -> one4(Ipv4.of(src, Addr.v4("224.0.0.18")).ttl(255)
                    .payload(Transport.vrrp(p.between(1, 255), p.between(1, 255), p.ipv4())), "VRRP");
            case 6 -> one4(Ipv4.of(src, Addr.v4("224.0.0.18")).ttl(255)
                    .payload(Transport.carp(p.between(1, 20), p.between(0, 254), r.nextLong())), "CARP");
            case 7 -> one4(Ipv4.of(src, Addr.v4("255.255.255.255")).ttl(2)
                    .payload(Transport.igrp(1, p.between(1, 65535), p.bytes(14))), "IGRP");
            case 8 -> one4(Ipv4.of(src, uni).ttl(ttl).payload(Transport.gre(Ipv4.ETHERTYPE, innerV4())), "GRE");
            case 9 -> one4(Ipv4.of(src, uni).ttl(ttl).payload(Transport.IPIP, innerV4()), "IP-in-IP");
            case 10 -> one4(Ipv4.of(src, uni).ttl(ttl).payload(Transport.IPV6, innerV6()), "IPv6-in-IPv4");
            case 11 -> one4(Ipv4.of(src, Addr.v4(p.chance(0.8) ? "224.0.0.5" : "224.0.0.6")).ttl(1).tos(0xc0)
                    .payload(Transport.ospfHello(src, new byte[4], p.ipv4())), "OSPF hello");
            case 12 -> one4(Ipv4.of(src, uni).ttl(ttl).payload(Transport.ah(r.nextInt() & 0xffffffffL,
                    p.between(1, 1000), p.chance(0.5) ? tcp() : udp(p.port(), p.port()))), "IPv4 AH");
            case 13 -> one4(Ipv4.of(src, uni).ttl(ttl).payload(Transport.esp(r.nextInt() & 0xffffffffL,
                    p.between(1, 1000), p.bytes(p.between(16, 64)))), "IPv4 ESP");
            case 14 -> one4(Ipv4.of(src, uni).ttl(ttl).payload(sctp()), "IPv4 SCTP");
            case 15 -> anyProtocol4(src, uni, ttl);
            case 16 -> fragments4(src, uni, ttl);
            case 17 -> one4(Ipv4.of(src, uni).ttl(ttl).options(ipOptions())
                    .payload(p.chance(0.5) ? tcp() : udp(p.port(), p.port())), "IPv4 with options");
            default -> dhcp();
        };
    }

    private List<L3> udp4(byte[] src, int ttl) {
        int kind = r.nextInt(6);
        if (kind == 0) {
            byte[] group = p.ipv4Multicast();
            return one4(Ipv4.of(src, group).ttl(ttl).payload(udp(p.port(), p.chance(0.5) ? 5353 : 1900)),
                    "IPv4 UDP multicast");
        }
        if (kind == 1) {
            byte[] dst = Addr.v4(p.pick(Pools.IPV4_BROADCAST));
            return one4(Ipv4.of(src, dst).ttl(ttl).payload(udp(p.port(), p.port())), "IPv4 UDP broadcast");
        }
        return one4(Ipv4.of(src, p.ipv4()).ttl(ttl).id(r.nextInt(65536)).payload(udp(p.port(), p.port())),
                "IPv4 UDP");
    }

    private List<L3> igmp(byte[] src) {
        byte[] routerAlert = {(byte) 0x94, 4, 0, 0};
        byte[] group = p.ipv4Multicast();
        Ipv4 ip = switch (r.nextInt(5)) {
            case 0 -> Ipv4.of(src, Addr.v4("224.0.0.1")).payload(Transport.igmp(0x11, 100, new byte[4],
                    new byte[0]));
            case 1 -> Ipv4.of(src, group).payload(Transport.igmp(0x16, 0, group, new byte[0]));
            case 2 -> Ipv4.of(src, Addr.v4("224.0.0.2")).payload(Transport.igmp(0x17, 0, group, new byte[0]));
            case 3 -> Ipv4.of(src, group).payload(Transport.igmp(0x12, 0, group, new byte[0]));
            default -> Ipv4.of(src, Addr.v4("224.0.0.22")).payload(Transport.igmp(0x22, 0, new byte[4],
                    new ByteBuilder().u16(1).u8(4).u8(0).u16(0).bytes(group).toByteArray()));
        };
        return one4(ip.ttl(1).options(p.chance(0.7) ? routerAlert : new byte[0]), "IGMP");
    }

    private List<L3> dhcp() {
        byte[] bootp = new ByteBuilder().u8(1).u8(1).u8(6).u8(0).u32(r.nextInt() & 0xffffffffL).u16(0).u16(0x8000)
                .fill(16, 0).bytes(p.mac()).fill(10 + 192, 0).u32(0x63825363L).u8(53).u8(1).u8(1).u8(255)
                .toByteArray();
        return one4(Ipv4.of(Addr.v4("0.0.0.0"), Addr.v4("255.255.255.255")).ttl(64)
                .payload(Transport.udp(68, 67, bootp)), "DHCP discover");
    }

    private List<L3> anyProtocol4(byte[] src, byte[] dst, int ttl) {
        int proto = r.nextInt(256);
        return one4(Ipv4.of(src, dst).ttl(ttl).payload(proto, p.bytes(p.between(0, 40))), "IPv4 protocol " + proto);
    }

    /** A UDP, TCP or ICMP datagram cut into 2 or 3 fragments; later fragments may start with port-like bytes. */
    private List<L3> fragments4(byte[] src, byte[] dst, int ttl) {
        byte[] data = p.bytes(p.between(24, 160));
        if (p.chance(0.6)) {
            // Bytes that a filter forgetting the fragment check would read as ports 80 -> 443 (or 53 -> 53).
            int[] look = p.chance(0.5) ? new int[] {0, 80, 1, 187} : new int[] {0, 53, 0, 53};
            for (int i = 0; i < data.length - 3; i += 8) {
                for (int j = 0; j < 4; j++) {
                    data[i + j] = (byte) look[j];
                }
            }
        }
        Payload whole = switch (r.nextInt(3)) {
            case 0 -> udp(p.port(), p.port(), data);
            case 1 -> Tcp.ports(p.port(), p.port()).flags(Tcp.PSH | Tcp.ACK).data(data).build();
            default -> Transport.icmp(8, 0, 0x01000001L, data);
        };
        // Fill the transport checksum as in the unfragmented datagram.
        byte[] full = Ipv4.of(src, dst).payload(whole).build();
        byte[] body = java.util.Arrays.copyOfRange(full, 20, full.length);
        int pieces = body.length > 48 && p.chance(0.5) ? 3 : 2;
        int unit = Math.max(1, body.length / pieces / 8);
        int id = r.nextInt(65536);
        List<L3> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < pieces; i++) {
            boolean last = i == pieces - 1;
            int end = last ? body.length : Math.min(body.length, offset + unit * 8);
            byte[] piece = java.util.Arrays.copyOfRange(body, offset, end);
            Ipv4 ip = Ipv4.of(src, dst).ttl(ttl).id(id).fragment(offset / 8, !last).payload(whole.protocol(), piece);
            String which = i == 0 ? "first" : last ? "last" : "middle";
            out.add(l3v4(ip.build(), dst, "IPv4 fragment " + which + " proto " + whole.protocol()));
            offset = end;
        }
        if (p.chance(0.3)) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    /** IPv4 options: router alert, record route, timestamp, NOPs, loose source route, or an unknown option. */
    private byte[] ipOptions() {
        ByteBuilder b = new ByteBuilder();
        switch (r.nextInt(6)) {
            case 0 -> b.u8(0x94).u8(4).u16(0);
            case 1 -> {
                int slots = p.between(1, 9);
                b.u8(7).u8(3 + 4 * slots).u8(4).fill(4 * slots, 0);
            }
            case 2 -> b.u8(68).u8(12).u8(5).u8(0).u32(0x01020304L).u32(0);
            case 3 -> b.u8(1).u8(1).u8(1).u8(0);
            case 4 -> b.u8(131).u8(11).u8(4).bytes(p.ipv4()).bytes(p.ipv4());
            default -> b.u8(0x88).u8(4).u16(p.between(0, 65535));
        }
        return b.toByteArray();
    }

    private byte[] innerV4() {
        return Ipv4.of(p.ipv4(), p.ipv4()).ttl(ttl())
                .payload(p.chance(0.5) ? tcp() : Transport.icmp(8, 0, 0x00420001L, p.bytes(16))).build();
    }

    private List<L3> one4(Ipv4 ip, String note) {
        byte[] b = ip.build();
        byte[] dst = java.util.Arrays.copyOfRange(b, 16, 20);
        return List.of(l3v4(b, dst, note));
    }

    private L3 l3v4(byte[] packet, byte[] dst, String note) {
        return new L3(Ipv4.ETHERTYPE, packet, macFor4(dst), note);
    }

    /** The broadcast or group MAC for broadcast/multicast destinations (most of the time), else a unicast one. */
    public byte[] macFor4(byte[] dst) {
        if (p.chance(0.08)) {
            return p.mac();
        }
        if ((dst[0] & 0xf0) == 0xe0) {
            return new byte[] {1, 0, 0x5e, (byte) (dst[1] & 0x7f), dst[2], dst[3]};
        }
        if ((dst[3] & 0xff) == 255) {
            return BROADCAST_MAC;
        }
        return p.mac();
    }

    // ---------------------------------------------------------------------------------------------------- IPv6

    /** The next IPv6 packet. */
    public List<L3> nextV6() {
        byte[] src = p.ipv6();
        byte[] uni = p.ipv6();
        int hl = p.chance(0.2) ? 255 : p.chance(0.2) ? 1 : 64;
        if (p.chance(0.15)) {
            // DSCP/ECN bits somewhere in the traffic class; next() callers see them through ip6[0:2].
            return List.of(withTrafficClass(nextV6Plain(src, uni, hl).getFirst(), p.pick(List.of(0x04, 0x28, 0xb8,
                    0x01, 0xe0))));
        }
        return nextV6Plain(src, uni, hl);
    }

    private IpTraffic.L3 withTrafficClass(IpTraffic.L3 l3, int tc) {
        byte[] b = l3.bytes();
        b[0] = (byte) ((b[0] & 0xf0) | (tc >>> 4));
        b[1] = (byte) ((b[1] & 0x0f) | ((tc & 0x0f) << 4));
        return new IpTraffic.L3(l3.etherType(), b, l3.dstMac(), l3.note() + ", traffic class " + tc);
    }

    private List<L3> nextV6Plain(byte[] src, byte[] uni, int hl) {
        return switch (weighted(24, 14, 18, 10, 7, 3, 2, 2, 2, 1, 1, 1, 2, 4, 4)) {
            case 0 -> one6(Ipv6.of(src, uni).hopLimit(hl).flowLabel(r.nextInt(1 << 20)).payload(tcp()), "IPv6 TCP");
            case 1 -> p.chance(0.25)
                    ? one6(Ipv6.of(src, p.ipv6Multicast()).hopLimit(hl).payload(udp(p.port(), p.port())),
                    "IPv6 UDP multicast")
                    : one6(Ipv6.of(src, uni).hopLimit(hl).payload(udp(p.port(), p.port())), "IPv6 UDP");
            case 2 -> icmp6(src, uni);
            case 3 -> extensionChain(src, uni, hl);
            case 4 -> fragment6(src, uni, hl);
            case 5 -> one6(Ipv6.of(src, uni).hopLimit(hl).payload(sctp()), "IPv6 SCTP");
            case 6 -> one6(Ipv6.of(src, uni).hopLimit(hl).payload(Transport.ah(r.nextInt() & 0xffffffffL,
                    p.between(1, 99), p.chance(0.5) ? tcp() : udp(p.port(), p.port()))), "IPv6 AH");
            case 7 -> one6(Ipv6.of(src, uni).hopLimit(hl).payload(Transport.esp(r.nextInt() & 0xffffffffL,
                    p.between(1, 99), p.bytes(p.between(16, 64)))), "IPv6 ESP");
            case 8 -> one6(Ipv6.of(Addr.v6("fe80::1"), Addr.v6("ff02::d")).hopLimit(1).payload(pim()),
                    "IPv6 PIM hello");
            case 9 -> one6(Ipv6.of(Addr.v6("fe80::2"), Addr.v6("ff02::5")).hopLimit(1)
                    .payload(Transport.OSPF, new ByteBuilder().u8(3).u8(1).u16(36).bytes(Addr.v4("10.0.0.2"))
                            .u32(0).u16(0).u8(0).u8(0).u32(5).u32(0x01000013L).u16(10).u16(40).u32(0).u32(0)
                            .toByteArray()), "OSPFv3 hello");
            case 10 -> one6(Ipv6.of(src, uni).hopLimit(hl).payload(Transport.IPV6, innerV6()), "IPv6-in-IPv6");
            case 11 -> one6(Ipv6.of(src, uni).hopLimit(hl).payload(Transport.IPIP, innerV4()), "IPv4-in-IPv6");
            case 12 -> one6(Ipv6.of(src, uni).hopLimit(hl).payload(Transport.NO_NEXT,
                    p.chance(0.5) ? new byte[0] : p.bytes(8)), "IPv6 no next header");
            case 13 -> {
                int proto = r.nextInt(256);
                yield one6(Ipv6.of(src, uni).hopLimit(hl).payload(proto, p.bytes(p.between(0, 40))),
                        "IPv6 next header " + proto);
            }
            default -> mld(src);
        };
    }

    private List<L3> icmp6(byte[] src, byte[] uni) {
        int kind = r.nextInt(14);
        byte[] dst = uni;
        byte[] body;
        int type;
        int code = 0;
        switch (kind) {
            case 0, 1 -> {
                type = p.chance(0.5) ? 128 : 129;
                body = new ByteBuilder().u16(p.between(0, 3)).u16(p.between(1, 9)).bytes(p.bytes(p.between(0, 56)))
                        .toByteArray();
            }
            case 2 -> {
                type = 1;
                code = p.between(0, 7);
                body = new ByteBuilder().u32(0).bytes(innerV6Prefix()).toByteArray();
            }
            case 3 -> {
                type = 2;
                body = new ByteBuilder().u32(1280).bytes(innerV6Prefix()).toByteArray();
            }
            case 4 -> {
                type = 3;
                code = p.between(0, 1);
                body = new ByteBuilder().u32(0).bytes(innerV6Prefix()).toByteArray();
            }
            case 5 -> {
                type = 4;
                code = p.between(0, 3);
                body = new ByteBuilder().u32(p.between(0, 60)).bytes(innerV6Prefix()).toByteArray();
            }
            case 6 -> {
                type = 133;
                dst = Addr.v6("ff02::2");
                body = new ByteBuilder().u32(0).u8(1).u8(1).bytes(p.mac()).toByteArray();
            }
            case 7 -> {
                type = 134;
                dst = Addr.v6("ff02::1");
                body = new ByteBuilder().u8(64).u8(0).u16(1800).u32(0).u32(0)
                        .u8(3).u8(4).u8(64).u8(0xc0).u32(86400).u32(14400).u32(0).bytes(Addr.v6("2001:db8::"))
                        .toByteArray();
            }
            case 8 -> {
                type = 135;
                byte[] target = p.ipv6();
                dst = new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xff, target[13], target[14],
                        target[15]};
                body = new ByteBuilder().u32(0).bytes(target).u8(1).u8(1).bytes(p.mac()).toByteArray();
            }
            case 9 -> {
                type = 136;
                body = new ByteBuilder().u32(0x60000000L).bytes(src).u8(2).u8(1).bytes(p.mac()).toByteArray();
            }
            case 10 -> {
                type = 137;
                body = new ByteBuilder().u32(0).bytes(p.ipv6()).bytes(p.ipv6()).toByteArray();
            }
            case 11 -> {
                type = p.pick(List.of(130, 131, 132, 143, 139, 140, 141, 142, 151, 152, 153));
                dst = p.ipv6Multicast();
                body = new ByteBuilder().u16(1000).u16(0).bytes(Addr.v6("ff02::1:ff00:1")).toByteArray();
            }
            default -> {
                type = r.nextInt(256);
                code = r.nextInt(4);
                body = p.bytes(p.between(4, 24));
            }
        }
        return one6(Ipv6.of(src, dst).hopLimit(255).payload(Transport.icmp6(type, code, body)), "ICMPv6 " + type);
    }

    /** MLD behind a hop-by-hop header with a router-alert option, as hosts really send it. */
    private List<L3> mld(byte[] src) {
        byte[] group = p.ipv6Multicast();
        boolean v2 = p.chance(0.5);
        Payload m = v2
                ? Transport.icmp6(143, 0, new ByteBuilder().u16(0).u16(1).u8(4).u8(0).u16(0).bytes(group)
                .toByteArray())
                : Transport.icmp6(p.pick(List.of(130, 131, 132)), 0, new ByteBuilder().u16(0).u16(0).bytes(group)
                .toByteArray());
        byte[] dst = v2 ? Addr.v6("ff02::16") : group;
        return one6(Ipv6.of(p.chance(0.7) ? src : Addr.v6("fe80::1"), dst).hopLimit(1)
                .ext(new Ipv6Ext.HopByHop(new byte[] {5, 2, 0, 0})).payload(m), "MLD behind hop-by-hop");
    }

    /** A chain of 1 to 4 extension headers ending in TCP, UDP, ICMPv6, no-next-header or ESP. */
    private List<L3> extensionChain(byte[] src, byte[] dst, int hl) {
        Ipv6 ip = Ipv6.of(src, dst).hopLimit(hl);
        int n = p.between(1, 4);
        StringBuilder note = new StringBuilder("IPv6 chain");
        for (int i = 0; i < n; i++) {
            Ipv6Ext e = switch (r.nextInt(6)) {
                case 0 -> new Ipv6Ext.HopByHop(p.chance(0.5) ? new byte[] {5, 2, 0, 0} : new byte[0]);
                case 1 -> new Ipv6Ext.DestinationOptions(p.chance(0.5) ? new byte[] {0x1e, 2, 0, 0}
                        : new byte[] {1, 4, 0, 0, 0, 0});
                case 2 -> new Ipv6Ext.Routing(p.pick(List.of(0, 2, 4)), p.between(0, 2),
                        List.of(p.ipv6(), p.ipv6()).subList(0, p.between(1, 2)));
                case 3 -> new Ipv6Ext.Fragment(0, false, r.nextInt() & 0xffffffffL);
                case 4 -> new Ipv6Ext.Authentication(r.nextInt() & 0xffffffffL, p.between(1, 99), 12);
                default -> new Ipv6Ext.DestinationOptions(new byte[0]);
            };
            note.append(' ').append(e.protocol());
            ip.ext(e);
        }
        Payload last = switch (r.nextInt(5)) {
            case 0, 1 -> tcp();
            case 2 -> udp(p.port(), p.port());
            case 3 -> Transport.icmp6(128, 0, new byte[] {0, 1, 0, 1});
            default -> p.chance(0.5) ? Payload.raw(Transport.NO_NEXT, new byte[0])
                    : Transport.esp(r.nextInt() & 0xffffffffL, 1, p.bytes(24));
        };
        note.append(" -> ").append(last.protocol());
        return one6(ip.payload(last), note.toString());
    }

    /** A fragment header directly in front of a transport header (first fragment) or of data (later ones). */
    private List<L3> fragment6(byte[] src, byte[] dst, int hl) {
        long id = r.nextInt() & 0xffffffffL;
        Payload inner = switch (r.nextInt(3)) {
            case 0 -> tcp();
            case 1 -> udp(p.port(), p.port());
            default -> Transport.icmp6(128, 0, p.bytes(40));
        };
        List<L3> out = new ArrayList<>();
        out.add(l3v6(Ipv6.of(src, dst).hopLimit(hl).ext(new Ipv6Ext.Fragment(0, true, id)).payload(inner).build(),
                dst, "IPv6 first fragment"));
        if (p.chance(0.7)) {
            byte[] rest = p.bytes(p.between(8, 64));
            rest[0] = 0;
            rest[1] = 80;
            rest[2] = 0;
            rest[3] = 80;
            out.add(l3v6(Ipv6.of(src, dst).hopLimit(hl).ext(new Ipv6Ext.Fragment(p.between(1, 200), false, id))
                    .payload(inner.protocol(), rest).build(), dst, "IPv6 later fragment"));
        }
        return out;
    }

    private byte[] innerV6() {
        return Ipv6.of(p.ipv6(), p.ipv6()).hopLimit(64)
                .payload(p.chance(0.5) ? tcp() : Transport.icmp6(128, 0, p.bytes(8))).build();
    }

    /** The start of an offending packet as ICMPv6 errors quote it. */
    private byte[] innerV6Prefix() {
        byte[] inner = Ipv6.of(p.ipv6(), p.ipv6()).payload(udp(p.port(), p.port())).build();
        return java.util.Arrays.copyOf(inner, Math.min(inner.length, 48));
    }

    private List<L3> one6(Ipv6 ip, String note) {
        byte[] b = ip.build();
        return List.of(l3v6(b, java.util.Arrays.copyOfRange(b, 24, 40), note));
    }

    private L3 l3v6(byte[] packet, byte[] dst, String note) {
        return new L3(Ipv6.ETHERTYPE, packet, macFor6(dst), note);
    }

    /** 33:33 plus the group's low 32 bits for multicast destinations (most of the time), else a unicast MAC. */
    public byte[] macFor6(byte[] dst) {
        if ((dst[0] & 0xff) == 0xff && !p.chance(0.08)) {
            return new byte[] {0x33, 0x33, dst[12], dst[13], dst[14], dst[15]};
        }
        return p.mac();
    }

    // ---------------------------------------------------------------------------------------------- transports

    /** A TCP segment with flags, options and data drawn from small pools. */
    public Payload tcp() {
        int flags = p.chance(0.1) ? r.nextInt(256) : COMMON_FLAGS[r.nextInt(COMMON_FLAGS.length)];
        int sport = p.port();
        int dport = p.port();
        Tcp t = Tcp.ports(sport, dport).flags(flags).seqAck(r.nextInt() & 0xffffffffL,
                (flags & Tcp.ACK) != 0 ? r.nextInt() & 0xffffffffL : 0).window(p.chance(0.1) ? 0 : p.between(512,
                65535));
        if ((flags & Tcp.SYN) != 0) {
            t.options(p.chance(0.8) ? Tcp.synOptions(1460, r.nextInt() & 0xffffffffL, p.between(0, 14))
                    : Tcp.mss(536));
        } else if (p.chance(0.5)) {
            t.options(Tcp.timestamps(r.nextInt() & 0xffffffffL, r.nextInt() & 0xffffffffL));
        }
        if ((flags & Tcp.URG) != 0) {
            t.urgent(p.between(0, 10));
        }
        if ((flags & Tcp.PSH) != 0 || p.chance(0.2)) {
            t.data(tcpData(sport, dport));
        }
        return t.build();
    }

    private byte[] tcpData(int sport, int dport) {
        if (dport == 80 || dport == 8080) {
            return p.pick(List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "POST /a HTTP/1.1\r\n\r\n",
                    "HEAD / HTTP/1.0\r\n\r\n")).getBytes(StandardCharsets.US_ASCII);
        }
        if (sport == 80 || sport == 8080) {
            return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        if (dport == 22 || sport == 22) {
            return "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        if (dport == 443 && p.chance(0.5)) {
            return new ByteBuilder().u8(0x16).u16(0x0301).u16(40).u8(1).bytes(p.bytes(39)).toByteArray();
        }
        return p.bytes(p.between(1, p.chance(0.1) ? 1200 : 100));
    }

    /** A UDP datagram whose payload suits its ports (DNS, NTP, SNMP headers; random bytes otherwise). */
    public Payload udp(int sport, int dport) {
        byte[] data;
        if (sport == 53 || dport == 53 || dport == 5353) {
            int flags = sport == 53 ? 0x8180 : 0x0100;
            data = new ByteBuilder().u16(DNS_IDS[r.nextInt(DNS_IDS.length)]).u16(flags).u16(1).u16(sport == 53 ? 1 : 0)
                    .u16(0).u16(0).u8(7).bytes("example".getBytes(StandardCharsets.US_ASCII)).u8(3)
                    .bytes("com".getBytes(StandardCharsets.US_ASCII)).u8(0).u16(p.chance(0.7) ? 1 : 28).u16(1)
                    .toByteArray();
        } else if (dport == 123 || sport == 123) {
            data = new ByteBuilder().u8(p.chance(0.5) ? 0x23 : 0x24).u8(2).u8(6).u8(0xe9).fill(44, 0)
                    .toByteArray();
        } else {
            data = p.bytes(p.between(0, p.chance(0.05) ? 1400 : 64));
        }
        return udp(sport, dport, data);
    }

    private static Payload udp(int sport, int dport, byte[] data) {
        return Transport.udp(sport, dport, data);
    }

    private Payload icmp(byte[] src) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> Transport.icmp(p.chance(0.5) ? 8 : 0, 0, ((long) p.between(0, 3) << 16) | p.between(1, 9),
                    p.bytes(p.between(0, 56)));
            case 3, 4 -> Transport.icmp(3, p.between(0, 15), p.chance(0.2) ? 1400 : 0, quoted(src));
            case 5 -> Transport.icmp(11, p.between(0, 1), 0, quoted(src));
            case 6 -> Transport.icmp(5, p.between(0, 3), p.chance(0.5) ? 0x0a000001L : 0xc0a80101L, quoted(src));
            case 7 -> Transport.icmp(12, 0, 0x14000000L, quoted(src));
            case 8 -> Transport.icmp(p.pick(List.of(13, 14)), 0, 0x00010001L, p.bytes(12));
            case 9 -> Transport.icmp(p.pick(List.of(4, 9, 10, 15, 16, 17, 18)), 0, 0, p.bytes(p.between(0, 8)));
            default -> Transport.icmp(r.nextInt(256), r.nextInt(16), r.nextInt() & 0xffffffffL, p.bytes(8));
        };
    }

    /** The first 28 bytes of an offending datagram, as ICMP errors quote them (with port numbers inside). */
    private byte[] quoted(byte[] originalDst) {
        byte[] inner = Ipv4.of(originalDst, p.ipv4()).ttl(1)
                .payload(p.chance(0.5) ? udp(p.port(), p.port()) : tcp()).build();
        return java.util.Arrays.copyOf(inner, 28);
    }

    private Payload pim() {
        return switch (r.nextInt(5)) {
            case 0, 1 -> Transport.pim(2, 0, new ByteBuilder().u16(1).u16(2).u16(105).u16(20).u16(4)
                    .u32(r.nextInt() & 0xffffffffL).toByteArray());
            case 2 -> Transport.pim(2, 1, new ByteBuilder().u32(0).bytes(innerV4()).toByteArray());
            case 3 -> Transport.pim(2, 3, new ByteBuilder().u8(1).u8(0).bytes(p.ipv4()).u8(0).u8(1).u16(210)
                    .toByteArray());
            default -> Transport.pim(2, p.between(4, 9), p.bytes(12));
        };
    }

    private Payload sctp() {
        int sport = p.chance(0.5) ? p.port() : p.pick(List.of(2905, 3868, 36412));
        int dport = p.chance(0.5) ? p.port() : p.pick(List.of(2905, 3868, 36412));
        byte[] chunk = switch (r.nextInt(4)) {
            case 0 -> Transport.sctpChunk(1, 0, new ByteBuilder().u32(r.nextInt() & 0xffffffffL).u32(65536).u16(10)
                    .u16(10).u32(1).toByteArray());
            case 1 -> Transport.sctpChunk(0, 3, new ByteBuilder().u32(1).u16(0).u16(0).u32(46).bytes(p.bytes(12))
                    .toByteArray());
            case 2 -> Transport.sctpChunk(4, 0, new ByteBuilder().u16(1).u16(8).u32(0).toByteArray());
            default -> Transport.sctpChunk(p.between(5, 14), 0, new byte[0]);
        };
        return Transport.sctp(sport, dport, r.nextInt() & 0xffffffffL, chunk);
    }

    private int ttl() {
        return switch (r.nextInt(8)) {
            case 0 -> 1;
            case 1 -> 255;
            case 2 -> 128;
            case 3 -> p.between(2, 32);
            default -> 64;
        };
    }

    /** An index chosen with the given relative weights. */
    private int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
