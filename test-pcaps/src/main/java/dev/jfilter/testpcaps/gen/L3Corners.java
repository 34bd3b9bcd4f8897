package dev.jfilter.testpcaps.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The network-layer corner cases every capture with IP in it carries: IPv4 header lengths 0 to 15, wrong version
 * nibbles, lengths that disagree with the capture, every flag and fragment combination, non-first fragments whose
 * first bytes look like ports, every protocol number, TCP data offsets 0 to 15, transport headers shorter than
 * their minimum; for IPv6 every Next Header value, fragment headers in front of TCP and UDP, long and broken
 * extension-header chains.
 */
public final class L3Corners {
    private final Pools p;
    private final IpTraffic ip;

    /** Corners drawn from {@code pools}. */
    public L3Corners(Pools pools, IpTraffic ip) {
        this.p = pools;
        this.ip = ip;
    }

    /** The IPv4 corners, then the IPv6 ones, in one list (a pool to draw from). */
    public List<IpTraffic.L3> both() {
        List<IpTraffic.L3> out = new ArrayList<>(ipv4());
        out.addAll(ipv6());
        return out;
    }

    /** IPv4 corner packets (about 340). */
    public List<IpTraffic.L3> ipv4() {
        List<IpTraffic.L3> out = new ArrayList<>();
        byte[] a = Addr.v4("10.0.0.1");
        byte[] b = Addr.v4("192.168.1.2");
        // Header length 0..15, with real options when above 5 and a TCP segment after what the IHL claims.
        for (int ihl = 0; ihl <= 15; ihl++) {
            Payload seg = Tcp.ports(1024, 80).flags(Tcp.SYN).build();
            byte[] opts = ihl > 5 ? new ByteBuilder().fill((ihl - 5) * 4, 1).toByteArray() : new byte[0];
            out.add(v4(Ipv4.of(a, b).ihl(ihl).options(opts).payload(seg), "IPv4 IHL " + ihl));
            Payload udp = Transport.udp(53, 53, new byte[12]);
            out.add(v4(Ipv4.of(b, a).ihl(ihl).payload(udp), "IPv4 IHL " + ihl + " no options"));
        }
        // Wrong versions under the IPv4 EtherType.
        for (int v : new int[] {0, 1, 2, 3, 5, 6, 7, 15}) {
            out.add(v4(Ipv4.of(a, b).version(v).payload(Tcp.ports(80, 1024).flags(Tcp.ACK).build()),
                    "IPv4 version " + v));
        }
        // Total length disagreeing with the bytes.
        for (int len : new int[] {0, 19, 20, 21, 28, 40, 1500, 65535}) {
            out.add(v4(Ipv4.of(a, b).totalLength(len).payload(ip.udp(123, 123)), "IPv4 total length " + len));
        }
        // Flags and fragment offsets.
        out.add(v4(Ipv4.of(a, b).reservedFlag(true).payload(ip.tcp()), "IPv4 reserved flag"));
        out.add(v4(Ipv4.of(a, b).dontFragment(true).fragment(0, true).payload(ip.tcp()), "IPv4 DF+MF"));
        out.add(v4(Ipv4.of(a, b).fragment(0x1fff, false).payload(Transport.UDP, portBytes(80, 443)),
                "IPv4 maximal offset"));
        out.add(v4(Ipv4.of(a, b).fragment(0, true).payload(ip.udp(53, 1024)), "IPv4 first fragment UDP"));
        // Non-first fragments whose first bytes look like a transport header with interesting ports.
        int[][] ports = {{80, 443}, {1024, 80}, {53, 53}, {443, 8080}, {20, 21}, {65535, 0}, {22, 1023},
                {123, 123}};
        for (int proto : new int[] {Tcp.PROTOCOL, Transport.UDP, Transport.SCTP, Transport.ICMP}) {
            for (int[] pp : ports) {
                for (int ihl : new int[] {5, 6}) {
                    byte[] opts = ihl == 6 ? new byte[] {1, 1, 1, 0} : new byte[0];
                    out.add(v4(Ipv4.of(a, b).options(opts).fragment(p.between(1, 185), p.chance(0.5))
                            .payload(proto, portBytes(pp[0], pp[1])), "IPv4 non-first fragment proto " + proto
                            + " looks like " + pp[0] + ">" + pp[1]));
                }
            }
        }
        // Every protocol number, with a few bytes of payload.
        for (int proto = 0; proto < 256; proto++) {
            byte[] src = p.ipv4();
            byte[] dst = p.chance(0.2) ? p.ipv4Multicast() : p.ipv4();
            out.add(v4(Ipv4.of(src, dst).payload(proto, portBytes(p.pick(List.of(80, 53, 443, 1024)),
                    p.port())), "IPv4 protocol sweep " + proto));
        }
        // TCP data offsets 0..15 and flag extremes.
        for (int off = 0; off <= 15; off++) {
            out.add(v4(Ipv4.of(b, a).payload(Tcp.ports(443, 1024).flags(Tcp.ACK | Tcp.PSH).dataOffset(off)
                    .data(new byte[8]).build()), "TCP data offset " + off));
        }
        out.add(v4(Ipv4.of(a, b).payload(Tcp.ports(22, 22).flags(0).build()), "TCP no flags"));
        out.add(v4(Ipv4.of(a, b).payload(Tcp.ports(22, 22).flags(0xff).nonce(true).build()), "TCP all flags"));
        // Transport headers shorter than their minimum (the IP packet ends early, the capture is whole).
        for (int n : new int[] {0, 1, 2, 3, 4, 8, 12, 13, 14, 19}) {
            byte[] seg = java.util.Arrays.copyOf(Tcp.ports(80, 8080).flags(Tcp.SYN | Tcp.ACK).build().bytes(), n);
            out.add(v4(Ipv4.of(a, b).payload(Tcp.PROTOCOL, seg), "TCP header of " + n + " bytes"));
            byte[] u = java.util.Arrays.copyOf(Transport.udp(53, 67, new byte[0]).bytes(), Math.min(n, 8));
            out.add(v4(Ipv4.of(b, a).payload(Transport.UDP, u), "UDP header of " + Math.min(n, 8) + " bytes"));
        }
        out.add(v4(Ipv4.of(a, b).payload(Transport.ICMP, new byte[] {8}), "ICMP of 1 byte"));
        // Every ICMP type up to 44 (and a few above), with a code that varies.
        for (int type : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 44),
                java.util.stream.IntStream.of(100, 200, 253, 255)).toArray()) {
            out.add(v4(Ipv4.of(p.ipv4(), p.ipv4()).payload(Transport.icmp(type, type % 4 == 3 ? p.between(0, 15) : 0,
                    p.random().nextInt() & 0xffffffffL, p.bytes(p.between(0, 28)))), "ICMP type sweep " + type));
        }
        // Multicast boundaries and multicast sources.
        for (String d : new String[] {"224.0.0.0", "239.255.255.255", "240.0.0.1", "223.255.255.255",
                "255.255.255.255", "0.0.0.0"}) {
            out.add(v4(Ipv4.of(a, Addr.v4(d)).ttl(1).payload(ip.udp(p.port(), p.port())), "IPv4 to " + d));
        }
        out.add(v4(Ipv4.of(Addr.v4("224.0.0.1"), b).payload(ip.udp(5353, 5353)), "IPv4 from multicast"));
        // Network boundaries around the pools (10/8, 192.168/16, 172.16/12).
        for (String s : new String[] {"9.255.255.255", "11.0.0.0", "192.167.255.255", "192.169.0.0",
                "172.15.255.255", "172.31.255.255", "172.32.0.0", "10.0.0.0", "192.168.1.0"}) {
            out.add(v4(Ipv4.of(Addr.v4(s), p.ipv4()).payload(ip.tcp()), "IPv4 from " + s));
        }
        return out;
    }

    /** IPv6 corner packets (about 310). */
    public List<IpTraffic.L3> ipv6() {
        List<IpTraffic.L3> out = new ArrayList<>();
        byte[] a = Addr.v6("2001:db8::1");
        byte[] b = Addr.v6("fe80::2");
        for (int v : new int[] {0, 4, 5, 7, 15}) {
            out.add(v6(Ipv6.of(a, b).version(v).payload(ip.tcp()), "IPv6 version " + v));
        }
        for (int len : new int[] {0, 1, 8, 65535}) {
            out.add(v6(Ipv6.of(a, b).payloadLength(len).payload(ip.udp(53, 53)), "IPv6 payload length " + len));
        }
        // Every Next Header value after the fixed header, and after a fragment header.
        for (int nh = 0; nh < 256; nh++) {
            out.add(v6(Ipv6.of(p.ipv6(), p.chance(0.2) ? p.ipv6Multicast() : p.ipv6())
                    .payload(nh, portBytes(p.pick(List.of(80, 53, 443)), p.port())), "IPv6 next header sweep " + nh));
        }
        // A fragment header in front of each transport: first fragments with real headers, later ones with
        // port-looking bytes.
        for (int proto : new int[] {Tcp.PROTOCOL, Transport.UDP, Transport.ICMP6, Transport.SCTP, Transport.AH,
                Transport.ESP, Transport.NO_NEXT, 0, 60}) {
            out.add(v6(Ipv6.of(a, b).ext(new Ipv6Ext.Fragment(0, true, 7)).payload(proto, portBytes(80, 443)),
                    "IPv6 first fragment, next header " + proto));
            out.add(v6(Ipv6.of(b, a).ext(new Ipv6Ext.Fragment(p.between(1, 300), false, 7))
                    .payload(proto, portBytes(443, 80)), "IPv6 later fragment, next header " + proto));
        }
        out.add(v6(Ipv6.of(a, b).ext(new Ipv6Ext.Fragment(0, false, 9)).payload(ip.tcp()), "IPv6 atomic fragment TCP"));
        out.add(v6(Ipv6.of(a, b).ext(new Ipv6Ext.Fragment(0, false, 9)).payload(ip.udp(53, 1024)),
                "IPv6 atomic fragment UDP"));
        // The longest chain protochain walks, and chains that end or break early.
        out.add(v6(Ipv6.of(a, b)
                .ext(new Ipv6Ext.HopByHop(new byte[] {5, 2, 0, 0}))
                .ext(new Ipv6Ext.DestinationOptions(new byte[0]))
                .ext(new Ipv6Ext.Routing(0, 1, List.of(Addr.v6("2001:db8::2"))))
                .ext(new Ipv6Ext.Fragment(0, false, 3))
                .ext(new Ipv6Ext.Authentication(0x100, 1, 12))
                .ext(new Ipv6Ext.DestinationOptions(new byte[] {1, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .payload(ip.tcp()), "IPv6 six-header chain to TCP"));
        out.add(v6(Ipv6.of(a, b).ext(new Ipv6Ext.HopByHop(new byte[0])).ext(new Ipv6Ext.HopByHop(new byte[0]))
                .payload(Transport.icmp6(128, 0, new byte[4])), "IPv6 two hop-by-hop headers to ICMPv6"));
        out.add(v6(Ipv6.of(a, b).ext(new Ipv6Ext.DestinationOptions(new byte[0]))
                .payload(Transport.NO_NEXT, new byte[0]), "IPv6 destination options to no next header"));
        // A hop-by-hop header that claims more bytes than the packet has.
        byte[] broken = Ipv6.of(a, b).ext(new Ipv6Ext.HopByHop(new byte[0])).payload(ip.tcp()).build();
        broken[41] = (byte) 200;
        out.add(new IpTraffic.L3(Ipv6.ETHERTYPE, broken, ip.macFor6(b), "IPv6 hop-by-hop length beyond packet"));
        // An extension header chain cut short: the fixed header announces hop-by-hop, nothing follows.
        out.add(v6(Ipv6.of(a, b).payload(0, new byte[0]), "IPv6 announces hop-by-hop, no bytes"));
        out.add(v6(Ipv6.of(a, b).payload(Transport.ICMP6, new byte[] {(byte) 128}), "ICMPv6 of 1 byte"));
        // ICMPv6 errors, every informational type from 127 to 160, and a few others.
        for (int type : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 5),
                java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(127, 160),
                        java.util.stream.IntStream.of(100, 200, 255))).toArray()) {
            byte[] dst = type >= 130 && type <= 143 ? p.ipv6Multicast() : p.ipv6();
            out.add(v6(Ipv6.of(p.ipv6(), dst).hopLimit(255).payload(Transport.icmp6(type, type < 5 ? p.between(0, 6)
                    : 0, p.bytes(p.between(4, 28)))), "ICMPv6 type sweep " + type));
        }
        // Traffic class and flow label bits.
        for (int tc : new int[] {0x00, 0x01, 0x10, 0xb8, 0xff}) {
            out.add(v6(Ipv6.of(a, b).trafficClass(tc).flowLabel(tc == 0 ? 0xfffff : tc).payload(ip.tcp()),
                    "IPv6 traffic class " + tc));
        }
        // TCP data offsets and short TCP/UDP headers behind the fixed header.
        for (int n : new int[] {0, 2, 4, 13, 14, 19}) {
            byte[] seg = java.util.Arrays.copyOf(Tcp.ports(80, 8080).flags(Tcp.SYN).build().bytes(), n);
            out.add(v6(Ipv6.of(a, b).payload(Tcp.PROTOCOL, seg), "IPv6 TCP header of " + n + " bytes"));
        }
        // Multicast boundaries, multicast sources.
        for (String d : new String[] {"ff00::", "ff0f::1", "fe80::ffff", "ff02::1:ff00:2", "::"}) {
            out.add(v6(Ipv6.of(a, Addr.v6(d)).payload(ip.udp(p.port(), p.port())), "IPv6 to " + d));
        }
        out.add(v6(Ipv6.of(Addr.v6("ff02::1"), a).payload(ip.udp(547, 546)), "IPv6 from multicast"));
        for (String s : new String[] {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:ffff:ffff::",
                "2001:dc8::", "fe80::", "fe80:0:0:1::1", "febf::1"}) {
            out.add(v6(Ipv6.of(Addr.v6(s), p.ipv6()).payload(ip.tcp()), "IPv6 from " + s));
        }
        return out;
    }

    /** A few bytes that read as a transport header with the given ports, then filler. */
    private byte[] portBytes(int src, int dst) {
        return new ByteBuilder().u16(src).u16(dst).bytes(p.bytes(p.between(4, 20))).toByteArray();
    }

    private IpTraffic.L3 v4(Ipv4 packet, String note) {
        byte[] bytes = packet.build();
        return new IpTraffic.L3(Ipv4.ETHERTYPE, bytes, ip.macFor4(java.util.Arrays.copyOfRange(bytes, 16, 20)), note);
    }

    private IpTraffic.L3 v6(Ipv6 packet, String note) {
        byte[] bytes = packet.build();
        return new IpTraffic.L3(Ipv6.ETHERTYPE, bytes, ip.macFor6(java.util.Arrays.copyOfRange(bytes, 24, 40)), note);
    }
}
