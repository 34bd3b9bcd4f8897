package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The captures of the link types that carry a whole Ethernet frame with something around or inside its header:
 * Hilscher's netANALYZER (a 4-byte little-endian pseudo-header before the frame: error flags, the port; the
 * transparent mode also keeps the 7-byte preamble and the SFD), and the switch CPU-port captures with a 4-byte
 * Distributed Switch Architecture tag between the source address and the EtherType: Broadcom's (the opcode in the
 * top three bits says the direction) and Marvell's (the mode in the top two bits: To_CPU, From_CPU, To_Sniffer,
 * Forward). The Ethernet traffic is the one of {@code en10mb-mixed} (IPv4, IPv6, ARP, every non-IP kind in
 * Ethernet II, 802.3/802.2 and SNAP framing, broadcast and multicast destinations), with VLAN-tagged and MPLS
 * frames, the MAC corners, and the addresses, VLAN ids and labels that libpcap's accept tests of these link types
 * name, with partial matches of them.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_NETANALYZER.html">LINKTYPE_NETANALYZER</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_NETANALYZER_TRANSPARENT.html">
 *     LINKTYPE_NETANALYZER_TRANSPARENT</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_DSA_TAG_BRCM.html">LINKTYPE_DSA_TAG_BRCM</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_DSA_TAG_DSA.html">LINKTYPE_DSA_TAG_DSA</a>
 */
final class EthernetVariantCaptures {
    private EthernetVariantCaptures() {
    }

    /** netANALYZER error flags (the low byte of the pseudo-header): none, then each of the eight alone. */
    private static final List<Integer> ERROR_FLAGS = List.of(0, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80);
    /** The MAC addresses the accept tests of these link types name (a1:b2..., STP, two hosts, TESTrun's host). */
    private static final List<String> NAMED_MACS = List.of("a1:b2:c3:d4:e5:f6", "01:80:c2:00:00:00",
            "00:10:18:de:38:1e", "d6:c5:28:21:3e:af", "aa:00:04:00:14:0e", "ff:ff:ff:ff:ff:ff");

    /** Where the Ethernet header starts: after the pseudo-header (and preamble and SFD). */
    static int ethernetStart(TestPcap pcap) {
        return switch (pcap) {
            case NETANALYZER -> 4;
            case NETANALYZER_TRANSPARENT -> 12;
            default -> 0;
        };
    }

    /** Where libpcap reads the type field: after the addresses, and on the DSA link types the tag. */
    private static int typeField(TestPcap pcap) {
        return ethernetStart(pcap) + 12 + (isDsa(pcap) ? 4 : 0);
    }

    private static boolean isDsa(TestPcap pcap) {
        return pcap == TestPcap.DSA_TAG_BRCM || pcap == TestPcap.DSA_TAG_DSA;
    }

    /** Where libpcap looks for the network layer: after the type field, and after one or two VLAN tags. */
    static int[] networkOffsets(TestPcap pcap, byte[] frame) {
        int type = typeField(pcap);
        if (isTag(frame, type)) {
            return isTag(frame, type + 4) ? new int[] {type + 2, type + 6, type + 10} : new int[] {type + 2, type + 6};
        }
        return new int[] {type + 2};
    }

    private static boolean isTag(byte[] frame, int at) {
        if (at + 1 >= frame.length) {
            return false;
        }
        int type = (frame[at] & 0xff) << 8 | (frame[at + 1] & 0xff);
        return type == NonIp.VLAN || type == NonIp.QINQ || type == 0x9100;
    }

