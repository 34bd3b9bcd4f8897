package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The recipe of each committed capture: which traffic, which corner cases, which link-header variants, in which
 * order. Each capture has its own fixed seed, so changing one recipe leaves the other files as they are.
 */
public final class Captures {
    private Captures() {
    }

    /**
     * The frames of {@code pcap}, the same on every run. Frames on which libpcap's {@code protochain} program would
     * loop forever are left out (see {@link ProtochainGuard}).
     */
    public static List<Frame> frames(TestPcap pcap) {
        return recipe(pcap).stream()
                .filter(f -> !ProtochainGuard.mayLoopForever(f.data(), networkOffsets(pcap, f.data())))
                .toList();
    }

    /** Where libpcap looks for the network layer of {@code frame}: after the link header, and any VLAN tags. */
    static int[] networkOffsets(TestPcap pcap, byte[] frame) {
        return switch (pcap) {
            case EN10MB_MIXED, EN10MB_CORNERS -> isTag(frame, 12) ? isTag(frame, 16) ? new int[] {14, 18, 22}
                    : new int[] {14, 18} : new int[] {14};
            // Behind tags, labels, PPPoE and tunnels an IP header can start anywhere: guard every offset.
            case EN10MB_ENCAP, LINUX_SLL_ENCAP, LINUX_SLL2_ENCAP -> everyOffset(frame);
            case RAW, IPV4, IPV6 -> new int[] {0};
            case LINUX_SLL -> new int[] {16};
            case LINUX_SLL2 -> new int[] {20};
            case NULL, LOOP -> new int[] {4};
            case FDDI, IEEE802, IP_OVER_FC, ATM_RFC1483, ATM_CLIP, SUNATM -> LlcCaptures.networkOffsets(pcap);
            case PFLOG -> frame.length == 0 ? new int[] {0} : new int[] {((frame[0] & 0xff) + 3) & ~3};
            case MTP2, MTP3 -> new int[] {};
            case IEEE802_11, IEEE802_11_RADIO, IEEE802_11_RADIO_AVS, PRISM_HEADER, PPI ->
                    WlanCaptures.networkOffsets(pcap, frame);
            case PPP, PPP_PPPD, PPP_SERIAL, PPP_ETHER, PPP_BSDOS, C_HDLC, FRELAY, SLIP, SLIP_BSDOS, JUNIPER_MFR, IPNET,
                    ENC, LTALK, SYMANTEC_FIREWALL, APPLE_IP_OVER_IEEE1394 -> SerialCaptures.networkOffsets(pcap, frame);
            case NETANALYZER, NETANALYZER_TRANSPARENT, DSA_TAG_BRCM, DSA_TAG_DSA ->
                    EthernetVariantCaptures.networkOffsets(pcap, frame);
            case ARCNET, ARCNET_LINUX, BACNET_MS_TP -> Mac8Captures.networkOffsets(pcap, frame);
        };
    }

