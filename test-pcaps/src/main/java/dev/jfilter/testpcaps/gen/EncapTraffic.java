package dev.jfilter.testpcaps.gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Encapsulated traffic for the {@code vlan}, {@code mpls}, {@code pppoed}, {@code pppoes}, {@code geneve} and
 * {@code vxlan} primitives: random frames of each kind, stacks of them inside one another, and sweeps over the values
 * and the broken cases libpcap's code branches on (each TPID, tag depths, VLAN ids and priority bits, bottom-of-stack
 * bits set right and wrong, PPPoE codes and session ids, Geneve versions, option lengths, protocol types and VNIs,
 * VXLAN flags and VNIs, IPv4 and IPv6 outer headers, IPv4 options and fragments under the tunnels).
 *
 * <p>Everything is a {@link LinkPayload} (what follows an EtherType), so a Linux cooked header can carry it as well
 * as Ethernet.
 */
public final class EncapTraffic {
    /** VLAN ids the corpus names, the range ends, and a few others. */
    static final List<Integer> VIDS = List.of(0, 1, 2, 10, 20, 30, 100, 200, 300, 1000, 4094, 4095);
    /** MPLS labels: the reserved ones (0-15), the first free one, the corpus's, and the largest. */
    static final List<Integer> LABELS = List.of(0, 1, 2, 3, 7, 15, 16, 17, 100, 1024, 100000, 0xffffe, 0xfffff);
    /** PPPoE session ids. */
    static final List<Integer> SESSIONS = List.of(0, 1, 0x3b, 0x1234, 0x4321, 0xfffe, 0xffff);
    /** Geneve VNIs. */
    static final List<Integer> GENEVE_VNIS = List.of(0, 1, 10, 11, 0xabc, 0x123456, 0xfffffe, 0xffffff);
    /** VXLAN VNIs (100, 101 and 12345 are the ones libpcap's own tests use). */
    static final List<Integer> VXLAN_VNIS = List.of(0, 1, 42, 100, 101, 12345, 0xfffffe, 0xffffff);
    private static final List<Integer> TPIDS = List.of(Encap.TPID_8021Q, Encap.TPID_8021AD, Encap.TPID_9100);
    private static final byte[] BROADCAST = Addr.mac("ff:ff:ff:ff:ff:ff");

    private final Pools p;
    private final Random r;
    private final IpTraffic ip;
    private final NonIpTraffic other;

    /** Traffic drawn from {@code pools}; the IP and non-IP payloads inside come from {@code ip} and {@code other}. */
    public EncapTraffic(Pools pools, IpTraffic ip, NonIpTraffic other) {
        this.p = pools;
        this.r = pools.random();
        this.ip = ip;
        this.other = other;
    }

    // --------------------------------------------------------------------------------------------- random mix

    /** A random encapsulated payload, or (one time in four) plain traffic, so that every encapsulation splits. */
    public LinkPayload next() {
        return switch (weighted(18, 7, 12, 4, 8, 12, 8, 6, 20, 5)) {
            case 0 -> vlanStack(p.between(1, 3), inner());
            case 1 -> vlanStack(1, innerIp());
            case 2 -> mpls();
            case 3 -> pppoeDiscovery(p.pick(List.of(Encap.PADI, Encap.PADO, Encap.PADR, Encap.PADS, Encap.PADT)));
            case 4 -> pppoeSession();
            case 5 -> geneve();
            case 6 -> vxlan();
            case 7 -> combination();
            case 8 -> LinkPayload.of(ip.next().getFirst());
            default -> other.next();
        };
    }

    /** An inner payload: IP most of the time (two in seven of it the common services), then ARP, then non-IP. */
    public LinkPayload inner() {
        int roll = r.nextInt(10);
        if (roll < 2) {
            return service();
        }
        if (roll < 7) {
            return innerIp();
        }
        if (roll < 8) {
            return other.kind(p.between(0, 3));
        }
        return other.next();
    }

    /** An IPv4 or IPv6 packet (the first of a fragmented datagram). */
    public LinkPayload innerIp() {
        return LinkPayload.of(ip.next().getFirst());
    }

    /**
     * A packet of the kinds the corpus asks about most, so that long conjunctions still match something: TCP to or
     * from 80 and 22, UDP to or from 53, ICMP or ICMPv6 echo, over IPv4 or IPv6, between the corpus's addresses.
     */
    public LinkPayload service() {
        return service(r.nextInt(6), p.chance(0.35));
    }

    /**
     * A packet of service kind {@code kind}: 0 TCP SYN to 80, 1 TCP SYN-ACK from 80, 2 TCP data from 22, 3 UDP to
     * 53, 4 UDP from 53, 5 ICMP (or ICMPv6) echo request.
     */
    public LinkPayload service(int kind, boolean v6) {
        int ephemeral = p.between(32768, 60999);
        Payload payload = switch (kind) {
            case 0 -> Tcp.ports(ephemeral, 80).flags(Tcp.SYN).options(Tcp.mss(1460)).build();
            case 1 -> Tcp.ports(80, ephemeral).flags(Tcp.SYN | Tcp.ACK).options(Tcp.mss(1460)).build();
            case 2 -> Tcp.ports(22, ephemeral).flags(Tcp.PSH | Tcp.ACK).data(p.bytes(p.between(1, 48))).build();
            case 3 -> ip.udp(ephemeral, 53);
            case 4 -> ip.udp(53, ephemeral);
            default -> v6 ? Transport.icmp6(128, 0, p.bytes(12)) : Transport.icmp(8, 0, 0x00010001L, p.bytes(16));
        };
        if (v6) {
            byte[] a = Addr.v6(p.pick(List.of("2001:db8::1", "2001:db8::2", "fe80::1")));
            byte[] b = p.chance(0.5) ? p.ipv6() : Addr.v6(p.pick(List.of("2001:db8::1", "2001:db8::2")));
            boolean out = p.chance(0.5);
            return LinkPayload.ethernet(Ipv6.ETHERTYPE, Ipv6.of(out ? a : b, out ? b : a).payload(payload).build(),
                    p.mac(), "IPv6 service " + payload.protocol());
        }
        byte[] a = Addr.v4(p.pick(List.of("10.0.0.1", "10.0.0.2", "192.168.1.1", "192.168.1.2")));
        byte[] b = p.chance(0.5) ? p.ipv4() : Addr.v4(p.pick(List.of("10.0.0.1", "10.0.0.3", "192.168.1.100")));
        boolean out = p.chance(0.5);
        return LinkPayload.ethernet(Ipv4.ETHERTYPE, Ipv4.of(out ? a : b, out ? b : a).ttl(64).payload(payload)
                .build(), p.mac(), "IPv4 service " + payload.protocol());
    }