    /** The frames of {@code pcap}. */
    static List<Frame> frames(TestPcap pcap, java.util.Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        EncapTraffic encap = new EncapTraffic(p, ip, other);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        List<Frame> out = new ArrayList<>();
        // The mix: mostly IP, the corner pool, non-IP kinds, a few tagged and labelled frames.
        while (out.size() < 800) {
            int roll = p.random().nextInt(100);
            List<LinkPayload> payloads = new ArrayList<>();
            if (roll < 58) {
                ip.next().forEach(l3 -> payloads.add(LinkPayload.of(l3)));
            } else if (roll < 64) {
                payloads.add(LinkPayload.of(p.pick(cornerPool)));
            } else if (roll < 92) {
                payloads.add(other.next());
            } else if (roll < 96) {
                payloads.add(encap.vlanStack(p.between(1, 2), p.chance(0.7) ? encap.innerIp() : other.next()));
            } else {
                payloads.add(encap.mpls());
            }
            for (LinkPayload lp : payloads) {
                Frame f = frame(pcap, p, lp.toEthernet(p.mac(), p.chance(0.5)), lp.note());
                out.add(p.chance(0.02) ? f.truncatedTo(p.between(1, f.capturedLength())) : f);
            }
        }
        // Every non-IP kind, the IS-IS PDU types and the LLC controls, so each is there whatever the draw.
        for (int k = 0; k < NonIpTraffic.KINDS; k++) {
            for (int i = 0; i < 2; i++) {
                LinkPayload lp = other.kind(k);
                out.add(frame(pcap, p, lp.toEthernet(p.mac(), p.chance(0.5)), "sweep: " + lp.note()));
            }
        }
        for (LinkPayload lp : other.isisSweep()) {
            out.add(frame(pcap, p, lp.toEthernet(p.mac(), false), lp.note()));
        }
        for (LinkPayload lp : other.llcControlSweep()) {
            out.add(frame(pcap, p, lp.toEthernet(p.mac(), false), lp.note()));
        }
        out.addAll(Captures.macCorners(p, ip, (ethernet, note) -> frame(pcap, p, ethernet, note)));
        out.addAll(suiteFrames(pcap, p, ip));
        out.addAll(headerSweep(pcap, p, ip));
        out.addAll(cutsAndJunk(pcap, p, ip));
        return out;
    }

    /** {@code ethernet} (a whole Ethernet frame) as {@code pcap} carries it, with a random header of its kind. */
    private static Frame frame(TestPcap pcap, Pools p, byte[] ethernet, String note) {
        return switch (pcap) {
            case NETANALYZER, NETANALYZER_TRANSPARENT -> netAnalyzer(pcap, p.chance(0.85) ? 0 : p.pick(ERROR_FLAGS),
                    p.between(0, 3), ethernet, note);
            case DSA_TAG_BRCM -> brcm(p.chance(0.5) ? 0 : 1, p, ethernet, note);
            case DSA_TAG_DSA -> marvell(p.random().nextInt(4), p, ethernet, note);
            default -> throw new IllegalArgumentException(pcap.name());
        };
    }