    /** The frames of {@code pcap} before the protochain guard. */
    static List<Frame> recipe(TestPcap pcap) {
        return switch (pcap) {
            case EN10MB_MIXED -> en10mbMixed(new Random(0x10_01L));
            case EN10MB_CORNERS -> en10mbCorners(new Random(0x10_02L));
            case EN10MB_ENCAP -> en10mbEncap(new Random(0x10_0aL));
            case RAW -> raw(new Random(0x10_03L));
            case IPV4 -> singleVersion(new Random(0x10_04L), 4);
            case IPV6 -> singleVersion(new Random(0x10_05L), 6);
            case LINUX_SLL -> linuxSll(new Random(0x10_06L));
            case LINUX_SLL2 -> linuxSll2(new Random(0x10_07L));
            case LINUX_SLL_ENCAP -> cookedEncap(new Random(0x10_0bL), false);
            case LINUX_SLL2_ENCAP -> cookedEncap(new Random(0x10_0cL), true);
            case NULL -> nullLoopback(new Random(0x10_08L));
            case LOOP -> loop(new Random(0x10_09L));
            case FDDI, IEEE802, IP_OVER_FC, ATM_RFC1483, ATM_CLIP, SUNATM ->
                    LlcCaptures.frames(pcap, new Random(0x10_20L + pcap.linkType()));
            case PFLOG -> pflog(new Random(0x10_0dL));
            case MTP2 -> PflogAndSs7.mtp2(new Pools(new Random(0x10_0eL)), new byte[0]);
            case MTP3 -> PflogAndSs7.mtp3Only(new Pools(new Random(0x10_10L)));
            case IEEE802_11, IEEE802_11_RADIO, IEEE802_11_RADIO_AVS, PRISM_HEADER, PPI ->
                    WlanCaptures.frames(pcap, new Random(0x10_40L + pcap.linkType()));
            case PPP, PPP_PPPD, PPP_SERIAL, PPP_ETHER, PPP_BSDOS, C_HDLC, FRELAY, SLIP, SLIP_BSDOS, JUNIPER_MFR, IPNET,
                    ENC, LTALK, SYMANTEC_FIREWALL, APPLE_IP_OVER_IEEE1394 ->
                    SerialCaptures.frames(pcap, new Random(0x10_40L + pcap.linkType()));
            case NETANALYZER, NETANALYZER_TRANSPARENT, DSA_TAG_BRCM, DSA_TAG_DSA ->
                    EthernetVariantCaptures.frames(pcap, new Random(0x10_40L + pcap.linkType()));
            case ARCNET, ARCNET_LINUX, BACNET_MS_TP -> Mac8Captures.frames(pcap, new Random(0x10_40L + pcap.linkType()));
        };
    }

    private static int[] everyOffset(byte[] frame) {
        return java.util.stream.IntStream.range(0, frame.length).toArray();
    }

    private static boolean isTag(byte[] frame, int at) {
        if (at + 1 >= frame.length) {
            return false;
        }
        int type = (frame[at] & 0xff) << 8 | (frame[at + 1] & 0xff);
        return type == NonIp.VLAN || type == NonIp.QINQ || type == 0x9100;
    }

    /** The file bytes of {@code pcap}. */
    public static byte[] generate(TestPcap pcap) {
        return PcapWriter.write(pcap.linkType(), frames(pcap));
    }

    // ------------------------------------------------------------------------------------------------ Ethernet

    private static List<Frame> en10mbMixed(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        List<Frame> out = new ArrayList<>();
        while (out.size() < 2400) {
            int roll = random.nextInt(100);
            List<LinkPayload> payloads = new ArrayList<>();
            if (roll < 64) {
                ip.next().forEach(l3 -> payloads.add(LinkPayload.of(l3)));
            } else if (roll < 72) {
                payloads.add(other.kind(random.nextInt(4)));
            } else {
                payloads.add(other.next());
            }
            for (LinkPayload lp : payloads) {
                Frame f = Frame.of(lp.toEthernet(srcMac(p), p.chance(0.5)), lp.note());
                out.add(p.chance(0.02) ? f.truncatedTo(p.between(1, f.capturedLength())) : f);
            }
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 24; i++) {
            out.add(Frame.of(p.bytes(p.between(0, 120)), "random bytes"));
        }
        return out;
    }