    /** {@code depth} VLAN tags with random TPIDs (mostly 802.1ad outside, 802.1Q inside) and ids. */
    public LinkPayload vlanStack(int depth, LinkPayload inner) {
        LinkPayload out = inner;
        for (int i = depth - 1; i >= 0; i--) {
            int tpid = p.chance(0.25) ? p.pick(TPIDS) : i == 0 && depth > 1 ? Encap.TPID_8021AD : Encap.TPID_8021Q;
            out = Encap.vlan(tpid, randomTci(), out);
        }
        return out;
    }

    private int randomTci() {
        int vid = p.chance(0.8) ? p.pick(VIDS) : p.between(0, 4095);
        return Encap.tci(p.chance(0.7) ? 0 : p.between(0, 7), p.chance(0.1), vid);
    }

    /** An MPLS frame: 1 to 3 labels, bottom of stack usually right, over IPv4, IPv6 or other bytes. */
    public LinkPayload mpls() {
        int depth = p.between(1, 3);
        long[] stack = new long[depth];
        boolean broken = p.chance(0.1);
        for (int i = 0; i < depth; i++) {
            boolean bottom = broken ? p.chance(0.5) : i == depth - 1;
            int label = p.chance(0.8) ? p.pick(LABELS) : p.between(0, 0xfffff);
            stack[i] = Encap.label(label, p.between(0, 7), bottom, p.pick(List.of(1, 63, 64, 255)));
        }
        int roll = r.nextInt(10);
        if (roll < 8) {
            LinkPayload l3 = innerIp();
            return Encap.mpls(p.chance(0.95) ? Encap.MPLS_UNICAST : Encap.MPLS_MULTICAST, stack, l3.bytes(),
                    l3.dstMac(), l3.note() + (broken ? " (bottom of stack wrong)" : ""));
        }
        if (roll < 9) {
            // An Ethernet pseudowire with its control word (RFC 4448): not IP, whatever the first nibble says.
            LinkPayload eth = inner();
            byte[] pw = new ByteBuilder().u32(0).bytes(eth.toEthernet(p.mac(), false)).toByteArray();
            return Encap.mpls(Encap.MPLS_UNICAST, stack, pw, p.mac(), "Ethernet pseudowire / " + eth.note());
        }
        byte[] junk = p.bytes(p.between(0, 60));
        if (junk.length > 0) {
            junk[0] = (byte) (p.pick(List.of(0, 1, 4, 5, 6, 7, 15)) << 4 | junk[0] & 0x0f);
        }
        return Encap.mpls(Encap.MPLS_UNICAST, stack, junk, p.mac(), "garbage");
    }

    /** A PPPoE discovery packet with the given code. */
    public LinkPayload pppoeDiscovery(int code) {
        int session = code == Encap.PADS || code == Encap.PADT ? p.pick(SESSIONS) : 0;
        byte[] dst = code == Encap.PADI ? BROADCAST : p.mac();
        return LinkPayload.ethernet(NonIp.PPPOED, Encap.pppoe(0x11, code, session,
                Encap.pppoeTags(code, r.nextInt() & 0xffffffffL)), dst, "PPPoE discovery code " + code
                + " session " + session);
    }