    /**
     * A netANALYZER record: the pseudo-header, a 32-bit little-endian word (error flags in the low byte, then the
     * GPIO flag, the transparent-mode flag, the header version 1 in four bits, the port in two bits, the frame's
     * length in twelve bits), then (transparent mode) the preamble and SFD, then the frame and its FCS.
     */
    private static Frame netAnalyzer(TestPcap pcap, int errors, int port, byte[] ethernet, String note) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ethernet);
        byte[] withFcs = new ByteBuilder().bytes(ethernet).u32le(crc.getValue()).toByteArray();
        boolean transparent = pcap == TestPcap.NETANALYZER_TRANSPARENT;
        int length = withFcs.length + (transparent ? 8 : 0);
        ByteBuilder b = new ByteBuilder().u32le(errors | (transparent ? 0x200 : 0) | 1 << 10 | (port & 3) << 14
                | (long) (length & 0xfff) << 16);
        if (transparent) {
            b.fill(7, 0x55).u8(0xd5);
        }
        return Frame.of(b.bytes(withFcs).toByteArray(), "netANALYZER port " + port + " errors " + errors + ": "
                + note);
    }

    /**
     * A netANALYZER GPIO event: the GPIO flag in the pseudo-header, then a frame from 00:02:a2:ff:ff:ff of
     * EtherType 0x88ff whose first payload bytes give the event (type 0, the GPIO number, the edge).
     */
    private static Frame gpioEvent(TestPcap pcap, int gpio, int edge) {
        boolean transparent = pcap == TestPcap.NETANALYZER_TRANSPARENT;
        ByteBuilder b = new ByteBuilder().u32le(0x100 | (transparent ? 0x200 : 0) | 1 << 10 | (long) 64 << 16);
        if (transparent) {
            b.fill(7, 0x55).u8(0xd5);
        }
        b.fill(6, 0).u8(0x00).u8(0x02).u8(0xa2).fill(3, 0xff).u16(0x88ff).u8(0).u8(gpio).u8(edge);
        b.fill(64 + 4 + (transparent ? 8 : 0) - b.size(), 0);
        return Frame.of(b.toByteArray(), "netANALYZER GPIO " + gpio + " edge " + edge);
    }

    /** {@code ethernet} with {@code tag} inserted after the two addresses. */
    private static byte[] withTag(byte[] ethernet, byte[] tag) {
        int split = Math.min(12, ethernet.length);
        return new ByteBuilder().bytes(Arrays.copyOf(ethernet, split)).bytes(tag)
                .bytes(Arrays.copyOfRange(ethernet, split, ethernet.length)).toByteArray();
    }

    /**
     * A Broadcom-tagged frame. Opcode 0 (switch to CPU, inbound): the reason code and the source port; opcode 1
     * (CPU to switch, outbound): traffic class and the destination port map; other opcodes are reserved.
     */
    private static Frame brcm(int opcode, Pools p, byte[] ethernet, String note) {
        int port = p.between(0, 8);
        byte[] tag = opcode == 0
                ? new ByteBuilder().u8(0).u8(p.pick(List.of(0, 0, 0x01, 0x02, 0x04, 0x10))).u8(0).u8(port)
                        .toByteArray()
                : new ByteBuilder().u8(opcode << 5 | (opcode == 1 ? p.between(0, 7) << 2 : p.between(0, 31)))
                        .u8(0).u16(1 << port).toByteArray();
        return Frame.of(withTag(ethernet, tag), "BRCM opcode " + opcode + " port " + port + ": " + note);
    }

    /**
     * A Marvell DSA-tagged frame: the mode (To_CPU 0, From_CPU 1, To_Sniffer 2, Forward 3), the tagged bit, the
     * source device, the source port, the code or priority bits, and the VLAN TCI.
     */
    private static Frame marvell(int mode, Pools p, byte[] ethernet, String note) {
        int device = p.between(0, 3);
        int port = p.between(0, 10);
        boolean tagged = p.chance(0.3);
        byte[] tag = new ByteBuilder().u8(mode << 6 | (tagged ? 0x20 : 0) | device)
                .u8(port << 3 | p.between(0, 7)).u16(Encap.tci(p.between(0, 7), false, tagged ? p.between(1, 4094)
                        : 0)).toByteArray();
        return Frame.of(withTag(ethernet, tag), "DSA mode " + mode + " device " + device + " port " + port + ": "
                + note);
    }

    /**
     * What libpcap's accept tests of these link types look for: the addresses they name as either address, both, and
     * with the low four bytes kept but the high two changed (a two-load comparison matching its first load only);
     * 802.3 STP frames to 01:80:c2:00:00:00; VLAN ids 500, 8, 5, 10, 2061 over 2014 (and other pairs) with IPv4
     * multicast and unicast; MPLS labels 12345 and 6789 over IPv4 and IPv6 from 1.2.3.4 and 1234:5678:9abc::123;
     * ARP from 192.168.30.1; IPv4 from 192.168.1.1, with and without DF; ICMP echo requests and replies.
     */
    private static List<Frame> suiteFrames(TestPcap pcap, Pools p, IpTraffic ip) {
        List<Frame> out = new ArrayList<>();
        byte[] other = Addr.mac("02:00:00:00:00:01");
        byte[] udp = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2")).payload(ip.udp(53, 53)).build();
        byte[] stp = Link.llc(NonIp.SAP_STP, NonIp.SAP_STP, 0x03, NonIp.stpConfig(0, other, 0x8000, 4, 0x8001));
        for (String named : NAMED_MACS) {
            byte[] mac = Addr.mac(named);
            byte[] half = mac.clone();
            half[0] ^= 0x02;
            half[1] ^= 0x10;
            for (byte[][] pair : new byte[][][] {{mac, other}, {other, mac}, {mac, mac}, {half, other},
                    {other, half}, {half, mac}, {mac, half}}) {
                out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], Ipv4.ETHERTYPE, udp), "named MAC " + named));
            }
            out.add(frame(pcap, p, Link.ieee8023(mac, other, stp), "802.3 STP to " + named));
        }
        byte[] multicast = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("224.0.0.5")).payload(ip.udp(53, 53)).build();
        for (int vid : new int[] {500, 8, 5, 10, 501, 0x2000 | 500}) {
            LinkPayload v4 = LinkPayload.ethernet(Ipv4.ETHERTYPE, udp, other, "IPv4");
            LinkPayload llc = LinkPayload.llc(stp, Addr.mac("01:80:c2:00:00:00"), "STP");
            for (LinkPayload inner : List.of(v4, llc)) {
                LinkPayload tagged = Encap.vlan(NonIp.VLAN, vid, inner);
                out.add(frame(pcap, p, tagged.toEthernet(other, false), tagged.note()));
            }
        }
        for (int[] vids : new int[][] {{2061, 2014}, {2061, 2015}, {2014, 2061}, {2060, 2014}}) {
            for (int tpid : new int[] {NonIp.VLAN, NonIp.QINQ}) {
                for (byte[] payload : new byte[][] {multicast, udp}) {
                    LinkPayload inner = LinkPayload.ethernet(Ipv4.ETHERTYPE, payload, other, "IPv4");
                    LinkPayload stack = Encap.vlan(tpid, vids[0], Encap.vlan(NonIp.VLAN, vids[1], inner));
                    out.add(frame(pcap, p, stack.toEthernet(p.mac(), false), stack.note()));
                }
            }
        }
        byte[] from4 = Ipv4.of(Addr.v4("1.2.3.4"), Addr.v4("10.0.0.2")).payload(Tcp.ports(80, 1025)
                .flags(Tcp.ACK).build()).build();
        byte[] other4 = Ipv4.of(Addr.v4("1.2.3.5"), Addr.v4("10.0.0.2")).payload(Tcp.ports(80, 1025)
                .flags(Tcp.ACK).build()).build();
        List<byte[]> from6 = new ArrayList<>();
        for (String src : new String[] {"1234:5678:9abc::123", "1234:5678:9abc::124", "1234:5679::123",
                "1234:5678:9abd::123", "1234:5678:9abc:1::123", "1234:5678:9abc:0:1::123"}) {
            from6.add(Ipv6.of(Addr.v6(src), Addr.v6("fe80::1")).payload(Tcp.ports(80, 1025).flags(Tcp.ACK).build())
                    .build());
        }
        for (int[] labels : new int[][] {{12345}, {12345, 6789}, {12346}, {12345, 6788}, {6789, 12345}}) {
            List<byte[]> payloads = new ArrayList<>(List.of(from4, other4));
            payloads.addAll(from6);
            for (byte[] payload : payloads) {
                long[] stack = new long[labels.length];
                for (int i = 0; i < labels.length; i++) {
                    stack[i] = Encap.label(labels[i], 0, i == labels.length - 1, 64);
                }
                LinkPayload mpls = Encap.mpls(NonIp.MPLS, stack, payload, other, "MPLS " + Arrays.toString(labels));
                out.add(frame(pcap, p, mpls.toEthernet(p.mac(), false), mpls.note()));
            }
        }
        // TESTrun's host (aa:00:04:00:14:0e, 10.20.30.40) as either address, with and without its IPv4 address.
        byte[] testrun = Addr.mac("aa:00:04:00:14:0e");
        for (byte[][] pair : new byte[][][] {{testrun, other}, {other, testrun}}) {
            for (String host : new String[] {"10.20.30.40", "10.20.30.41"}) {
                byte[] h = Addr.v4(host);
                byte[] peer = Addr.v4("10.0.0.2");
                for (byte[][] ends : new byte[][][] {{h, peer}, {peer, h}}) {
                    out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], Ipv4.ETHERTYPE, Ipv4.of(ends[0], ends[1])
                            .payload(Tcp.ports(80, 1025).flags(Tcp.ACK).build()).build()), "TESTrun host, IPv4"));
                }
                out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], NonIp.ARP, NonIp.arp(1, p.mac(), h,
                        new byte[6], peer)), "TESTrun host, ARP request from " + host));
                out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], NonIp.ARP, NonIp.arp(2, p.mac(), peer,
                        p.mac(), h)), "TESTrun host, ARP reply to " + host));
                out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], NonIp.RARP, NonIp.arp(3, p.mac(), h,
                        p.mac(), peer)), "TESTrun host, RARP from " + host));
                out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], NonIp.RARP, NonIp.arp(4, p.mac(), peer,
                        p.mac(), h)), "TESTrun host, RARP reply to " + host));
            }
            out.add(frame(pcap, p, Link.ethernet(pair[0], pair[1], Ipv6.ETHERTYPE, Ipv6.of(Addr.v6("fe80::1"),
                    Addr.v6("fe80::2")).payload(Tcp.ports(1, 2).flags(Tcp.ACK).build()).build()), "TESTrun host, IPv6"));
        }
        // 802.2 and SNAP headers that match a protocol's test but for one field (the control byte, the OUI),
        // padded so that the tests' loads reach them.
        for (byte[] llc : new byte[][] {{(byte) 0xe0, (byte) 0xe0, 0x03}, {(byte) 0xff, (byte) 0xff},
                {(byte) 0xaa, (byte) 0xaa, 0x00, 0, 0, 0, (byte) 0x81, 0x37},
                {(byte) 0xaa, (byte) 0xaa, 0x00, 0x08, 0x00, 0x07, (byte) 0x80, (byte) 0x9b},
                {(byte) 0xaa, (byte) 0xaa, 0x00, 0, 0, 0, (byte) 0x80, (byte) 0xf3},
                {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0, (byte) 0x81, 0x37},
                {(byte) 0xaa, (byte) 0xaa, 0x03, 0x08, 0x00, 0x07, (byte) 0x80, (byte) 0x9b},
                {(byte) 0xaa, (byte) 0xaa, 0x03, 0, 0, 0, (byte) 0x80, (byte) 0xf3}, {0x42, 0x42, 0x03}}) {
            byte[] pdu = new ByteBuilder().bytes(llc).fill(24, 0).toByteArray();
            out.add(frame(pcap, p, Link.ieee8023(Addr.mac("01:80:c2:00:00:00"), other, pdu), "802.2 partial match"));
        }
        // Two tags whose inner one is not a VLAN tag, or whose payload is not IPv4; a third TPID outside.
        for (int inner : new int[] {NonIp.QINQ, 0x9100, Ipv4.ETHERTYPE}) {
            byte[] frame = new ByteBuilder().bytes(p.mac()).bytes(other).u16(NonIp.VLAN).u16(2061).u16(inner)
                    .u16(2014).u16(Ipv4.ETHERTYPE).bytes(multicast).toByteArray();
            out.add(frame(pcap, p, frame, "VLAN 2061, inner TPID " + inner));
        }
        for (int outer : new int[] {0x9100, NonIp.VLAN}) {
            LinkPayload v6 = LinkPayload.ethernet(Ipv6.ETHERTYPE, from6.getFirst(), other, "IPv6");
            LinkPayload stack = Encap.vlan(outer, 2061, Encap.vlan(NonIp.VLAN, 2014, v6));
            out.add(frame(pcap, p, stack.toEthernet(p.mac(), false), stack.note()));
        }
        for (FilledPackets.Filled f : FilledPackets.packets()) {
            out.add(frame(pcap, p, Link.ethernet(p.mac(), p.mac(), f.etherType(), f.bytes()), f.note()));
        }
        for (String sender : new String[] {"192.168.30.1", "192.168.30.2"}) {
            for (int op : new int[] {1, 2}) {
                byte[] arp = NonIp.arp(op, p.mac(), Addr.v4(sender), new byte[6], Addr.v4("192.168.30.254"));
                out.add(frame(pcap, p, Link.ethernet(Addr.mac("ff:ff:ff:ff:ff:ff"), p.mac(), NonIp.ARP, arp),
                        "ARP from " + sender));
            }
        }
        for (String src : new String[] {"192.168.1.1", "192.168.1.2"}) {
            for (boolean df : new boolean[] {false, true}) {
                for (int type : new int[] {8, 0, 3}) {
                    byte[] icmp = Ipv4.of(Addr.v4(src), Addr.v4("10.0.0.1")).dontFragment(df)
                            .payload(Transport.icmp(type, 0, 0x00010001L, p.bytes(16))).build();
                    out.add(frame(pcap, p, Link.ethernet(p.mac(), p.mac(), Ipv4.ETHERTYPE, icmp), "ICMP type "
                            + type + " from " + src + (df ? " DF" : "")));
                }
            }
        }
        return out;
    }

    /**
     * Every value of the link header's fields that libpcap tests: on netANALYZER every error flag and port; on
     * Broadcom every opcode; on Marvell every mode with and without the tagged bit; each with IPv4, IPv6, ARP and an
     * 802.2 frame.
     */
    private static List<Frame> headerSweep(TestPcap pcap, Pools p, IpTraffic ip) {
        List<Frame> out = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (LinkPayload lp : List.of(LinkPayload.of(ip.nextV4().getFirst()), LinkPayload.of(ip.nextV6().getFirst()),
                LinkPayload.ethernet(NonIp.ARP, NonIp.arp(1, p.mac(), p.ipv4(), new byte[6], p.ipv4()),
                        Addr.mac("ff:ff:ff:ff:ff:ff"), "ARP"),
                LinkPayload.llc(Link.llc(NonIp.SAP_STP, NonIp.SAP_STP, 0x03, NonIp.stpTcn()),
                        Addr.mac("01:80:c2:00:00:00"), "STP TCN"))) {
            frames.add(lp.toEthernet(p.mac(), false));
        }
        for (byte[] ethernet : frames) {
            switch (pcap) {
                case NETANALYZER, NETANALYZER_TRANSPARENT -> {
                    for (int errors : ERROR_FLAGS) {
                        out.add(netAnalyzer(pcap, errors, errors % 4, ethernet, "header sweep"));
                    }
                    for (int port = 0; port < 4; port++) {
                        out.add(netAnalyzer(pcap, 0, port, ethernet, "header sweep"));
                        out.add(gpioEvent(pcap, port, port % 2));
                    }
                }
                case DSA_TAG_BRCM -> {
                    for (int opcode = 0; opcode < 8; opcode++) {
                        out.add(brcm(opcode, p, ethernet, "header sweep"));
                    }
                }
                case DSA_TAG_DSA -> {
                    for (int mode = 0; mode < 4; mode++) {
                        for (int i = 0; i < 2; i++) {
                            out.add(marvell(mode, p, ethernet, "header sweep"));
                        }
                    }
                }
                default -> throw new IllegalArgumentException(pcap.name());
            }
        }
        return out;
    }

    /**
     * Frames cut at every byte of the link header and the start of the network header, nothing captured of a
     * frame, one byte, runts, header-only frames, snapshot-length cuts, random bytes.
     */
    private static List<Frame> cutsAndJunk(TestPcap pcap, Pools p, IpTraffic ip) {
        List<Frame> out = new ArrayList<>();
        int type = typeField(pcap);
        for (int i = 0; i < 3; i++) {
            IpTraffic.L3 l3 = i == 1 ? ip.nextV6().getFirst() : ip.nextV4().getFirst();
            Frame whole = frame(pcap, p, LinkPayload.of(l3).toEthernet(p.mac(), false), l3.note());
            int end = Math.min(whole.capturedLength(), type + 2 + 44);
            for (int cut = 0; cut < end; cut += cut < type + 2 ? 1 : 3) {
                if (i == 0 || cut % 2 == i % 2) {
                    out.add(whole.truncatedTo(cut));
                }
            }
        }
        for (int t : new int[] {Ipv4.ETHERTYPE, Ipv6.ETHERTYPE, NonIp.ARP, 0x05dc, 0x0600, NonIp.VLAN}) {
            out.add(frame(pcap, p, Link.ethernet(p.mac(), p.mac(), t, new byte[0]), "header only, type " + t));
        }
        for (int i = 0; i < 10; i++) {
            IpTraffic.L3 l3 = ip.next().getFirst();
            Frame f = frame(pcap, p, LinkPayload.of(l3).toEthernet(p.mac(), false), l3.note());
            out.add(i % 3 == 0 ? f : f.truncatedTo(p.pick(List.of(54, 68, 96))));
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        out.addAll(EdgeRecords.random(p, 30, 120, 0.3, 60));
        return out;
    }
}