    private static List<Frame> en10mbCorners(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        L3Corners corners = new L3Corners(p, ip);
        List<Frame> out = new ArrayList<>();
        for (IpTraffic.L3 l3 : corners.ipv4()) {
            out.add(Frame.of(LinkPayload.of(l3).toEthernet(srcMac(p), false), l3.note()));
        }
        for (IpTraffic.L3 l3 : corners.ipv6()) {
            out.add(Frame.of(LinkPayload.of(l3).toEthernet(srcMac(p), false), l3.note()));
        }
        // Every non-IP kind a few times, so each has matches regardless of the draw in the mixed file.
        for (int k = 0; k < NonIpTraffic.KINDS; k++) {
            for (int i = 0; i < 3; i++) {
                LinkPayload lp = other.kind(k);
                out.add(Frame.of(lp.toEthernet(srcMac(p), p.chance(0.5)), lp.note()));
            }
        }
        for (LinkPayload lp : other.isisSweep()) {
            out.add(Frame.of(lp.toEthernet(srcMac(p), false), lp.note()));
        }
        for (LinkPayload lp : other.llcControlSweep()) {
            out.add(Frame.of(lp.toEthernet(srcMac(p), p.chance(0.5)), lp.note()));
        }
        out.addAll(lengthFieldEdges(p, ip));
        out.addAll(macCorners(p, ip, Frame::of));
        // Runts: fewer bytes than an Ethernet header, on the wire as well as in the capture.
        for (int n : new int[] {0, 1, 2, 5, 6, 11, 12, 13}) {
            out.add(Frame.of(p.bytes(n), "runt of " + n + " bytes"));
        }
        for (int type : new int[] {Ipv4.ETHERTYPE, Ipv6.ETHERTYPE, NonIp.ARP, 0x05dc, 0x0600, NonIp.VLAN}) {
            out.add(Frame.of(Link.ethernet(p.mac(), p.mac(), type, new byte[0]), "header only, type " + type));
        }
        out.add(new Frame(new byte[0], 60, "nothing captured of a 60-byte frame"));
        out.add(new Frame(new byte[] {(byte) 0xff}, 64, "1 byte captured of a 64-byte frame"));
        // Truncated captures: typical frames cut inside the link header, the IP header and the TCP header.
        for (int i = 0; i < 4; i++) {
            List<IpTraffic.L3> sample = new ArrayList<>();
            sample.add(new IpTraffic.L3(Ipv4.ETHERTYPE, Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2"))
                    .options(i % 2 == 0 ? new byte[0] : new byte[] {(byte) 0x94, 4, 0, 0})
                    .payload(Tcp.ports(1024, 80).flags(Tcp.SYN).options(Tcp.synOptions(1460, 1, 7)).build()).build(),
                    p.mac(), "IPv4 TCP SYN"));
            sample.add(new IpTraffic.L3(Ipv6.ETHERTYPE, Ipv6.of(Addr.v6("2001:db8::1"), Addr.v6("2001:db8::2"))
                    .payload(Tcp.ports(443, 1024).flags(Tcp.ACK).build()).build(), p.mac(), "IPv6 TCP ACK"));
            sample.add(new IpTraffic.L3(Ipv4.ETHERTYPE, Ipv4.of(Addr.v4("192.168.1.1"), Addr.v4("10.0.0.1"))
                    .payload(ip.udp(53, 1024)).build(), p.mac(), "IPv4 UDP DNS"));
            for (IpTraffic.L3 l3 : sample) {
                Frame whole = Frame.of(LinkPayload.of(l3).toEthernet(p.mac(), false), l3.note());
                for (int cut : new int[] {1, 6, 12, 13, 14, 15, 16, 20, 22, 23, 24, 26, 30, 33, 34, 35, 36, 37, 38,
                        40, 46, 47, 48, 53, 54, 55, 58, 61, 62, 66, 74, 76}) {
                    if (cut < whole.capturedLength() && (cut + i) % 2 == 0) {
                        out.add(whole.truncatedTo(cut));
                    }
                }
            }
        }
        // Snapshot-length cuts of big frames, and big frames captured whole.
        for (int i = 0; i < 12; i++) {
            IpTraffic.L3 l3 = bigPacket(p, ip);
            Frame f = Frame.of(LinkPayload.of(l3).toEthernet(srcMac(p), false), l3.note());
            out.add(i % 3 == 0 ? f : f.truncatedTo(p.pick(List.of(54, 68, 96, 128, 262))));
        }
        // A block of fully random bytes.
        out.addAll(EdgeRecords.random(p, 48, 150, 0.3, 100));
        return out;
    }

    /** 802.3 frames around the length/type boundary: lengths up to 1500 are LLC, 1536 and up are EtherTypes. */
    private static List<Frame> lengthFieldEdges(Pools p, IpTraffic ip) {
        List<Frame> out = new ArrayList<>();
        int[] values = {0, 1, 3, 46, 0x05db, 0x05dc, 0x05dd, 0x05de, 0x05ff, 0x0600, 0x0601, 0x0800, 0xffff};
        int[] saps = {NonIp.SAP_STP, NonIp.SAP_ISONS, NonIp.SAP_IPX, NonIp.SAP_NETBEUI, NonIp.SAP_IP, NonIp.SAP_SNAP,
                NonIp.SAP_GLOBAL, NonIp.SAP_NULL};
        for (int v : values) {
            for (int sap : saps) {
                byte[] llc = sap == NonIp.SAP_GLOBAL ? new ByteBuilder().u16(0xffff).bytes(p.bytes(28)).toByteArray()
                        : sap == NonIp.SAP_SNAP ? Link.snap(0, Ipv4.ETHERTYPE, ip.nextV4().getFirst().bytes())
                        : Link.llc(sap, sap, 0x03, isoOrIp(sap, p, ip));
                out.add(Frame.of(Link.ethernet(srcMac(p), srcMac(p), v, llc), "type/length " + v + " SAP " + sap));
            }
        }
        return out;
    }