    /** A PPPoE session packet carrying IPv4, IPv6, LCP, IPCP or MPLS. */
    public LinkPayload pppoeSession() {
        int session = p.chance(0.8) ? p.pick(SESSIONS) : p.between(0, 0xffff);
        return switch (weighted(6, 5, 4, 3, 1, 1, 1)) {
            case 0 -> sessionOf(session, service());
            case 1 -> session(session, Encap.PPP_IP, LinkPayload.of(ip.nextV4().getFirst()));
            case 2 -> session(session, Encap.PPP_IPV6, LinkPayload.of(ip.nextV6().getFirst()));
            case 3 -> session(session, Encap.PPP_LCP, LinkPayload.ethernet(0, new ByteBuilder().u8(p.between(1, 11))
                    .u8(p.between(0, 255)).u16(8).u32(r.nextInt() & 0xffffffffL).toByteArray(), p.mac(), "LCP"));
            case 4 -> session(session, Encap.PPP_IPCP, LinkPayload.ethernet(0, new ByteBuilder().u8(1).u8(1)
                    .u16(10).u8(3).u8(6).bytes(p.ipv4()).toByteArray(), p.mac(), "IPCP"));
            case 5 -> {
                LinkPayload l3 = innerIp();
                yield session(session, Encap.PPP_MPLS, Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(
                        p.pick(LABELS), 0, true, 64)}, l3.bytes(), l3.dstMac(), l3.note()));
            }
            default -> session(session, p.pick(List.of(Encap.PPP_PAP, Encap.PPP_CHAP, Encap.PPP_IPV6CP, 0x0800,
                    0x86dd, 0x0000, 0xffff)), LinkPayload.ethernet(0, p.bytes(p.between(0, 24)), p.mac(), "other"));
        };
    }

    /** A PPPoE session packet (version/type 0x11, code 0) with {@code session}, PPP protocol and information. */
    public static LinkPayload session(int session, int pppProtocol, LinkPayload information) {
        return LinkPayload.ethernet(NonIp.PPPOES, Encap.pppoe(0x11, 0, session, Encap.ppp(pppProtocol,
                information.bytes())), information.dstMac(), "PPPoE session " + session + " PPP 0x"
                + Integer.toHexString(pppProtocol) + " / " + information.note());
    }

    /** A PPPoE session carrying {@code l3} (IPv4 or IPv6) with the matching PPP protocol. */
    public static LinkPayload sessionOf(int session, LinkPayload l3) {
        return session(session, l3.etherType() == Ipv6.ETHERTYPE ? Encap.PPP_IPV6 : Encap.PPP_IP, l3);
    }

    /** A Geneve packet: an IPv4 or IPv6 outer header, UDP to 6081, options, and an inner frame or packet. */
    public LinkPayload geneve() {
        int version = p.chance(0.9) ? 0 : p.between(1, 3);
        int words = p.chance(0.5) ? 0 : p.pick(List.of(1, 2, 3, 5, 8, 16, 63));
        int vni = p.chance(0.8) ? p.pick(GENEVE_VNIS) : p.between(0, 0xffffff);
        int roll = r.nextInt(20);
        int type;
        byte[] inner;
        String note;
        if (roll < 12) {
            LinkPayload frame = roll == 0 ? vlanStack(p.between(1, 2), innerIp()) : inner();
            type = Encap.TEB;
            inner = frame.toEthernet(p.mac(), false);
            note = "Ethernet / " + frame.note();
        } else if (roll < 18) {
            LinkPayload l3 = innerIp();
            type = p.chance(0.9) ? l3.etherType() : p.pick(List.of(0x0800, 0x86dd));
            inner = l3.bytes();
            note = l3.note();
        } else if (roll < 19) {
            LinkPayload l3 = innerIp();
            type = Encap.MPLS_UNICAST;
            inner = new ByteBuilder().u32(Encap.label(p.pick(LABELS), 0, true, 64)).bytes(l3.bytes()).toByteArray();
            note = "MPLS / " + l3.note();
        } else {
            LinkPayload lp = other.next();
            type = p.chance(0.5) ? NonIp.ARP : p.between(0, 0xffff);
            inner = lp.bytes();
            note = "type 0x" + Integer.toHexString(type);
        }
        byte[] g = Encap.geneve(version, words, p.chance(0.1), p.chance(0.1), type, vni,
                Encap.geneveOptions(words, p.pick(List.of(0x0102, 0x0103, 0xffff)), p.bytes(8)));
        String what = "Geneve v" + version + " vni " + vni + " opts " + words + " type 0x" + Integer.toHexString(type)
                + " / " + note;
        return tunnel(Encap.GENEVE_PORT, new ByteBuilder().bytes(g).bytes(inner).toByteArray(), what);
    }

    /** A VXLAN packet: an IPv4 or IPv6 outer header, UDP to 4789, the header and an inner Ethernet frame. */
    public LinkPayload vxlan() {
        int flags = p.chance(0.85) ? 0x08 : p.pick(List.of(0x00, 0x0c, 0x09, 0x88, 0x80, 0xff));
        int vni = p.chance(0.8) ? p.pick(VXLAN_VNIS) : p.between(0, 0xffffff);
        LinkPayload frame = p.chance(0.15) ? vlanStack(1, innerIp()) : inner();
        byte[] body = new ByteBuilder().bytes(Encap.vxlan(flags, vni)).bytes(frame.toEthernet(p.mac(), false))
                .toByteArray();
        return tunnel(Encap.VXLAN_PORT, body, "VXLAN flags 0x" + Integer.toHexString(flags) + " vni " + vni
                + " / Ethernet / " + frame.note());
    }

    /** {@code body} in UDP to {@code port}, over IPv4 (sometimes with options) or IPv6, from the address pools. */
    private LinkPayload tunnel(int port, byte[] body, String note) {
        int sport = p.chance(0.8) ? p.between(32768, 60999) : port;
        Payload udp = Transport.udp(sport, port, body);
        if (p.chance(0.65)) {
            Ipv4 v4 = Ipv4.of(p.ipv4(), p.ipv4()).ttl(64).id(r.nextInt(65536)).dontFragment(p.chance(0.5));
            if (p.chance(0.15)) {
                v4.options(p.pick(List.of(new byte[] {(byte) 0x94, 4, 0, 0}, new byte[] {1, 1, 1, 0},
                        new byte[] {(byte) 0x94, 4, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0})));
            }
            byte[] b = v4.payload(udp).build();
            return LinkPayload.ethernet(Ipv4.ETHERTYPE, b, p.mac(), "IPv4" + ((b[0] & 0xf) > 5 ? " IHL "
                    + (b[0] & 0xf) : "") + " UDP " + sport + ">" + port + " / " + note);
        }
        byte[] b = Ipv6.of(p.ipv6(), p.ipv6()).hopLimit(64).payload(udp).build();
        return LinkPayload.ethernet(Ipv6.ETHERTYPE, b, p.mac(), "IPv6 UDP " + sport + ">" + port + " / " + note);
    }

    /** Encapsulations inside one another. */
    public LinkPayload combination() {
        return switch (r.nextInt(12)) {
            case 0 -> Encap.vlan(p.pick(TPIDS), randomTci(), mpls());
            case 1 -> Encap.vlan(p.pick(TPIDS), randomTci(), pppoeSession());
            case 2 -> vlanStack(2, pppoeSession());
            case 3 -> Encap.vlan(Encap.TPID_8021Q, randomTci(), pppoeDiscovery(p.pick(List.of(Encap.PADI,
                    Encap.PADO))));
            case 4 -> vlanStack(p.between(1, 2), geneve());
            case 5 -> vlanStack(1, vxlan());
            case 6 -> Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(p.pick(LABELS), 0, true, 64)},
                    geneve4Bytes(), p.mac(), "IPv4 Geneve");
            case 7 -> session(p.pick(SESSIONS), Encap.PPP_IP, ipv4Tunnel(Encap.GENEVE_PORT));
            case 8 -> session(p.pick(SESSIONS), Encap.PPP_IP, ipv4Tunnel(Encap.VXLAN_PORT));
            case 9 -> vlanStack(3, p.chance(0.5) ? mpls() : innerIp());
            case 10 -> Encap.vlan(Encap.TPID_8021AD, randomTci(), Encap.vlan(Encap.TPID_8021Q, randomTci(),
                    p.chance(0.5) ? geneve() : vxlan()));
            default -> geneveAround(p.chance(0.5) ? vxlan() : geneve());
        };
    }

    private byte[] geneve4Bytes() {
        LinkPayload g;
        do {
            g = geneve();
        } while (g.etherType() != Ipv4.ETHERTYPE);
        return g.bytes();
    }

    private LinkPayload ipv4Tunnel(int port) {
        LinkPayload t;
        do {
            t = port == Encap.GENEVE_PORT ? geneve() : vxlan();
        } while (t.etherType() != Ipv4.ETHERTYPE);
        return t;
    }

    /** {@code inner} (an IP packet carrying a tunnel) inside an Ethernet frame inside Geneve: a tunnel in a tunnel. */
    private LinkPayload geneveAround(LinkPayload inner) {
        byte[] g = new ByteBuilder().bytes(Encap.geneve(0, 0, false, false, Encap.TEB, p.pick(GENEVE_VNIS),
                new byte[0])).bytes(inner.toEthernet(p.mac(), false)).toByteArray();
        return tunnel(Encap.GENEVE_PORT, g, "Geneve / Ethernet / " + inner.note());
    }

    // -------------------------------------------------------------------------------------------------- sweeps

    /**
     * Single tags: every TPID with every VLAN id of {@link #VIDS}, priority and DEI bits on some, over IPv4, IPv6,
     * ARP and a non-IP payload; a tag whose VLAN id only matches with the priority bits masked off.
     */
    public List<LinkPayload> vlanSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int tpid : TPIDS) {
            for (int vid : VIDS) {
                out.add(Encap.vlan(tpid, Encap.tci(0, false, vid), LinkPayload.of(ip.nextV4().getFirst())));
                out.add(Encap.vlan(tpid, Encap.tci(p.between(1, 7), p.chance(0.5), vid),
                        LinkPayload.of(ip.nextV6().getFirst())));
                out.add(Encap.vlan(tpid, Encap.tci(7, true, vid), p.chance(0.5) ? other.kind(p.between(0, 3))
                        : other.next()));
            }
        }
        // Priority and DEI values with VLAN 100, so that "vlan 100" must mask them off.
        for (int pcp = 0; pcp < 8; pcp++) {
            out.add(Encap.vlan(Encap.TPID_8021Q, Encap.tci(pcp, pcp % 2 == 1, 100), innerIp()));
        }
        // 802.3/802.2 payloads behind a tag: the inner type field is a length.
        for (int k : new int[] {4, 8, 9, 10, 11, 12, 14, 15, 16, 17, 21, 22, 31, 32}) {
            out.add(Encap.vlan(p.pick(TPIDS), Encap.tci(0, false, p.pick(VIDS)), other.kind(k)));
        }
        return out;
    }

    /** Two and three tags with every pair of TPIDs, and with the VLAN id pairs the corpus names. */
    public List<LinkPayload> stackSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int outer : TPIDS) {
            for (int inner : TPIDS) {
                out.add(Encap.vlan(outer, Encap.tci(0, false, p.pick(VIDS)), Encap.vlan(inner,
                        Encap.tci(0, false, p.pick(VIDS)), innerIp())));
            }
        }
        int[][] pairs = {{10, 20}, {20, 10}, {100, 200}, {200, 100}, {100, 100}, {0, 4095}, {4095, 0}, {1, 1},
                {300, 30}};
        for (int[] pair : pairs) {
            out.add(Encap.vlan(Encap.TPID_8021AD, Encap.tci(0, false, pair[0]), Encap.vlan(Encap.TPID_8021Q,
                    Encap.tci(p.between(0, 7), false, pair[1]), innerIp())));
            out.add(Encap.vlan(Encap.TPID_8021Q, Encap.tci(0, false, pair[0]), Encap.vlan(Encap.TPID_8021Q,
                    Encap.tci(0, false, pair[1]), LinkPayload.of(ip.nextV4().getFirst()))));
        }
        for (int i = 0; i < 12; i++) {
            int outer = p.pick(List.of(10, 100, 1000));
            int middleTpid = p.pick(TPIDS);
            int middle = p.pick(List.of(20, 200));
            int last = p.pick(List.of(30, 300, 100));
            out.add(Encap.vlan(Encap.TPID_8021AD, Encap.tci(0, false, outer), Encap.vlan(middleTpid,
                    Encap.tci(0, false, middle), tag(last, inner()))));
        }
        for (int i = 0; i < 3; i++) {
            out.add(vlanStack(4, i == 0 ? service() : inner()));
        }
        return out;
    }

    /** Label stacks: 1 to 3 labels from {@link #LABELS}, bottom-of-stack right and wrong, over IPv4, IPv6, junk. */
    public List<LinkPayload> mplsSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int label : LABELS) {
            LinkPayload v4 = LinkPayload.of(ip.nextV4().getFirst());
            LinkPayload v6 = LinkPayload.of(ip.nextV6().getFirst());
            out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(label, 0, true, 64)}, v4.bytes(),
                    p.mac(), v4.note()));
            out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(label, 7, true, 1)}, v6.bytes(),
                    p.mac(), v6.note()));
            out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(label, 0, false, 64),
                    Encap.label(p.pick(LABELS), 0, true, 64)}, v4.bytes(), p.mac(), v4.note()));
            LinkPayload svc = service();
            out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(label, 0, true, 64)}, svc.bytes(),
                    p.mac(), svc.note()));
        }
        int[][] stacks = {{100, 17}, {17, 100}, {100, 17, 16}, {100, 100}, {16, 17, 100}, {0xfffff, 0}, {0, 0xfffff}};
        for (int[] labels : stacks) {
            for (boolean right : new boolean[] {true, false}) {
                long[] stack = new long[labels.length];
                for (int i = 0; i < labels.length; i++) {
                    // "Wrong": the bottom bit on the first entry and not on the last.
                    boolean bottom = right ? i == labels.length - 1 : i == 0;
                    stack[i] = Encap.label(labels[i], 0, bottom, 64);
                }
                LinkPayload l3 = p.chance(0.6) ? LinkPayload.of(ip.nextV4().getFirst())
                        : LinkPayload.of(ip.nextV6().getFirst());
                out.add(Encap.mpls(Encap.MPLS_UNICAST, stack, l3.bytes(), p.mac(), l3.note()
                        + (right ? "" : " (bottom of stack wrong)")));
            }
        }
        // The IP version nibble decides after the bottom label: 4 and 6 with junk, other versions with IP bytes.
        for (int version : new int[] {0, 4, 5, 6, 7, 15}) {
            byte[] junk = p.bytes(40);
            junk[0] = (byte) (version << 4 | 5);
            out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(p.pick(LABELS), 0, true, 64)}, junk,
                    p.mac(), "version nibble " + version + " junk"));
        }
        // No payload at all behind the stack; the multicast EtherType.
        out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(100, 0, true, 64)}, new byte[0], p.mac(),
                "nothing"));
        LinkPayload v4 = LinkPayload.of(ip.nextV4().getFirst());
        out.add(Encap.mpls(Encap.MPLS_MULTICAST, new long[] {Encap.label(100, 0, true, 64)}, v4.bytes(), p.mac(),
                v4.note()));
        return out;
    }

    /**
     * PPPoE: every discovery code (and a few undefined ones), sessions with every id of {@link #SESSIONS} carrying
     * IPv4, IPv6 and LCP, version/type values other than 0x11, and non-zero codes in session packets.
     */
    public List<LinkPayload> pppoeSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int code : new int[] {Encap.PADI, Encap.PADO, Encap.PADR, Encap.PADS, Encap.PADT, 0x00, 0x01, 0xff}) {
            out.add(pppoeDiscovery(code));
        }
        for (int session : SESSIONS) {
            out.add(session(session, Encap.PPP_IP, LinkPayload.of(ip.nextV4().getFirst())));
            out.add(session(session, Encap.PPP_IPV6, LinkPayload.of(ip.nextV6().getFirst())));
            out.add(session(session, Encap.PPP_LCP, LinkPayload.ethernet(0, new ByteBuilder().u8(9).u8(1).u16(8)
                    .u32(0x12345678L).toByteArray(), p.mac(), "LCP echo request")));
        }
        for (int verType : new int[] {0x00, 0x12, 0x21, 0xff}) {
            LinkPayload v4 = LinkPayload.of(ip.nextV4().getFirst());
            out.add(LinkPayload.ethernet(NonIp.PPPOES, Encap.pppoe(verType, 0, 0x1234, Encap.ppp(Encap.PPP_IP,
                    v4.bytes())), p.mac(), "PPPoE session version/type 0x" + Integer.toHexString(verType) + " / "
                    + v4.note()));
        }
        for (int code : new int[] {Encap.PADT, 0x01}) {
            LinkPayload v6 = LinkPayload.of(ip.nextV6().getFirst());
            out.add(LinkPayload.ethernet(NonIp.PPPOES, Encap.pppoe(0x11, code, 0x1234, Encap.ppp(Encap.PPP_IPV6,
                    v6.bytes())), p.mac(), "PPPoE session code " + code + " / " + v6.note()));
        }
        // A PPP frame with the HDLC address and control bytes left in (not how PPPoE carries it).
        LinkPayload v4 = LinkPayload.of(ip.nextV4().getFirst());
        out.add(LinkPayload.ethernet(NonIp.PPPOES, Encap.pppoe(0x11, 0, 0x1234, new ByteBuilder().u8(0xff).u8(0x03)
                .u16(Encap.PPP_IP).bytes(v4.bytes()).toByteArray()), p.mac(), "PPPoE session ff 03 / " + v4.note()));
        // Discovery EtherType carrying a session-looking packet, and the session EtherType carrying discovery.
        out.add(LinkPayload.ethernet(NonIp.PPPOED, Encap.pppoe(0x11, 0, 0x1234, Encap.ppp(Encap.PPP_IP,
                v4.bytes())), p.mac(), "PPPoE discovery EtherType, session contents"));
        out.add(LinkPayload.ethernet(NonIp.PPPOES, Encap.pppoe(0x11, Encap.PADI, 0, Encap.pppoeTags(Encap.PADI, 1)),
                BROADCAST, "PPPoE session EtherType, PADI contents"));
        return out;
    }

    /**
     * Geneve: every VNI of {@link #GENEVE_VNIS}, versions 0-3, option lengths 0-63 words, the O and C flags, inner
     * Ethernet frames (IPv4, IPv6, TCP, UDP, ARP, tagged), bare IPv4 and IPv6, MPLS and other protocol types, over
     * IPv4 (IHL 5 to 15) and IPv6 outer headers, and the packets that only look like Geneve.
     */
    public List<LinkPayload> geneveSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int vni : GENEVE_VNIS) {
            for (int v6 = 0; v6 < 2; v6++) {
                LinkPayload frame = innerIp();
                out.add(geneveOver(v6 == 1, 0, 0, Encap.TEB, vni, frame.toEthernet(p.mac(), false),
                        "Ethernet / " + frame.note()));
                LinkPayload l3 = innerIp();
                out.add(geneveOver(v6 == 1, 0, 1, l3.etherType(), vni, l3.bytes(), l3.note()));
            }
        }
        for (int version = 1; version <= 3; version++) {
            LinkPayload frame = innerIp();
            out.add(geneveOver(version == 2, version, 0, Encap.TEB, 10, frame.toEthernet(p.mac(), false),
                    "Ethernet / " + frame.note()));
        }
        for (int words : new int[] {0, 1, 2, 3, 4, 7, 8, 15, 31, 32, 63}) {
            LinkPayload frame = words % 2 == 0 ? innerIp() : inner();
            out.add(geneveOver(words % 3 == 0, 0, words, Encap.TEB, p.pick(GENEVE_VNIS),
                    frame.toEthernet(p.mac(), false), "Ethernet / " + frame.note()));
        }
        // Inner Ethernet frames of every kind the corpus asks about, with MACs from the pools.
        for (int k = 0; k < 4; k++) {
            LinkPayload arp = other.kind(k);
            out.add(geneveOver(k % 2 == 1, 0, 0, Encap.TEB, 0xabc, arp.toEthernet(p.mac(), false), "Ethernet / "
                    + arp.note()));
        }
        for (int i = 0; i < 6; i++) {
            LinkPayload tagged = vlanStack(p.between(1, 2), inner());
            out.add(geneveOver(i % 2 == 1, 0, i, Encap.TEB, p.pick(GENEVE_VNIS), tagged.toEthernet(p.mac(), false),
                    "Ethernet / " + tagged.note()));
        }
        for (int i = 0; i < 4; i++) {
            LinkPayload l3 = innerIp();
            out.add(geneveOver(false, 0, 0, Encap.TEB, 0xabc, Encap.mpls(Encap.MPLS_UNICAST, new long[] {
                    Encap.label(100, 0, i > 0, 64), Encap.label(17, 0, true, 64)}, l3.bytes(), p.mac(), l3.note())
                    .toEthernet(p.mac(), false), "Ethernet / MPLS / " + l3.note()));
            out.add(geneveOver(i % 2 == 0, 0, 0, Encap.TEB, 0xabc, pppoeSession().toEthernet(p.mac(), false),
                    "Ethernet / PPPoE"));
        }
        // Bare payloads: protocol types that do and do not match the bytes, MPLS, ARP, others.
        for (int type : new int[] {0x0800, 0x86dd, Encap.MPLS_UNICAST, NonIp.ARP, 0x0000, 0x88cc, 0x0600,
                0x05dc}) {
            LinkPayload l3 = innerIp();
            byte[] bytes = type == Encap.MPLS_UNICAST ? new ByteBuilder().u32(Encap.label(16, 0, true, 64))
                    .bytes(l3.bytes()).toByteArray() : l3.bytes();
            out.add(geneveOver(type == 0x86dd, 0, 0, type, 0x123456, bytes, "type 0x" + Integer.toHexString(type)
                    + " / " + l3.note()));
        }
        out.addAll(lookAlikes(Encap.GENEVE_PORT));
        return out;
    }

    /**
     * VXLAN: every VNI of {@link #VXLAN_VNIS}, flag values other than 0x08, inner Ethernet frames of every kind,
     * IPv4 and IPv6 outer headers, and the packets that only look like VXLAN.
     */
    public List<LinkPayload> vxlanSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int vni : VXLAN_VNIS) {
            for (int v6 = 0; v6 < 2; v6++) {
                LinkPayload frame = v6 == 0 ? innerIp() : inner();
                out.add(vxlanOver(v6 == 1, 0x08, vni, frame));
            }
            // An ICMP echo request inside, as in libpcap's own VXLAN test.
            byte[] echo = Ipv4.of(p.ipv4(), p.ipv4()).ttl(64).payload(Transport.icmp(8, 0, 0x00010001L, p.bytes(32)))
                    .build();
            out.add(vxlanOver(false, 0x08, vni, LinkPayload.ethernet(Ipv4.ETHERTYPE, echo, p.mac(), "ICMP echo")));
        }
        for (int flags : new int[] {0x00, 0x0c, 0x09, 0x88, 0x80, 0xff, 0x18}) {
            out.add(vxlanOver(flags % 2 == 1, flags, 42, innerIp()));
        }
        for (int k = 0; k < 4; k++) {
            out.add(vxlanOver(k % 2 == 1, 0x08, 100, other.kind(k)));
        }
        for (int i = 0; i < 4; i++) {
            out.add(vxlanOver(i % 2 == 1, 0x08, p.pick(VXLAN_VNIS), vlanStack(p.between(1, 2), innerIp())));
            out.add(vxlanOver(i % 2 == 0, 0x08, 42, other.next()));
        }
        // Every service kind over IPv4 and IPv6 inside, with VNI 42 and another; VXLAN inside VXLAN.
        for (int i = 0; i < 12; i++) {
            out.add(vxlanOver(i % 2 == 1, 0x08, i < 6 ? 42 : p.pick(VXLAN_VNIS), service(i % 6, i % 4 < 2)));
        }
        for (int i = 0; i < 4; i++) {
            out.add(vxlanOver(i % 2 == 0, 0x08, p.pick(VXLAN_VNIS), vxlanOver(i < 2, i == 3 ? 0x0c : 0x08, 42,
                    service(i, i % 2 == 0))));
        }
        out.addAll(lookAlikes(Encap.VXLAN_PORT));
        return out;
    }

    private LinkPayload vxlanOver(boolean v6, int flags, int vni, LinkPayload frame) {
        byte[] body = new ByteBuilder().bytes(Encap.vxlan(flags, vni)).bytes(frame.toEthernet(p.mac(), false))
                .toByteArray();
        return over(v6, Encap.VXLAN_PORT, body, "VXLAN flags 0x" + Integer.toHexString(flags) + " vni " + vni
                + " / Ethernet / " + frame.note());
    }

    private LinkPayload geneveOver(boolean v6, int version, int words, int type, int vni, byte[] inner,
            String note) {
        byte[] body = new ByteBuilder().bytes(Encap.geneve(version, words, false, words == 1, type, vni,
                Encap.geneveOptions(words, 0x0102, p.bytes(4)))).bytes(inner).toByteArray();
        return over(v6, Encap.GENEVE_PORT, body, "Geneve v" + version + " vni " + vni + " opts " + words
                + " type 0x" + Integer.toHexString(type) + " / " + note);
    }

    private LinkPayload over(boolean v6, int port, byte[] body, String note) {
        Payload udp = Transport.udp(p.between(32768, 60999), port, body);
        if (v6) {
            return LinkPayload.ethernet(Ipv6.ETHERTYPE, Ipv6.of(p.ipv6(), p.ipv6()).payload(udp).build(), p.mac(),
                    "IPv6 / " + note);
        }
        return LinkPayload.ethernet(Ipv4.ETHERTYPE, Ipv4.of(p.ipv4(), p.ipv4()).ttl(64).payload(udp).build(),
                p.mac(), "IPv4 / " + note);
    }

    /**
     * Packets that carry a tunnel's bytes but are not that tunnel to libpcap: the port as source only, TCP to the
     * port, non-first IPv4 fragments whose data reads as UDP to the port, the first fragment (which is), IPv4 with
     * options of every length, an IPv6 extension header before UDP, and Geneve/VXLAN headers on the other port.
     */
    private List<LinkPayload> lookAlikes(int port) {
        List<LinkPayload> out = new ArrayList<>();
        int otherPort = port == Encap.GENEVE_PORT ? Encap.VXLAN_PORT : Encap.GENEVE_PORT;
        byte[] header = port == Encap.GENEVE_PORT ? Encap.geneve(0, 0, false, false, Encap.TEB, 10, new byte[0])
                : Encap.vxlan(0x08, 42);
        LinkPayload frame = innerIp();
        byte[] body = new ByteBuilder().bytes(header).bytes(frame.toEthernet(p.mac(), false)).toByteArray();
        String name = port == Encap.GENEVE_PORT ? "Geneve" : "VXLAN";
        byte[] a = p.ipv4();
        byte[] b = p.ipv4();
        out.add(v4(Ipv4.of(a, b).payload(Transport.udp(port, 5000, body)), name + " port as source only"));
        out.add(v4(Ipv4.of(a, b).payload(Transport.udp(port, otherPort, body)), name + " header to the other port"));
        out.add(v4(Ipv4.of(a, b).payload(Tcp.ports(40000, port).flags(Tcp.PSH | Tcp.ACK).data(body).build()),
                name + " over TCP"));
        byte[] udpBytes = Transport.udp(40000, port, body).bytes();
        for (int offset : new int[] {1, 3, 185, 0x1fff}) {
            out.add(v4(Ipv4.of(a, b).id(0x4242).fragment(offset, offset != 0x1fff).payload(Transport.UDP, udpBytes),
                    name + " bytes in a non-first fragment, offset " + offset));
        }
        out.add(v4(Ipv4.of(a, b).id(0x4243).fragment(0, true).payload(Transport.UDP, udpBytes), name
                + " in a first fragment"));
        for (int optionWords = 1; optionWords <= 10; optionWords++) {
            byte[] options = new byte[optionWords * 4];
            Arrays.fill(options, (byte) 1);
            options[options.length - 1] = 0;
            out.add(v4(Ipv4.of(a, b).options(options).payload(Transport.udp(40000, port, body)), name + " IHL "
                    + (5 + optionWords)));
        }
        out.add(LinkPayload.ethernet(Ipv6.ETHERTYPE, Ipv6.of(p.ipv6(), p.ipv6())
                .ext(new Ipv6Ext.HopByHop(new byte[0])).payload(Transport.udp(40000, port, body)).build(), p.mac(),
                "IPv6 hop-by-hop / UDP " + name));
        out.add(LinkPayload.ethernet(Ipv6.ETHERTYPE, Ipv6.of(p.ipv6(), p.ipv6())
                .ext(new Ipv6Ext.Fragment(0, true, 7)).payload(Transport.udp(40000, port, body)).build(), p.mac(),
                "IPv6 fragment header / UDP " + name));
        return out;
    }

    private LinkPayload v4(Ipv4 packet, String note) {
        return LinkPayload.ethernet(Ipv4.ETHERTYPE, packet.ttl(64).build(), p.mac(), "IPv4 / " + note);
    }

    /**
     * Each pairing of encapsulations the corpus combines, several times over with the common services inside: VLAN
     * around MPLS, PPPoE (discovery and session) and the tunnels; MPLS and PPPoE around the tunnels; PPPoE around
     * MPLS; VLAN, MPLS and PPPoE inside Geneve; tunnels in tunnels; three-tag stacks with the corpus's ids.
     */
    public List<LinkPayload> combinationSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Every service kind over IPv4 (i < 6) and IPv6 inside each pairing; outer IPv6 on every other round;
            // the corpus's ids two rounds in three.
            int kind = i % 6;
            boolean inner6 = i >= 6;
            boolean v6 = i % 2 == 1;
            boolean named = i % 3 != 2;
            int vid = named ? 100 : p.pick(VIDS);
            int session = named ? 0x1234 : p.pick(SESSIONS);
            out.add(tag(vid, labelled(new int[] {100}, service(kind, inner6))));
            out.add(Encap.vlan(p.pick(TPIDS), Encap.tci(0, false, vid), labelled(new int[] {100, 17},
                    service(kind, inner6))));
            out.add(qinq(10, 20, labelled(new int[] {p.pick(LABELS)}, service(kind, inner6))));
            out.add(tag(vid, sessionOf(session, service(kind, inner6))));
            out.add(qinq(vid, p.pick(VIDS), sessionOf(p.pick(SESSIONS), service(kind, inner6))));
            out.add(tag(vid, pppoeDiscovery(p.pick(List.of(Encap.PADI, Encap.PADO, Encap.PADR, Encap.PADS,
                    Encap.PADT)))));
            out.add(tag(vid, geneveOf(v6, named ? 10 : 0xabc, service(kind, inner6))));
            out.add(qinq(10, 20, geneveOf(v6, p.pick(GENEVE_VNIS), service(kind, inner6))));
            out.add(tag(vid, vxlanOver(v6, 0x08, 42, service(kind, inner6))));
            out.add(labelled(new int[] {100}, geneveOf(false, p.pick(GENEVE_VNIS), service(kind, inner6))));
            out.add(labelled(new int[] {100, 17}, geneveOf(false, 0xabc, service(kind, inner6))));
            // Bare IP in Geneve in MPLS. (libpcap's "ip" after "mpls and geneve" tests the bottom-of-stack bit at
            // X - 2, an indirect load bpf_filter treats as out of bounds: it never matches.)
            out.add(labelled(new int[] {100}, geneveBare(false, named ? 1 : 0xabc, service(kind, inner6))));
            out.add(sessionOf(session, geneveOf(v6, p.pick(GENEVE_VNIS), service(kind, inner6))));
            out.add(sessionOf(p.pick(SESSIONS), vxlanOver(v6, 0x08, p.pick(VXLAN_VNIS), service(kind, inner6))));
            out.add(labelled(new int[] {100}, vxlanOver(false, 0x08, 42, service(kind, inner6))));
            out.add(session(p.pick(SESSIONS), Encap.PPP_MPLS, labelled(new int[] {100}, service(kind, inner6))));
            out.add(geneveOf(v6, 10, tag(named ? 100 : 200, service(kind, inner6))));
            out.add(geneveOf(!v6, 10, labelled(new int[] {100, 17}, service(kind, inner6))));
            out.add(geneveOf(v6, 0xabc, sessionOf(0x1234, service(kind, inner6))));
            out.add(geneveOf(!v6, 1, geneveOf(v6, 0xabc, service(kind, inner6))));
            out.add(geneveOf(v6, 1, vxlanOver(!v6, 0x08, 42, service(kind, inner6))));
            out.add(Encap.vlan(Encap.TPID_8021AD, Encap.tci(0, false, named ? 10 : 100), qinqInner(named ? 20 : 200,
                    named ? 30 : 300, service(kind, inner6))));
            out.add(tag(p.pick(VIDS), service(kind, inner6)));
            out.add(qinq(p.pick(VIDS), p.pick(VIDS), service(kind, inner6)));
        }
        return out;
    }

    /** {@code inner} behind one 802.1Q tag with VLAN id {@code vid}. */
    private static LinkPayload tag(int vid, LinkPayload inner) {
        return Encap.vlan(Encap.TPID_8021Q, Encap.tci(0, false, vid), inner);
    }

    /** {@code inner} behind an 802.1ad tag {@code outer} and an 802.1Q tag {@code inner}. */
    private static LinkPayload qinq(int outerVid, int innerVid, LinkPayload inner) {
        return Encap.vlan(Encap.TPID_8021AD, Encap.tci(0, false, outerVid), tag(innerVid, inner));
    }

    /** Two 802.1Q tags (the inner part of a three-tag stack). */
    private static LinkPayload qinqInner(int firstVid, int secondVid, LinkPayload inner) {
        return tag(firstVid, tag(secondVid, inner));
    }

    /** {@code inner} behind MPLS labels (the last one the bottom of the stack). */
    private LinkPayload labelled(int[] labels, LinkPayload inner) {
        long[] stack = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            stack[i] = Encap.label(labels[i], 0, i == labels.length - 1, 64);
        }
        return Encap.mpls(Encap.MPLS_UNICAST, stack, inner.bytes(), inner.dstMac(), inner.note());
    }

    /** {@code inner} in Geneve (as an Ethernet frame) over IPv4 or IPv6. */
    private LinkPayload geneveOf(boolean v6, int vni, LinkPayload inner) {
        return geneveOver(v6, 0, p.chance(0.5) ? 0 : p.between(1, 4), Encap.TEB, vni, inner.toEthernet(p.mac(),
                false), "Ethernet / " + inner.note());
    }

    /** {@code l3} bare in Geneve (protocol type = its EtherType) over IPv4 or IPv6. */
    private LinkPayload geneveBare(boolean v6, int vni, LinkPayload l3) {
        return geneveOver(v6, 0, 0, l3.etherType(), vni, l3.bytes(), l3.note());
    }

    /**
     * Frames shaped like a tag under a TPID libpcap does not know (0x8200, 0x9200, 0x88e7, and IPv4's and IPv6's
     * own EtherTypes): after {@code vlan} has moved the offsets, "not vlan and ip" reads their inner type.
     */
    public List<LinkPayload> unknownTagSweep() {
        List<LinkPayload> out = new ArrayList<>();
        for (int tpid : new int[] {0x8200, 0x9200, 0x88e7, 0x0800, 0x86dd}) {
            for (int i = 0; i < 3; i++) {
                out.add(Encap.vlan(tpid, Encap.tci(0, false, p.pick(VIDS)), i == 2 ? innerIp() : service()));
            }
        }
        return out;
    }

    /**
     * One typical frame of each family, whole, for cutting inside its headers: a tag, a QinQ stack, a label stack,
     * PPPoE discovery and session, Geneve over IPv4 with options and over IPv6, VXLAN.
     */
    public List<LinkPayload> cutSamples() {
        List<LinkPayload> out = new ArrayList<>();
        byte[] tcp = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2")).payload(Tcp.ports(1024, 80).flags(Tcp.SYN)
                .build()).build();
        LinkPayload v4 = LinkPayload.ethernet(Ipv4.ETHERTYPE, tcp, p.mac(), "IPv4 TCP SYN");
        out.add(Encap.vlan(Encap.TPID_8021Q, Encap.tci(0, false, 100), v4));
        out.add(Encap.vlan(Encap.TPID_8021AD, Encap.tci(0, false, 10), Encap.vlan(Encap.TPID_8021Q,
                Encap.tci(0, false, 20), v4)));
        out.add(Encap.mpls(Encap.MPLS_UNICAST, new long[] {Encap.label(100, 0, false, 64), Encap.label(17, 0, true,
                64)}, tcp, p.mac(), "IPv4 TCP SYN"));
        out.add(pppoeDiscovery(Encap.PADO));
        out.add(session(0x1234, Encap.PPP_IP, v4));
        LinkPayload frame = LinkPayload.ethernet(Ipv4.ETHERTYPE, tcp, Addr.mac("00:11:22:33:44:55"), "IPv4 TCP SYN");
        byte[] g = new ByteBuilder().bytes(Encap.geneve(0, 2, false, false, Encap.TEB, 0xabc,
                Encap.geneveOptions(2, 0x0102, new byte[] {1, 2, 3, 4}))).bytes(frame.toEthernet(p.mac(), false))
                .toByteArray();
        out.add(LinkPayload.ethernet(Ipv4.ETHERTYPE, Ipv4.of(Addr.v4("192.168.1.1"), Addr.v4("192.168.1.2"))
                .options(new byte[] {(byte) 0x94, 4, 0, 0}).payload(Transport.udp(40000, Encap.GENEVE_PORT, g))
                .build(), p.mac(), "IPv4 IHL 6 / Geneve vni 0xabc / Ethernet / IPv4 TCP SYN"));
        out.add(geneveOver(true, 0, 0, Encap.TEB, 10, frame.toEthernet(p.mac(), false), "Ethernet / IPv4 TCP"));
        out.add(vxlanOver(false, 0x08, 42, frame));
        return out;
    }

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
        throw new AssertionError();
    }
}
