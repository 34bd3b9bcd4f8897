package dev.jfilter.bench;

import dev.jfilter.testpcaps.gen.Addr;
import dev.jfilter.testpcaps.gen.ByteBuilder;
import dev.jfilter.testpcaps.gen.Frame;
import dev.jfilter.testpcaps.gen.Ipv4;
import dev.jfilter.testpcaps.gen.Ipv6;
import dev.jfilter.testpcaps.gen.Link;
import dev.jfilter.testpcaps.gen.NonIp;
import dev.jfilter.testpcaps.gen.Payload;
import dev.jfilter.testpcaps.gen.PcapWriter;
import dev.jfilter.testpcaps.gen.Tcp;
import dev.jfilter.testpcaps.gen.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The packets of the per-packet benchmark ({@link PacketBenchmark} and {@code bench/native/bpf_filter_bench.c}):
 * {@value #COUNT} Ethernet frames, the same on every run, in a mix like a LAN uplink's: mostly IPv4 TCP (web, SSH,
 * and their acknowledgments), UDP (DNS, media on ports 5000-6000, QUIC, NTP), ICMP, IPv6, ARP, a few fragments,
 * some frames with an 802.1Q tag, a little LLDP and spanning tree. The hosts, ports and MAC address the benchmark's
 * filters name ({@link BenchFilters}) appear in a share of the packets, and so do a few of the 1000 hosts of
 * {@value BenchFilters#HOSTS_1000}, so that every filter accepts some packets and rejects others. Frames are
 * captured whole, {@value #MIN_FRAME} to {@value #MAX_FRAME} bytes, about half of them small and a third full-sized.
 *
 * <p>Built with test-pcaps' header builders (checksums filled in); {@link #pcap()} is the capture file the C harness
 * reads, so both sides filter the same bytes.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-savefile.5.html">pcap-savefile(5)</a>
 */
public final class BenchPackets {
    /**
     * The number of packets: 2048 frames of 600-odd bytes on average, about 1.3 MB, whose headers (what filters
     * read) fit in a core's L2 cache, like one block of a streamed capture.
     */
    public static final int COUNT = 2048;
    /** The seed: the same packets on every run. */
    public static final long SEED = 20260105L;
    /** The smallest frame (Ethernet's minimum without the frame check sequence). */
    public static final int MIN_FRAME = 60;
    /** The largest frame (a 1500-byte MTU and the 14-byte Ethernet header). */
    public static final int MAX_FRAME = 1514;
    /** The MAC address {@code ether-host} names: the gateway, at one end of a sixth of the frames. */
    public static final String GATEWAY_MAC = "00:11:22:33:44:55";

    private static final byte[] GATEWAY = Addr.mac(GATEWAY_MAC);
    private static final byte[] BROADCAST = Addr.mac("ff:ff:ff:ff:ff:ff");
    private static final int ETHER_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int UDP_HEADER = 8;

    /** What a frame carries, with its share of the frames in thousandths. */
    private enum Kind {
        IPV4_TCP(560), IPV4_UDP(150), IPV4_ICMP(30), IPV4_OTHER(10),
        IPV6_TCP(110), IPV6_UDP(60), IPV6_ICMP(20),
        ARP(40), LINK_CONTROL(20);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** Where the frame's payload starts and how much room the L3 packet has. */
    private record Room(boolean tagged, int l3) {}

    /** A conversation's ends: the client's and the server's address and port, and which way this packet goes. */
    private record Ends(byte[] client, byte[] server, int clientPort, int serverPort, boolean toServer) {
        byte[] src() {
            return toServer ? client : server;
        }

        byte[] dst() {
            return toServer ? server : client;
        }

        int srcPort() {
            return toServer ? clientPort : serverPort;
        }

        int dstPort() {
            return toServer ? serverPort : clientPort;
        }
    }

    private final Random r;
    private final byte[][] stations;
    private final List<Integer> listedHosts = BenchFilters.hostAddresses(1000);

    private BenchPackets(Random r) {
        this.r = r;
        this.stations = new byte[24][];
        for (int i = 0; i < stations.length; i++) {
            byte[] mac = new byte[6];
            r.nextBytes(mac);
            mac[0] = (byte) ((mac[0] & 0xfc) | 0x02); // locally administered, unicast
            stations[i] = mac;
        }
    }

    /** The benchmark's frames, in capture order. */
    public static List<Frame> frames() {
        BenchPackets g = new BenchPackets(new Random(SEED));
        List<Frame> frames = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            frames.add(g.next());
        }
        return List.copyOf(frames);
    }

    /** The frames as a pcap file (Ethernet, microsecond timestamps, snapshot length 262144). */
    public static byte[] pcap() {
        return PcapWriter.write(Link.LINKTYPE_ETHERNET, frames());
    }

    private Frame next() {
        Kind kind = pickKind();
        boolean tagged = switch (kind) {
            case LINK_CONTROL -> false;
            case IPV4_TCP, IPV4_UDP, IPV4_ICMP, IPV4_OTHER, IPV6_TCP, IPV6_UDP, IPV6_ICMP, ARP -> r.nextInt(10) == 0;
        };
        Room room = new Room(tagged, MAX_FRAME - ETHER_HEADER - (tagged ? VLAN_TAG : 0));
        byte[] near = r.nextInt(6) == 0 ? GATEWAY : station();
        byte[] far = station();
        boolean outbound = r.nextBoolean();
        byte[] srcMac = outbound ? near : far;
        byte[] dstMac = outbound ? far : near;
        return switch (kind) {
            case IPV4_TCP -> ethernet(dstMac, srcMac, Ipv4.ETHERTYPE, ipv4Tcp(room), room, "IPv4 TCP");
            case IPV4_UDP -> ethernet(dstMac, srcMac, Ipv4.ETHERTYPE, ipv4Udp(room), room, "IPv4 UDP");
            case IPV4_ICMP -> ethernet(dstMac, srcMac, Ipv4.ETHERTYPE, ipv4Icmp(room), room, "IPv4 ICMP");
            case IPV4_OTHER -> ethernet(dstMac, srcMac, Ipv4.ETHERTYPE, ipv4Other(), room, "IPv4 GRE/ESP/IGMP");
            case IPV6_TCP -> ethernet(dstMac, srcMac, Ipv6.ETHERTYPE, ipv6Tcp(room), room, "IPv6 TCP");
            case IPV6_UDP -> ethernet(dstMac, srcMac, Ipv6.ETHERTYPE, ipv6Udp(room), room, "IPv6 UDP");
            case IPV6_ICMP -> ethernet(dstMac, srcMac, Ipv6.ETHERTYPE, ipv6Icmp(room), room, "ICMPv6");
            case ARP -> arp(srcMac, room);
            case LINK_CONTROL -> linkControl(srcMac);
        };
    }

    private Kind pickKind() {
        int total = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
        int x = r.nextInt(total);
        for (Kind k : Kind.values()) {
            x -= k.weight;
            if (x < 0) {
                return k;
            }
        }
        throw new AssertionError("weights sum to " + total);
    }

    // ---- IPv4

    private byte[] ipv4Tcp(Room room) {
        Ends ends = new Ends(clientV4(), serverV4(), ephemeralPort(), tcpServerPort(), r.nextBoolean());
        Payload tcp = tcpSegment(ends, room.l3() - IPV4_HEADER);
        return fragmentSometimes(Ipv4.of(ends.src(), ends.dst()).id(r.nextInt(65536)).dontFragment(true), tcp);
    }

    private byte[] ipv4Udp(Room room) {
        Ends ends = udpEnds(clientV4(), serverV4());
        Payload udp = Transport.udp(ends.srcPort(), ends.dstPort(),
                random(udpDataLength(ends, room.l3() - IPV4_HEADER - UDP_HEADER)));
        return fragmentSometimes(Ipv4.of(ends.src(), ends.dst()).id(r.nextInt(65536)), udp);
    }

    private byte[] ipv4Icmp(Room room) {
        byte[] a = clientV4();
        byte[] b = serverV4();
        int p = r.nextInt(10);
        Payload icmp = p < 8
                // Echo request or reply: ping's 56 bytes, now and then a large one.
                ? Transport.icmp(r.nextBoolean() ? 8 : 0, 0, r.nextInt() & 0xffffffffL,
                        random(p == 7 ? 1000 + r.nextInt(room.l3() - IPV4_HEADER - 8 - 1000 + 1) : 56))
                // Destination unreachable, quoting an IP header and 8 bytes.
                : Transport.icmp(3, r.nextInt(4), 0, random(28));
        return fragmentSometimes(Ipv4.of(a, b).ttl(r.nextBoolean() ? 64 : 128), icmp);
    }

    private byte[] ipv4Other() {
        return switch (r.nextInt(3)) {
            case 0 -> Ipv4.of(clientV4(), serverV4()).payload(Transport.GRE, random(40 + r.nextInt(400))).build();
            case 1 -> Ipv4.of(clientV4(), serverV4()).payload(Transport.ESP, random(60 + r.nextInt(1000))).build();
            default -> Ipv4.of(clientV4(), Addr.v4("224.0.0.22")).ttl(1)
                    .payload(Transport.igmp(0x16, 0, Addr.v4("239.1.1." + (1 + r.nextInt(254))), new byte[0])).build();
        };
    }

    /**
     * Two in a hundred packets are first fragments (more fragments, offset 0) and two are later ones (an offset,
     * data only): what {@code ip[6:2] & 0x1fff = 0} tells apart.
     */
    private byte[] fragmentSometimes(Ipv4 packet, Payload payload) {
        int p = r.nextInt(100);
        if (p < 2) {
            return packet.dontFragment(false).payload(payload).fragment(0, true).build();
        }
        if (p < 4) {
            byte[] data = random(Math.max(8, payload.bytes().length));
            return packet.dontFragment(false).payload(payload.protocol(), data).fragment(185 * (1 + r.nextInt(3)),
                    r.nextBoolean()).build();
        }
        return packet.payload(payload).build();
    }

    /** A client: mostly 192.168.0.0/16 (192.168.1.1 among them), else 172.16.0.0/12 or 10.1.0.0/16. */
    private byte[] clientV4() {
        int p = r.nextInt(100);
        if (p < 8) {
            return Addr.v4("192.168.1.1");
        }
        if (p < 55) {
            return v4(192, 168, r.nextInt(4), 2 + r.nextInt(253));
        }
        if (p < 80) {
            return v4(172, 16 + r.nextInt(16), r.nextInt(256), 1 + r.nextInt(254));
        }
        return v4(10, 1 + r.nextInt(8), r.nextInt(256), 1 + r.nextInt(254));
    }

    /** A server: 10.0.0.1 and its neighbours, the gateway 192.168.1.1, one of hosts-1000, or the Internet. */
    private byte[] serverV4() {
        int p = r.nextInt(100);
        if (p < 15) {
            return Addr.v4("10.0.0.1");
        }
        if (p < 30) {
            return v4(10, 0, r.nextInt(4), 2 + r.nextInt(253));
        }
        if (p < 35) {
            return Addr.v4("192.168.1.1");
        }
        if (p < 39) {
            int a = listedHosts.get(r.nextInt(listedHosts.size()));
            return v4(a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
        }
        int first;
        do {
            first = 1 + r.nextInt(223);
        } while (first == 10 || first == 127 || first == 172 || first == 192);
        return v4(first, r.nextInt(256), r.nextInt(256), 1 + r.nextInt(254));
    }

    // ---- IPv6

    private byte[] ipv6Tcp(Room room) {
        Ends ends = new Ends(clientV6(), serverV6(), ephemeralPort(), tcpServerPort(), r.nextBoolean());
        return Ipv6.of(ends.src(), ends.dst()).flowLabel(r.nextInt(1 << 20))
                .payload(tcpSegment(ends, room.l3() - IPV6_HEADER)).build();
    }

    private byte[] ipv6Udp(Room room) {
        Ends ends = udpEnds(clientV6(), serverV6());
        return Ipv6.of(ends.src(), ends.dst()).payload(Transport.udp(ends.srcPort(), ends.dstPort(),
                random(udpDataLength(ends, room.l3() - IPV6_HEADER - UDP_HEADER)))).build();
    }

    private byte[] ipv6Icmp(Room room) {
        byte[] a = clientV6();
        if (r.nextInt(3) == 0) {
            // Neighbour solicitation to the target's solicited-node group.
            byte[] target = clientV6();
            byte[] group = Addr.v6("ff02::1:ff00:0");
            System.arraycopy(target, 13, group, 13, 3);
            byte[] body = new ByteBuilder().u32(0).bytes(target).toByteArray();
            return Ipv6.of(a, group).hopLimit(255).payload(Transport.icmp6(135, 0, body)).build();
        }
        byte[] echo = new ByteBuilder().u16(r.nextInt(65536)).u16(r.nextInt(65536)).bytes(random(56)).toByteArray();
        return Ipv6.of(a, serverV6()).payload(Transport.icmp6(r.nextBoolean() ? 128 : 129, 0, echo)).build();
    }

    private byte[] clientV6() {
        byte[] a = Addr.v6("2001:db8:1::");
        fillInterfaceId(a);
        return a;
    }

    private byte[] serverV6() {
        byte[] a = r.nextInt(3) == 0 ? Addr.v6("2001:db8:ffff::") : Addr.v6("2a00:1450::");
        a[4] = (byte) r.nextInt(256);
        a[5] = (byte) r.nextInt(256);
        fillInterfaceId(a);
        return a;
    }

    private void fillInterfaceId(byte[] a) {
        for (int i = 8; i < 16; i++) {
            a[i] = (byte) r.nextInt(256);
        }
    }

    // ---- Transport

    /** The services a TCP client talks to: HTTPS, HTTP, an HTTP proxy, SSH, MySQL, SMTP, and anything else. */
    private int tcpServerPort() {
        int p = r.nextInt(100);
        if (p < 35) {
            return 443;
        }
        if (p < 55) {
            return 80;
        }
        if (p < 61) {
            return 8080;
        }
        if (p < 71) {
            return 22;
        }
        if (p < 75) {
            return 3306;
        }
        if (p < 78) {
            return 25;
        }
        return 1024 + r.nextInt(64512);
    }

    private int ephemeralPort() {
        return 32768 + r.nextInt(28232);
    }

    /**
     * A segment of a conversation: a handshake or teardown now and then (with the usual options), otherwise an
     * acknowledgment (no data) or data up to a full frame.
     */
    private Payload tcpSegment(Ends ends, int room) {
        int p = r.nextInt(100);
        int flags = p < 5 ? Tcp.SYN : p < 8 ? Tcp.SYN | Tcp.ACK : p < 12 ? Tcp.FIN | Tcp.ACK
                : p < 14 ? Tcp.RST | Tcp.ACK : p < 60 ? Tcp.ACK : Tcp.PSH | Tcp.ACK;
        long seq = r.nextInt() & 0xffffffffL;
        long ack = (flags & Tcp.ACK) != 0 ? r.nextInt() & 0xffffffffL : 0;
        Tcp tcp = Tcp.ports(ends.srcPort(), ends.dstPort()).flags(flags).seqAck(seq, ack)
                .window(1024 + r.nextInt(64512));
        if ((flags & Tcp.SYN) != 0) {
            return tcp.options(Tcp.synOptions(1460, seq, 7)).build();
        }
        byte[] options = Tcp.timestamps(r.nextInt() & 0xffffffffL, r.nextInt() & 0xffffffffL);
        int max = room - 20 - options.length;
        int length = (flags & (Tcp.FIN | Tcp.RST)) != 0 ? 0
                : flags == Tcp.ACK && r.nextInt(10) < 7 ? 0
                : r.nextInt(10) < 6 ? max
                : 1 + r.nextInt(max);
        return tcp.options(options).data(random(length)).build();
    }

    /** A UDP exchange: DNS, media on ports 5000-6000, QUIC, NTP, or some other service. */
    private Ends udpEnds(byte[] client, byte[] server) {
        boolean toServer = r.nextBoolean();
        int p = r.nextInt(100);
        if (p < 35) {
            return new Ends(client, server, ephemeralPort(), 53, toServer);
        }
        if (p < 55) {
            // RTP: the media port in 5000-6000 on the server, an even port from the usual range on the client.
            return new Ends(client, server, 16384 + 2 * r.nextInt(8192), 5000 + 2 * r.nextInt(501), toServer);
        }
        if (p < 72) {
            return new Ends(client, server, ephemeralPort(), 443, toServer);
        }
        if (p < 80) {
            return new Ends(client, server, 123, 123, toServer);
        }
        return new Ends(client, server, 1024 + r.nextInt(64512), 1024 + r.nextInt(64512), toServer);
    }

    private int udpDataLength(Ends ends, int max) {
        return switch (ends.serverPort()) {
            case 53 -> ends.toServer() ? 20 + r.nextInt(40) : 40 + r.nextInt(260);
            case 443 -> r.nextBoolean() ? Math.min(max, 1200 + r.nextInt(153)) : 30 + r.nextInt(70);
            case 123 -> 48;
            default -> ends.serverPort() >= 5000 && ends.serverPort() <= 6000 ? 172 : 20 + r.nextInt(max - 19);
        };
    }

    // ---- Link layer

    private Frame arp(byte[] srcMac, Room room) {
        byte[] sender = clientV4();
        byte[] target = r.nextInt(3) == 0 ? Addr.v4("192.168.1.1") : clientV4();
        boolean request = r.nextInt(3) != 0;
        byte[] body = request
                ? NonIp.arp(1, srcMac, sender, new byte[6], target)
                : NonIp.arp(2, srcMac, sender, station(), target);
        return ethernet(request ? BROADCAST : station(), srcMac, NonIp.ARP, body, room,
                request ? "ARP request" : "ARP reply");
    }

    /** LLDP to the nearest-bridge group, or a spanning-tree BPDU in an 802.3 frame with LLC. */
    private Frame linkControl(byte[] srcMac) {
        if (r.nextBoolean()) {
            return Frame.of(Link.ethernetPadded(Addr.mac("01:80:c2:00:00:0e"), srcMac, NonIp.LLDP,
                    random(60 + r.nextInt(200))), "LLDP");
        }
        byte[] llc = Link.llc(NonIp.SAP_STP, NonIp.SAP_STP, 0x03, NonIp.stpConfig(2, GATEWAY, 32768, 0, 0x8001));
        return Frame.of(pad(Link.ieee8023(Addr.mac("01:80:c2:00:00:00"), srcMac, llc)), "STP");
    }

    private Frame ethernet(byte[] dst, byte[] src, int etherType, byte[] l3, Room room, String note) {
        if (l3.length > room.l3()) {
            throw new IllegalStateException(note + ": " + l3.length + " bytes, room for " + room.l3());
        }
        if (room.tagged()) {
            int tci = (r.nextInt(8) << 13) | List.of(10, 20, 100, 200).get(r.nextInt(4));
            return Frame.of(pad(Link.tagged(dst, src, NonIp.VLAN, tci, etherType, l3)), note + " in VLAN");
        }
        return Frame.of(Link.ethernetPadded(dst, src, etherType, l3), note);
    }

    private static byte[] pad(byte[] frame) {
        return frame.length >= MIN_FRAME ? frame : Arrays.copyOf(frame, MIN_FRAME);
    }

    private byte[] station() {
        return stations[r.nextInt(stations.length)];
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }
}