    private static byte[] isoOrIp(int sap, Pools p, IpTraffic ip) {
        return switch (sap) {
            case NonIp.SAP_ISONS -> NonIp.isis(18, 27, p.bytes(24));
            case NonIp.SAP_IP -> ip.nextV4().getFirst().bytes();
            default -> p.bytes(p.between(4, 40));
        };
    }

    /**
     * Source and destination MACs around the broadcast and group bits: Ethernet frames, as {@code framer} puts them
     * on the capture's link.
     */
    static List<Frame> macCorners(Pools p, IpTraffic ip, java.util.function.BiFunction<byte[], String, Frame> framer) {
        List<Frame> out = new ArrayList<>();
        String[] dsts = {"ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:fe", "7f:ff:ff:ff:ff:ff", "01:00:00:00:00:00",
                "fe:ff:ff:ff:ff:ff", "00:11:22:33:44:55", "01:00:5e:00:00:01", "33:33:00:00:00:01",
                "00:00:00:00:00:00", "03:00:00:00:00:01"};
        for (String d : dsts) {
            for (int i = 0; i < 2; i++) {
                IpTraffic.L3 l3 = ip.next().getFirst();
                byte[] src = i == 0 ? p.mac() : Addr.mac(d);
                out.add(framer.apply(Link.ethernet(Addr.mac(d), src, l3.etherType(), l3.bytes()), "dst MAC " + d
                        + (i == 1 ? " (also source)" : "")));
            }
        }
        return out;
    }

    private static IpTraffic.L3 bigPacket(Pools p, IpTraffic ip) {
        byte[] data = p.bytes(p.pick(List.of(1000, 1440, 1460)));
        if (p.chance(0.5)) {
            return new IpTraffic.L3(Ipv4.ETHERTYPE, Ipv4.of(p.ipv4(), p.ipv4())
                    .payload(Tcp.ports(80, p.port()).flags(Tcp.ACK).data(data).build()).build(), p.mac(), "big IPv4");
        }
        return new IpTraffic.L3(Ipv6.ETHERTYPE, Ipv6.of(p.ipv6(), p.ipv6())
                .payload(Transport.udp(443, p.port(), data)).build(), p.mac(), "big IPv6");
    }

    private static byte[] srcMac(Pools p) {
        return p.mac();
    }

    // ------------------------------------------------------------------------------------------- encapsulations

    /**
     * Tagged, labelled, PPPoE and tunnelled frames: the sweeps of {@link EncapTraffic}, a random mix (a quarter of
     * it plain traffic), frames cut at every few bytes inside each kind of header, frames that end right after an
     * encapsulation's EtherType, runts and random bytes.
     */
    private static List<Frame> en10mbEncap(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        EncapTraffic encap = new EncapTraffic(p, ip, other);
        List<LinkPayload> sweeps = new ArrayList<>();
        sweeps.addAll(encap.vlanSweep());
        sweeps.addAll(encap.stackSweep());
        sweeps.addAll(encap.mplsSweep());
        sweeps.addAll(encap.pppoeSweep());
        sweeps.addAll(encap.geneveSweep());
        sweeps.addAll(encap.vxlanSweep());
        sweeps.addAll(encap.combinationSweep());
        sweeps.addAll(encap.unknownTagSweep());
        List<Frame> out = new ArrayList<>();
        for (LinkPayload lp : sweeps) {
            out.add(Frame.of(lp.toEthernet(srcMac(p), p.chance(0.3)), lp.note()));
        }
        int mixEnd = out.size() + 1100;
        while (out.size() < mixEnd) {
            LinkPayload lp = encap.next();
            Frame f = Frame.of(lp.toEthernet(srcMac(p), p.chance(0.3)), lp.note());
            out.add(p.chance(0.02) ? f.truncatedTo(p.between(1, f.capturedLength())) : f);
        }
        for (LinkPayload lp : encap.cutSamples()) {
            Frame whole = Frame.of(lp.toEthernet(srcMac(p), false), lp.note());
            int end = Math.min(whole.capturedLength(), 120);
            for (int cut = 12; cut < end; cut += cut < 40 ? 1 : 3) {
                out.add(whole.truncatedTo(cut));
            }
        }
        for (int type : new int[] {Encap.TPID_8021Q, Encap.TPID_8021AD, Encap.TPID_9100, Encap.MPLS_UNICAST,
                NonIp.PPPOED, NonIp.PPPOES}) {
            out.add(Frame.of(Link.ethernet(p.mac(), p.mac(), type, new byte[0]), "header only, type " + type));
            out.add(Frame.of(Link.ethernetPadded(p.mac(), p.mac(), type, new byte[0]), "padding only, type " + type));
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 16; i++) {
            out.add(Frame.of(p.bytes(p.between(0, 120)), "random bytes"));
        }
        return out;
    }

    /**
     * The encapsulations behind a Linux cooked header (v1 or v2): the PPPoE, Geneve and VXLAN sweeps, tagged and
     * labelled frames (libpcap has no {@code vlan} or {@code mpls} there, but the frames exist), a random mix with
     * plain traffic, and cuts inside the PPPoE and tunnel headers.
     */
    private static List<Frame> cookedEncap(Random random, boolean v2) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        EncapTraffic encap = new EncapTraffic(p, ip, other);
        List<LinkPayload> payloads = new ArrayList<>();
        payloads.addAll(encap.pppoeSweep());
        payloads.addAll(encap.geneveSweep());
        payloads.addAll(encap.vxlanSweep());
        payloads.addAll(encap.combinationSweep());
        for (int i = 0; i < 20; i++) {
            payloads.add(encap.vlanStack(p.between(1, 2), encap.inner()));
            payloads.add(encap.mpls());
        }
        while (payloads.size() < 1000) {
            payloads.add(encap.next());
        }
        List<Frame> out = new ArrayList<>();
        for (LinkPayload lp : payloads) {
            out.add(cooked(p, v2, lp));
        }
        int header = v2 ? 20 : 16;
        for (LinkPayload lp : encap.cutSamples().subList(3, 8)) {
            Frame whole = cooked(p, v2, lp);
            int end = Math.min(whole.capturedLength(), 110);
            for (int cut = header - 4; cut < end; cut += cut < header + 12 ? 1 : 4) {
                out.add(whole.truncatedTo(cut));
            }
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 16; i++) {
            out.add(Frame.of(p.bytes(p.between(0, 100)), "random bytes"));
        }
        return out;
    }

    private static Frame cooked(Pools p, boolean v2, LinkPayload lp) {
        int type = packetType(p);
        int hatype = arphrd(p);
        byte[] addr = hatype == 65534 ? new byte[0] : p.mac();
        if (v2) {
            long ifindex = p.pick(List.of(1L, 2L, 3L, 100L, 0xffffffffL));
            return Frame.of(Link.sll2(lp.sllProtocol(), ifindex, hatype, type, addr, lp.bytes()), "SLL2 if "
                    + ifindex + " type " + type + ": " + lp.note());
        }
        return Frame.of(Link.sll(type, hatype, addr, lp.sllProtocol(), lp.bytes()), "SLL type " + type + ": "
                + lp.note());
    }

    // ------------------------------------------------------------------------------------------------ raw IP

    private static List<Frame> raw(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        L3Corners corners = new L3Corners(p, ip);
        List<Frame> out = new ArrayList<>();
        while (out.size() < 700) {
            ip.next().forEach(l3 -> out.add(Frame.of(l3.bytes(), l3.note())));
        }
        corners.ipv4().forEach(l3 -> out.add(Frame.of(l3.bytes(), l3.note())));
        corners.ipv6().forEach(l3 -> out.add(Frame.of(l3.bytes(), l3.note())));
        out.addAll(junkAndCuts(p, ip, 0));
        return out;
    }

    /**
     * A capture of one IP version ({@code DLT_IPV4} or {@code DLT_IPV6}), with a few packets of the other version
     * where that one is promised: only relations on the bytes can tell them apart.
     */
    private static List<Frame> singleVersion(Random random, int version) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        L3Corners corners = new L3Corners(p, ip);
        boolean v4 = version == 4;
        List<Frame> out = new ArrayList<>();
        while (out.size() < 700) {
            (v4 ? ip.nextV4() : ip.nextV6()).forEach(l3 -> out.add(Frame.of(l3.bytes(), l3.note())));
        }
        (v4 ? corners.ipv4() : corners.ipv6()).forEach(l3 -> out.add(Frame.of(l3.bytes(), l3.note())));
        for (int i = 0; i < 8; i++) {
            IpTraffic.L3 l3 = (v4 ? ip.nextV6() : ip.nextV4()).getFirst();
            out.add(Frame.of(l3.bytes(), (v4 ? "IPv6 in an IPv4" : "IPv4 in an IPv6") + " capture: " + l3.note()));
        }
        out.addAll(junkAndCuts(p, ip, version));
        return out;
    }

    /**
     * Random bytes (some with plausible version nibbles), and typical packets cut inside the IP and transport
     * headers. {@code version} 4 or 6 restricts the cut packets to that version; 0 mixes them.
     */
    private static List<Frame> junkAndCuts(Pools p, IpTraffic ip, int version) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] junk = p.bytes(p.between(0, 120));
            if (junk.length > 0 && i % 2 == 0) {
                junk[0] = (byte) ((p.pick(List.of(0, 1, 4, 5, 6, 7, 15)) << 4) | (junk[0] & 0x0f));
            }
            out.add(new Frame(junk, junk.length + (p.chance(0.2) ? p.between(1, 40) : 0), "random bytes"));
        }
        for (int i = 0; i < 8; i++) {
            IpTraffic.L3 big = bigPacket(p, ip);
            boolean wanted = version == 0 || (version == 4) == (big.etherType() == Ipv4.ETHERTYPE);
            if (wanted) {
                Frame f = Frame.of(big.bytes(), big.note());
                out.add(i % 2 == 0 ? f : f.truncatedTo(p.pick(List.of(40, 60, 96, 128))));
            }
        }
        out.add(Frame.of(new byte[0], "empty packet"));
        out.add(Frame.of(new byte[] {0x45}, "1-byte packet"));
        out.add(new Frame(new byte[] {0x60}, 40, "1 byte of a 40-byte packet"));
        for (int i = 0; i < 10; i++) {
            List<IpTraffic.L3> l3s = switch (version) {
                case 4 -> ip.nextV4();
                case 6 -> ip.nextV6();
                default -> ip.next();
            };
            Frame f = Frame.of(l3s.getFirst().bytes(), l3s.getFirst().note());
            for (int cut : new int[] {1, 8, 9, 12, 16, 19, 20, 22, 24, 32, 33, 39, 40, 42, 44, 46, 53}) {
                if (cut < f.capturedLength() && (cut + i) % 3 == 0) {
                    out.add(f.truncatedTo(cut));
                }
            }
        }
        return out;
    }

    // --------------------------------------------------------------------------------------- Linux cooked

    /** One cooked-capture payload: IP most of the time, then non-IP (as 802.2/802.3/EtherType), then oddities. */
    private static LinkPayload cookedPayload(Pools p, IpTraffic ip, NonIpTraffic other,
            List<IpTraffic.L3> cornerPool) {
        int roll = p.random().nextInt(100);
        if (roll < 58) {
            return LinkPayload.of(ip.next().getFirst());
        }
        if (roll < 66) {
            return LinkPayload.of(p.pick(cornerPool));
        }
        if (roll < 92) {
            return other.next();
        }
        // Protocol values that are neither EtherTypes nor the 802.2/802.3 markers (ETH_P_ALL, ETH_P_SNAP,
        // ETH_P_CAN, ETH_P_PPP_MP, ...), and small values equal to SAPs.
        int proto = p.pick(List.of(0x0003, 0x0005, 0x000c, 0x0008, 0x0010, 0x0019, 0x0042, 0x00fe, 0x00e0,
                0x00f0, 0x0006, 0x05dc, 0x0600));
        return LinkPayload.ethernet(proto, p.bytes(p.between(0, 40)), p.mac(), "cooked protocol " + proto);
    }

    private static int packetType(Pools p) {
        int x = p.random().nextInt(100);
        if (x < 35) {
            return Link.HOST;
        }
        if (x < 65) {
            return Link.OUTGOING;
        }
        if (x < 77) {
            return Link.BROADCAST;
        }
        if (x < 89) {
            return Link.MULTICAST;
        }
        if (x < 98) {
            return Link.OTHERHOST;
        }
        return p.pick(List.of(5, 6, 7, 0xff));
    }

    private static int arphrd(Pools p) {
        return p.chance(0.8) ? 1 : p.pick(List.of(772, 65534, 776, 512, 0xffff));
    }

    private static List<Frame> linuxSll(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        List<Frame> out = new ArrayList<>();
        while (out.size() < 1400) {
            LinkPayload lp = cookedPayload(p, ip, other, cornerPool);
            int type = packetType(p);
            int hatype = arphrd(p);
            byte[] addr = hatype == 65534 ? new byte[0] : p.mac();
            out.add(Frame.of(Link.sll(type, hatype, addr, lp.sllProtocol(), lp.bytes()),
                    "SLL type " + type + ": " + lp.note()));
        }
        // Every non-IP kind a few times.
        for (int k = 0; k < NonIpTraffic.KINDS; k++) {
            for (int i = 0; i < 3; i++) {
                LinkPayload lp = other.kind(k);
                out.add(Frame.of(Link.sll(packetType(p), 1, p.mac(), lp.sllProtocol(), lp.bytes()),
                        "SLL sweep: " + lp.note()));
            }
        }
        // Every packet type with the same IPv4 packet, and cuts inside the 16-byte header.
        byte[] v4 = ip.nextV4().getFirst().bytes();
        for (int type = 0; type <= 7; type++) {
            out.add(Frame.of(Link.sll(type, 1, p.mac(), Ipv4.ETHERTYPE, v4), "SLL type " + type + " sweep"));
        }
        Frame whole = Frame.of(Link.sll(Link.OUTGOING, 1, p.mac(), Ipv4.ETHERTYPE, v4), "SLL IPv4");
        for (int cut = 0; cut < 40; cut += 3) {
            out.add(whole.truncatedTo(cut));
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 40; i++) {
            byte[] junk = p.bytes(p.between(0, 100));
            out.add(Frame.of(junk, "random bytes"));
        }
        return out;
    }

    private static List<Frame> linuxSll2(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        long[] ifindexes = {1, 2, 2, 3, 3, 4, 5, 7, 100, 0, 0xffffffffL, 0x80000000L};
        List<Frame> out = new ArrayList<>();
        while (out.size() < 1400) {
            LinkPayload lp = cookedPayload(p, ip, other, cornerPool);
            int type = packetType(p);
            int hatype = arphrd(p);
            long ifindex = ifindexes[p.random().nextInt(ifindexes.length)];
            byte[] addr = hatype == 65534 ? new byte[0] : p.mac();
            out.add(Frame.of(Link.sll2(lp.sllProtocol(), ifindex, hatype, type, addr, lp.bytes()),
                    "SLL2 if " + ifindex + " type " + type + ": " + lp.note()));
        }
        for (int k = 0; k < NonIpTraffic.KINDS; k++) {
            for (int i = 0; i < 3; i++) {
                LinkPayload lp = other.kind(k);
                out.add(Frame.of(Link.sll2(lp.sllProtocol(), ifindexes[p.random().nextInt(ifindexes.length)], 1,
                        packetType(p), p.mac(), lp.bytes()), "SLL2 sweep: " + lp.note()));
            }
        }
        byte[] v6 = ip.nextV6().getFirst().bytes();
        for (int type = 0; type <= 7; type++) {
            out.add(Frame.of(Link.sll2(Ipv6.ETHERTYPE, type + 1, 1, type, p.mac(), v6), "SLL2 type " + type
                    + " sweep"));
        }
        Frame whole = Frame.of(Link.sll2(Ipv6.ETHERTYPE, 3, 1, Link.OUTGOING, p.mac(), v6), "SLL2 IPv6");
        for (int cut = 0; cut < 60; cut += 3) {
            out.add(whole.truncatedTo(cut));
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 40; i++) {
            byte[] junk = p.bytes(p.between(0, 100));
            out.add(Frame.of(junk, "random bytes"));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- loopback

    /** Address-family values: 2 (AF_INET everywhere) and the AF_INET6 values of Linux, BSD, FreeBSD, Darwin. */
    private static final long[] AF_INET6_VALUES = {10, 24, 28, 30};

    private static List<Frame> nullLoopback(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        List<Frame> out = new ArrayList<>();
        while (out.size() < 1000) {
            IpTraffic.L3 l3 = p.chance(0.1) ? p.pick(cornerPool) : ip.next().getFirst();
            boolean v6 = l3.etherType() == Ipv6.ETHERTYPE;
            long af = v6 ? AF_INET6_VALUES[p.random().nextInt(AF_INET6_VALUES.length)] : 2;
            // Mostly the family of the packet, sometimes another: the header, not the bytes, decides.
            if (p.chance(0.08)) {
                af = p.pick(List.of(0L, 1L, 7L, 17L, 23L, 2L, 24L, 0x10000L, 0xffffffffL));
            }
            boolean littleEndian = p.chance(0.7);
            out.add(Frame.of(Link.nullHeader(af, littleEndian, l3.bytes()),
                    "NULL AF " + af + (littleEndian ? " LE" : " BE") + ": " + l3.note()));
        }
        // Every family value in both byte orders with the same IPv6 and IPv4 packets.
        byte[] v6 = ip.nextV6().getFirst().bytes();
        byte[] v4 = ip.nextV4().getFirst().bytes();
        for (long af : new long[] {0, 1, 2, 7, 10, 17, 23, 24, 28, 30, 31}) {
            for (boolean le : new boolean[] {true, false}) {
                out.add(Frame.of(Link.nullHeader(af, le, af == 2 ? v4 : v6), "NULL AF sweep " + af + (le ? " LE"
                        : " BE")));
            }
        }
        Frame whole = Frame.of(Link.nullHeader(2, true, v4), "NULL IPv4");
        for (int cut = 0; cut < 30; cut++) {
            if (cut < 5 || cut % 4 == 0) {
                out.add(whole.truncatedTo(cut));
            }
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 40; i++) {
            out.add(Frame.of(p.bytes(p.between(0, 100)), "random bytes"));
        }
        return out;
    }

    private static List<Frame> pflog(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        return PflogAndSs7.pflog(p, ip, new L3Corners(p, ip));
    }

    private static List<Frame> loop(Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        List<Frame> out = new ArrayList<>();
        while (out.size() < 900) {
            IpTraffic.L3 l3 = p.chance(0.1) ? p.pick(cornerPool) : ip.next().getFirst();
            boolean v6 = l3.etherType() == Ipv6.ETHERTYPE;
            long af = v6 ? AF_INET6_VALUES[p.random().nextInt(AF_INET6_VALUES.length)] : 2;
            boolean swapped = p.chance(0.1);
            if (p.chance(0.05)) {
                af = p.pick(List.of(0L, 7L, 17L, 0xffffffffL));
            }
            out.add(Frame.of(Link.nullHeader(af, swapped, l3.bytes()),
                    "LOOP AF " + af + (swapped ? " little-endian (wrong)" : "") + ": " + l3.note()));
        }
        byte[] v6 = ip.nextV6().getFirst().bytes();
        byte[] v4 = ip.nextV4().getFirst().bytes();
        for (long af : new long[] {0, 2, 10, 24, 28, 30}) {
            for (boolean le : new boolean[] {false, true}) {
                out.add(Frame.of(Link.nullHeader(af, le, af == 2 ? v4 : v6), "LOOP AF sweep " + af + (le ? " LE"
                        : " BE")));
            }
        }
        Frame whole = Frame.of(Link.loopHeader(24, v6), "LOOP IPv6");
        for (int cut = 0; cut < 50; cut += 3) {
            out.add(whole.truncatedTo(cut));
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 40; i++) {
            out.add(Frame.of(p.bytes(p.between(0, 100)), "random bytes"));
        }
        return out;
    }
}
