package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The captures of the PPP, serial-line, WAN and other fixed-header link types: PPP (bare, pppd with its direction
 * byte, HDLC-framed, over Ethernet, BSD/OS), Cisco HDLC, Frame Relay, SLIP (plain and BSD/OS), Juniper MFR, Solaris
 * ipnet, OpenBSD enc, LocalTalk, the Symantec firewall header and Apple's IP over IEEE 1394. One traffic loop
 * (IPv4 and IPv6 of {@link IpTraffic}, the corner pool, the non-IP protocols of {@link NonIpTraffic} where the link
 * carries them) goes through a framing function per link type; a sweep per link type puts every header value
 * libpcap's programs test (gencode.c {@code init_linktype}, {@code gen_linktype}, {@code gen_inbound}) behind some
 * traffic for sure; then cuts inside the link header and the network header, tiny records and random bytes.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org link-layer header types</a>
 */
final class SerialCaptures {
    private SerialCaptures() {
    }

    /** PPP protocol numbers (RFC 1661 and the IANA registry; libpcap's ppp.h). */
    static final int PPP_IP = 0x0021, PPP_OSI = 0x0023, PPP_NS = 0x0025, PPP_DECNET = 0x0027, PPP_APPLE = 0x0029,
            PPP_IPX = 0x002b, PPP_VJC = 0x002d, PPP_VJNC = 0x002f, PPP_BRPDU = 0x0031, PPP_MP = 0x003d,
            PPP_IPV6 = 0x0057, PPP_COMP = 0x00fd, PPP_MPLS = 0x0281, PPP_IPCP = 0x8021, PPP_IPXCP = 0x802b,
            PPP_ATCP = 0x8029, PPP_BCP = 0x8031, PPP_IPV6CP = 0x8057, PPP_CCP = 0x80fd, PPP_MPLSCP = 0x8281,
            PPP_LCP = 0xc021, PPP_PAP = 0xc023, PPP_LQR = 0xc025, PPP_CHAP = 0xc223;
    /** Every protocol value the sweeps put in a PPP header. */
    private static final int[] PPP_PROTOCOLS = {PPP_IP, PPP_OSI, PPP_NS, PPP_DECNET, PPP_APPLE, PPP_IPX, PPP_VJC,
        PPP_VJNC, PPP_BRPDU, PPP_MP, PPP_IPV6, PPP_COMP, PPP_MPLS, PPP_IPCP, PPP_IPXCP, PPP_ATCP, PPP_BCP, PPP_IPV6CP,
        PPP_CCP, PPP_MPLSCP, PPP_LCP, PPP_PAP, PPP_LQR, PPP_CHAP, 0x0800, 0x86dd, 0x0806, 0x8035, 0x809b, 0x6003,
        0x8137, 0x6001, 0x6002, 0x6004, 0x6007, 0x80f3, 0x0042, 0x00fe, 0x00e0, 0x00f0, 0x0000, 0xffff};
    /** Cisco HDLC: unicast and broadcast addresses; protocols besides the EtherTypes: ISO (CLNS), SLARP, CDP. */
    private static final int CHDLC_UNICAST = 0x0f, CHDLC_BROADCAST = 0x8f, CHDLC_ISO = 0xfefe, SLARP = 0x8035,
            CDP = 0x2000, CHDLC_STP = 0x4242, CHDLC_BRIDGED = 0x6558;
    /** Frame Relay NLPIDs (RFC 2427): IP, IPv6, SNAP, the ISO protocols, Q.933. */
    private static final int NLPID_IP = 0xcc, NLPID_IPV6 = 0x8e, NLPID_SNAP = 0x80, NLPID_Q933 = 0x08;
    /** Q.922 two-byte addresses: DLCIs 16, 100, 1007 with C/R, FECN, BECN, DE bits; 0 and 1023 (LMI). */
    private static final int[] DLCIS = {16, 100, 100, 100, 1007, 500, 0, 1023};
    /** The Juniper magic (the first three bytes) and its flags: inbound, no layer-2 header, extensions. */
    private static final int JUNIPER_MAGIC = 0x4d4743, JUNIPER_IN = 0x01, JUNIPER_NO_L2 = 0x02, JUNIPER_EXT = 0x80;
    /** ipnet families and directions (Solaris ipnet.h: IPH_AF_INET, IPH_AF_INET6; IPNET_OUTBOUND, _INBOUND). */
    private static final int IPH_AF_INET = 2, IPH_AF_INET6 = 26, IPNET_OUTBOUND = 1, IPNET_INBOUND = 2;
    /** enc families in host byte order: AF_INET and Linux's AF_INET6 (what libpcap compiles for), BSD ones. */
    private static final int[] ENC_FAMILIES_6 = {10, 10, 10, 24, 28, 30};
    /** SLIP link-layer types (the pseudo-header's second byte): IP, uncompressed and compressed VJ TCP. */
    private static final int SLIP_TYPE_IP = 0x40, SLIP_UNCOMPRESSED_TCP = 0x70, SLIP_COMPRESSED_TCP = 0x80;
    /** The first byte of the SLIP pseudo-header swept: directions, and values libpcap's ip/ip6 nibble tests see. */
    private static final int[] SLIP_FIRST_BYTES = {0, 1, 2, 0x40, 0x45, 0x4f, 0x60, 0x6f, 0x80, 0xff};
    /** LLAP types: short and long DDP, and the control frames (ENQ, ACK, RTS, CTS). */
    private static final int[] LLAP_TYPES = {1, 2, 0x81, 0x82, 0x84, 0x85};
    /** DDP types: RTMP, NBP, ATP, AEP, RTMP request, ZIP, ADSP, IP over DDP. */
    private static final int[] DDP_TYPES = {1, 2, 3, 4, 5, 6, 7, 22};

    /** Where the network layer starts, as libpcap's {@code init_linktype} says (off_linkpl + off_nl). */
    static int[] networkOffsets(TestPcap pcap, byte[] frame) {
        return new int[] {switch (pcap) {
            case PPP, PPP_PPPD, PPP_SERIAL, C_HDLC, JUNIPER_MFR -> 4;
            case PPP_ETHER -> 8;
            case ENC -> 12;
            case SLIP -> 16;
            case APPLE_IP_OVER_IEEE1394 -> 18;
            case PPP_BSDOS, SLIP_BSDOS, IPNET -> 24;
            case SYMANTEC_FIREWALL -> 44;
            case FRELAY, LTALK -> 0;
            default -> throw new IllegalArgumentException(pcap.name());
        }};
    }

    /** The frames of {@code pcap}. */
    static List<Frame> frames(TestPcap pcap, Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        Framer f = new Framer(pcap, p, ip);
        List<Frame> out = new ArrayList<>();
        int loop = pcap == TestPcap.LTALK ? 420 : 520;
        while (out.size() < loop) {
            int roll = p.random().nextInt(100);
            LinkPayload lp = roll < 62 ? LinkPayload.of(ip.next().getFirst())
                    : roll < 72 ? LinkPayload.of(p.pick(cornerPool))
                    : other.next();
            out.add(f.frame(lp));
        }
        if (f.carriesNonIp()) {
            for (int k = 0; k < NonIpTraffic.KINDS; k++) {
                out.add(f.frame(other.kind(k)));
            }
            for (LinkPayload lp : other.isisSweep()) {
                out.add(f.frame(lp));
            }
        }
        out.addAll(f.sweep(other));
        // Cuts inside the link header and the network header (IPv4 with TCP, then IPv6).
        for (IpTraffic.L3 l3 : List.of(ip.nextV4().getFirst(), ip.nextV6().getFirst())) {
            Frame whole = f.frame(LinkPayload.of(l3));
            int end = Math.min(whole.capturedLength(), networkOffsets(pcap, whole.data())[0] + 48);
            for (int cut = 0; cut < end; cut += cut < 24 ? 1 : 3) {
                out.add(whole.truncatedTo(cut));
            }
        }
        out.addAll(EdgeRecords.tiny(p, 64, 20, 100));
        for (int i = 0; i < 12; i++) {
            Frame whole = f.frame(LinkPayload.of(ip.next().getFirst()));
            out.add(new Frame(whole.data(), whole.capturedLength() + p.between(1, 1400), whole.note()
                    + ", snapshot shorter than the packet"));
        }
        for (int i = 0; i < 30; i++) {
            out.add(Frame.of(p.bytes(p.between(1, 120)), "random bytes"));
        }
        return out;
    }

    /** IPv4 or IPv6 over Ethernet II. */
    private static boolean isIp(LinkPayload lp) {
        return lp.encapsulation() == LinkPayload.Encapsulation.ETHERNET_II
                && (lp.etherType() == Ipv4.ETHERTYPE || lp.etherType() == Ipv6.ETHERTYPE);
    }

    private static boolean isV6(LinkPayload lp) {
        return lp.encapsulation() == LinkPayload.Encapsulation.ETHERNET_II && lp.etherType() == Ipv6.ETHERTYPE;
    }

    /** The 802.2 DSAP of an LLC payload, or -1. */
    private static int dsap(LinkPayload lp) {
        byte[] b = lp.bytes();
        return lp.encapsulation() == LinkPayload.Encapsulation.LLC && b.length > 0 ? b[0] & 0xff : -1;
    }

    /** The bytes after a 3-byte LLC header (U format). */
    private static byte[] afterLlc(LinkPayload lp) {
        byte[] b = lp.bytes();
        return Arrays.copyOfRange(b, Math.min(3, b.length), b.length);
    }

    /** One link type's framing, over shared pools. */
    private static final class Framer {
        private final TestPcap pcap;
        private final Pools p;
        private final IpTraffic ip;

        Framer(TestPcap pcap, Pools p, IpTraffic ip) {
            this.pcap = pcap;
            this.p = p;
            this.ip = ip;
        }

        /** Whether the traffic loop's non-IP payloads go on this link (else they are framed as unknown data). */
        boolean carriesNonIp() {
            return switch (pcap) {
                case PPP, PPP_PPPD, PPP_SERIAL, PPP_ETHER, PPP_BSDOS, C_HDLC, FRELAY, SYMANTEC_FIREWALL,
                        APPLE_IP_OVER_IEEE1394 -> true;
                default -> false;
            };
        }

        /** {@code lp} behind this link type's header. */
        Frame frame(LinkPayload lp) {
            return switch (pcap) {
                case PPP, PPP_PPPD, PPP_SERIAL, PPP_ETHER, PPP_BSDOS -> ppp(lp);
                case C_HDLC -> ciscoHdlc(p.chance(0.8) ? CHDLC_UNICAST : CHDLC_BROADCAST, lp);
                case FRELAY -> frameRelay(lp);
                case SLIP, SLIP_BSDOS -> slip(lp);
                case JUNIPER_MFR -> juniper(lp);
                case IPNET -> ipnet(lp);
                case ENC -> enc(lp);
                case LTALK -> localTalk();
                case SYMANTEC_FIREWALL -> symantec(lp);
                case APPLE_IP_OVER_IEEE1394 -> firewire(lp);
                default -> throw new IllegalArgumentException(pcap.name());
            };
        }

        // ------------------------------------------------------------------------------------------------ PPP

        /** A PPP protocol number, the information field behind it, and what it is. */
        private record PppPayload(int protocol, byte[] info, String note) {}

        /** The PPP protocol and information field for {@code lp} (gencode.c {@code ethertype_to_ppptype}). */
        private PppPayload pppPayload(LinkPayload lp) {
            if (lp.encapsulation() == LinkPayload.Encapsulation.ETHERNET_II) {
                int proto = switch (lp.etherType()) {
                    case Ipv4.ETHERTYPE -> PPP_IP;
                    case Ipv6.ETHERTYPE -> PPP_IPV6;
                    case NonIp.DECNET -> PPP_DECNET;
                    case NonIp.ATALK -> PPP_APPLE;
                    case NonIp.IPX -> PPP_IPX;
                    case NonIp.MPLS -> PPP_MPLS;
                    default -> -1;
                };
                if (proto >= 0) {
                    return new PppPayload(proto, lp.bytes(), lp.note());
                }
                if (p.chance(0.3)) {
                    // What libpcap's arp/rarp/... test on PPP: the EtherType itself in the protocol field.
                    return new PppPayload(lp.etherType(), lp.bytes(), "EtherType as PPP protocol: " + lp.note());
                }
            } else if (lp.encapsulation() == LinkPayload.Encapsulation.RAW_802_3) {
                return new PppPayload(PPP_IPX, lp.bytes(), lp.note());
            } else {
                switch (dsap(lp)) {
                    case NonIp.SAP_ISONS -> {
                        return new PppPayload(PPP_OSI, afterLlc(lp), lp.note());
                    }
                    case NonIp.SAP_IPX -> {
                        return new PppPayload(PPP_IPX, afterLlc(lp), lp.note());
                    }
                    default -> {
                    }
                }
            }
            // Bridged (RFC 3518): flags, MAC type 1 (802.3), the frame. libpcap's stp tests this protocol.
            byte[] bridged = new ByteBuilder().u8(0).u8(1).bytes(lp.toEthernet(p.mac(), false)).toByteArray();
            return new PppPayload(PPP_BRPDU, bridged, "bridged: " + lp.note());
        }

        private Frame ppp(LinkPayload lp) {
            PppPayload pl = pppPayload(lp);
            int proto = pl.protocol();
            byte[] info = pl.info();
            String note = pl.note();
            if (pcap == TestPcap.PPP_BSDOS && proto == PPP_IP && p.chance(0.3)) {
                // BSD/OS keeps the uncompressed packet behind Van Jacobson compressed (or uncompressed) TCP.
                proto = p.chance(0.5) ? PPP_VJC : PPP_VJNC;
                note = "VJ " + Integer.toHexString(proto) + ": " + note;
            }
            return pppFrame(proto, info, note, -1);
        }

        /** {@code info} with PPP protocol {@code proto}; {@code variant} picks the header form (-1: at random). */
        private Frame pppFrame(int proto, byte[] info, String note, int variant) {
            ByteBuilder b = new ByteBuilder();
            String what;
            switch (pcap) {
                case PPP, PPP_SERIAL -> {
                    int v = variant >= 0 ? variant : p.chance(0.88) ? 0 : p.random().nextInt(4);
                    switch (v) {
                        case 0 -> {
                            b.u8(0xff).u8(0x03).u16(proto);
                            what = "PPP ff 03";
                        }
                        case 1 -> {
                            // Address and control field compression: the protocol comes first.
                            b.u16(proto);
                            what = "PPP ACFC";
                        }
                        case 2 -> {
                            // Protocol field compression: one byte for an odd protocol below 0x100.
                            b.u8(0xff).u8(0x03).u8(proto < 0x100 ? proto : proto >>> 8);
                            what = "PPP PFC";
                        }
                        default -> {
                            if (pcap == TestPcap.PPP_SERIAL) {
                                // A Cisco HDLC frame on a PPP_SERIAL link (NetBSD's sync serial driver).
                                b.u8(p.chance(0.5) ? CHDLC_UNICAST : CHDLC_BROADCAST).u8(0).u16(proto == PPP_IP
                                        ? Ipv4.ETHERTYPE : proto == PPP_IPV6 ? Ipv6.ETHERTYPE : proto);
                                what = "Cisco HDLC on PPP_SERIAL";
                            } else {
                                b.u8(0x0f).u8(0x00).u16(proto);
                                what = "PPP, other address/control";
                            }
                        }
                    }
                }
                case PPP_PPPD -> {
                    int dir = variant >= 0 ? variant : p.chance(0.95) ? p.random().nextInt(2) : p.pick(List.of(2,
                            0xff));
                    b.u8(dir).u8(0x03).u16(proto);
                    what = "PPP pppd " + (dir == 0 ? "in" : dir == 1 ? "out" : "direction " + dir);
                }
                case PPP_ETHER -> {
                    int session = variant >= 0 ? variant : p.pick(List.of(0x0001, 0x1234, 0x003b, 0xffff));
                    b.u8(0x11).u8(0x00).u16(session).u16(info.length + 2).u16(proto);
                    what = "PPPoE session " + session;
                }
                case PPP_BSDOS -> {
                    int dir = variant >= 0 ? variant : p.random().nextInt(2);
                    byte[] h = new byte[24];
                    h[0] = (byte) dir;
                    h[1] = 4;
                    h[3] = (byte) 0xff;
                    h[4] = 0x03;
                    h[5] = (byte) (proto >>> 8);
                    h[6] = (byte) proto;
                    if (proto == PPP_VJC || proto == PPP_VJNC) {
                        byte[] vj = p.bytes(16);
                        System.arraycopy(vj, 0, h, 8, 16);
                    }
                    b.bytes(h);
                    what = "BSD/OS PPP " + (dir == 0 ? "in" : "out");
                }
                default -> throw new IllegalArgumentException(pcap.name());
            }
            return Frame.of(b.bytes(info).toByteArray(), what + " proto 0x" + Integer.toHexString(proto) + ": "
                    + note);
        }

        /** A PPP control packet: code, identifier, length, data (RFC 1661 section 5). */
        private byte[] controlPacket(int code, byte[] data) {
            return new ByteBuilder().u8(code).u8(p.between(0, 255)).u16(4 + data.length).bytes(data).toByteArray();
        }

        /** The information field a sweep puts behind protocol {@code proto}. */
        private byte[] pppInfo(int proto) {
            return switch (proto) {
                case PPP_IP, PPP_VJC, PPP_VJNC -> ip.nextV4().getFirst().bytes();
                case PPP_IPV6 -> ip.nextV6().getFirst().bytes();
                case PPP_OSI -> NonIp.isis(18, 27, p.bytes(24));
                case PPP_IPX, 0x8137 -> NonIp.ipx(4, 0, Addr.mac("ff:ff:ff:ff:ff:ff"), 0x0452, 1, p.mac(), 0x4000,
                        p.bytes(10));
                case PPP_MPLS -> new ByteBuilder().u32((16L << 12) | 0x100 | 64).bytes(ip.nextV4().getFirst().bytes())
                        .toByteArray();
                case PPP_MP -> new ByteBuilder().u8(0xc0).u8(0).u16(p.between(0, 0xffff))
                        .bytes(ip.nextV4().getFirst().bytes()).toByteArray();
                case PPP_BRPDU -> new ByteBuilder().u8(0).u8(1).bytes(Link.ieee8023(Addr.mac("01:80:c2:00:00:00"),
                        p.mac(), Link.llc(0x42, 0x42, 0x03, NonIp.stpTcn()))).toByteArray();
                case PPP_LCP -> controlPacket(p.pick(List.of(1, 2, 3, 4, 5, 6, 9, 10)), new ByteBuilder().u8(1).u8(4)
                        .u16(1500).u8(5).u8(6).u32(p.random().nextInt() & 0xffffffffL).toByteArray());
                case PPP_IPCP -> controlPacket(p.pick(List.of(1, 2, 3)), new ByteBuilder().u8(3).u8(6)
                        .bytes(p.ipv4()).toByteArray());
                case PPP_IPV6CP -> controlPacket(1, new ByteBuilder().u8(1).u8(10).bytes(p.bytes(8)).toByteArray());
                case PPP_PAP -> controlPacket(1, new ByteBuilder().u8(4).bytes("user".getBytes()).u8(4)
                        .bytes("pass".getBytes()).toByteArray());
                case PPP_CHAP -> controlPacket(p.pick(List.of(1, 2, 3, 4)), new ByteBuilder().u8(16)
                        .bytes(p.bytes(16)).toByteArray());
                case PPP_COMP, PPP_CCP, PPP_LQR, PPP_IPXCP, PPP_ATCP, PPP_BCP, PPP_MPLSCP -> controlPacket(1,
                        p.bytes(p.between(2, 20)));
                case 0x0806, 0x8035 -> NonIp.arp(proto == 0x0806 ? 1 : 3, p.mac(), p.ipv4(), new byte[6], p.ipv4());
                default -> p.bytes(p.between(4, 60));
            };
        }

        // ------------------------------------------------------------------------------------------------ Cisco HDLC

        private Frame ciscoHdlc(int address, LinkPayload lp) {
            ByteBuilder b = new ByteBuilder().u8(address).u8(0);
            String note = lp.note();
            switch (lp.encapsulation()) {
                case ETHERNET_II -> b.u16(lp.etherType()).bytes(lp.bytes());
                case RAW_802_3 -> b.u16(CHDLC_BRIDGED).bytes(lp.toEthernet(p.mac(), false));
                case LLC -> {
                    switch (dsap(lp)) {
                        // ISO (CLNS): a fudge byte, then the PDU from its NLPID (tcpdump's chdlc_print); sometimes
                        // without the fudge byte.
                        case NonIp.SAP_ISONS -> {
                            boolean fudge = p.chance(0.7);
                            b.u16(CHDLC_ISO).bytes(fudge ? new byte[] {0} : new byte[0]).bytes(afterLlc(lp));
                            note = (fudge ? "fudge byte, " : "no fudge byte, ") + note;
                        }
                        case NonIp.SAP_STP -> b.u16(CHDLC_STP).bytes(afterLlc(lp));
                        default -> {
                            if (p.chance(0.3)) {
                                b.u16(CDP).bytes(afterLlc(lp));
                                note = "CDP-typed: " + note;
                            } else {
                                b.u16(CHDLC_BRIDGED).bytes(lp.toEthernet(p.mac(), false));
                                note = "bridged: " + note;
                            }
                        }
                    }
                }
            }
            return Frame.of(b.toByteArray(), "Cisco HDLC " + (address == CHDLC_UNICAST ? "unicast" : address
                    == CHDLC_BROADCAST ? "broadcast" : "address " + address) + ": " + note);
        }

        /** A SLARP packet (Cisco's keepalive and address resolution): code, then address/mask or sequences. */
        private byte[] slarp(int code) {
            ByteBuilder b = new ByteBuilder().u32(code);
            if (code == 2) {
                b.u32(p.random().nextInt() & 0xffffffffL).u32(p.random().nextInt() & 0xffffffffL).u16(0xffff);
            } else {
                b.bytes(p.ipv4()).bytes(Addr.v4("255.255.255.252")).u16(0);
            }
            return b.toByteArray();
        }

        // ------------------------------------------------------------------------------------------------ Frame Relay

        /** A two-byte Q.922 address: DLCI, C/R; FECN, BECN, DE; EA set on the second byte. */
        private static byte[] q922(int dlci, int cr, int fecn, int becn, int de) {
            return new byte[] {(byte) (((dlci >>> 4) << 2) | (cr << 1)),
                (byte) (((dlci & 0xf) << 4) | (fecn << 3) | (becn << 2) | (de << 1) | 1)};
        }

        private byte[] randomQ922() {
            int dlci = DLCIS[p.random().nextInt(DLCIS.length - 2)];
            return p.chance(0.8) ? q922(dlci, 0, 0, 0, 0)
                    : q922(dlci, p.random().nextInt(2), p.random().nextInt(2), p.random().nextInt(2),
                            p.random().nextInt(2));
        }

        private Frame frameRelay(LinkPayload lp) {
            ByteBuilder b = new ByteBuilder().bytes(randomQ922()).u8(0x03);
            String what;
            if (isIp(lp)) {
                b.u8(isV6(lp) ? NLPID_IPV6 : NLPID_IP).bytes(lp.bytes());
                what = isV6(lp) ? "NLPID IPv6" : "NLPID IP";
            } else if (dsap(lp) == NonIp.SAP_ISONS) {
                // The ISO PDU's own first byte is the NLPID (0x81 CLNP, 0x82 ES-IS, 0x83 IS-IS).
                b.bytes(afterLlc(lp));
                what = "ISO NLPID";
            } else {
                // SNAP (RFC 2427 section 5.3.1): a pad byte, NLPID 0x80, OUI and PID; now and then without the pad.
                byte[] snap = lp.encapsulation() == LinkPayload.Encapsulation.ETHERNET_II
                        ? new ByteBuilder().u8(0).u16(0).u16(lp.etherType()).bytes(lp.bytes()).toByteArray()
                        : new ByteBuilder().u8(0x00).u8(0x80).u8(0xc2).u16(0x0007).bytes(lp.toEthernet(p.mac(), false))
                        .toByteArray();
                boolean pad = p.chance(0.8);
                b.bytes(pad ? new byte[] {0} : new byte[0]).u8(NLPID_SNAP).bytes(snap);
                what = pad ? "SNAP" : "SNAP without pad";
            }
            return Frame.of(b.toByteArray(), "Frame Relay " + what + ": " + lp.note());
        }

        /** A Q.933 LMI status enquiry or status on DLCI 0 or 1023. */
        private Frame lmi(int dlci, int type) {
            return Frame.of(new ByteBuilder().bytes(q922(dlci, 0, 0, 0, 0)).u8(0x03).u8(NLPID_Q933).u8(0)
                    .u8(type).u8(0x51).u8(1).u8(p.pick(List.of(0, 1))).u8(0x53).u8(2).u8(p.between(0, 255))
                    .u8(p.between(0, 255)).toByteArray(), "Frame Relay LMI type " + type + " DLCI " + dlci);
        }

        // ------------------------------------------------------------------------------------------------ SLIP

        private Frame slip(LinkPayload lp) {
            // Now and then the first byte holds the packet's version nibble, which libpcap's ip and ip6 test.
            int first = p.chance(0.75) ? p.random().nextInt(2) : p.chance(0.8) ? lp.bytes().length > 0
                    ? lp.bytes()[0] & 0xff : 0 : SLIP_FIRST_BYTES[p.random().nextInt(SLIP_FIRST_BYTES.length)];
            int type = !isIp(lp) ? p.pick(List.of(0x00, 0xff)) : p.chance(0.6) ? SLIP_TYPE_IP
                    : p.chance(0.5) ? SLIP_UNCOMPRESSED_TCP : SLIP_COMPRESSED_TCP;
            return slipFrame(first, type, lp.bytes(), lp.note());
        }

        private Frame slipFrame(int first, int type, byte[] packet, String note) {
            byte[] h = new byte[pcap == TestPcap.SLIP ? 16 : 24];
            h[0] = (byte) first;
            h[1] = (byte) type;
            if (type == SLIP_COMPRESSED_TCP || type == SLIP_UNCOMPRESSED_TCP) {
                // The VJ header as it went on the line (change mask, connection, checksum, deltas).
                byte[] vj = p.bytes(p.between(3, h.length - 2));
                System.arraycopy(vj, 0, h, 2, vj.length);
            }
            String dir = first == 0 ? "in" : first == 1 ? "out" : "first byte 0x" + Integer.toHexString(first);
            return Frame.of(new ByteBuilder().bytes(h).bytes(packet).toByteArray(), (pcap == TestPcap.SLIP ? "SLIP "
                    : "BSD/OS SLIP ") + dir + " type 0x" + Integer.toHexString(type) + ": " + note);
        }

        // ------------------------------------------------------------------------------------------------ Juniper

        private Frame juniper(LinkPayload lp) {
            int flags = p.chance(0.5) ? JUNIPER_IN : 0;
            if (p.chance(0.4)) {
                flags |= JUNIPER_NO_L2;
            }
            int magic = p.chance(0.95) ? JUNIPER_MAGIC : p.pick(List.of(0x4d4744, 0x4c4743, 0x000000));
            int form = p.chance(0.85) ? 0 : p.between(1, 3);
            return juniperFrame(magic, flags, form, lp.bytes(), lp.note());
        }

        /**
         * The Juniper header: magic, flags; form 0 puts the payload right after it (where libpcap reads it), form 1
         * adds extension TLVs, 2 a 4-byte and 3 an 8-byte cookie (which libpcap does not skip).
         */
        private Frame juniperFrame(int magic, int flags, int form, byte[] payload, String note) {
            ByteBuilder b = new ByteBuilder().u8(magic >>> 16).u16(magic);
            String what;
            switch (form) {
                case 1 -> {
                    byte[] tlvs = new ByteBuilder().u8(1).u8(4).u32(p.between(1, 600)).u8(3).u8(2).u16(0x0200)
                            .toByteArray();
                    b.u8(flags | JUNIPER_EXT).u16(tlvs.length).bytes(tlvs);
                    what = "extensions";
                }
                case 2 -> {
                    b.u8(flags).u32(p.random().nextInt() & 0xffffffffL);
                    what = "4-byte cookie";
                }
                case 3 -> {
                    b.u8(flags).u16(0x0001).u16(p.between(0, 0xffff)).u32(p.random().nextInt() & 0xffffffffL);
                    what = "8-byte cookie";
                }
                default -> {
                    b.u8(flags);
                    what = "payload after the flags";
                }
            }
            return Frame.of(b.bytes(payload).toByteArray(), "Juniper MFR magic 0x" + Integer.toHexString(magic)
                    + " flags 0x" + Integer.toHexString(flags) + " " + (((flags & JUNIPER_IN) != 0) ? "in" : "out")
                    + ", " + what + ": " + note);
        }

        // ------------------------------------------------------------------------------------------------ ipnet

        private Frame ipnet(LinkPayload lp) {
            int family = isIp(lp) ? (isV6(lp) ? IPH_AF_INET6 : IPH_AF_INET) : p.pick(List.of(0, 1, 17));
            if (p.chance(0.03)) {
                family = p.pick(List.of(0, 10, 24, 255));
            }
            int dir = p.chance(0.95) ? p.chance(0.5) ? IPNET_INBOUND : IPNET_OUTBOUND : p.pick(List.of(0, 3, 0x102));
            return ipnetFrame(1, family, dir, lp.bytes(), lp.note());
        }

        /** Solaris's {@code ipnet_hdr_t}: version, family, htype, packet length, ifindex, grifindex, zones. */
        private Frame ipnetFrame(int version, int family, int htype, byte[] packet, String note) {
            byte[] b = new ByteBuilder().u8(version).u8(family).u16(htype).u32(packet.length).u32(p.between(1, 8))
                    .u32(0).u32(p.pick(List.of(0, 0, 1, 7))).u32(p.pick(List.of(0, 0, 3))).bytes(packet).toByteArray();
            return Frame.of(b, "ipnet family " + family + " htype " + htype + ": " + note);
        }

        // ------------------------------------------------------------------------------------------------ enc

        private Frame enc(LinkPayload lp) {
            int af = isIp(lp) ? isV6(lp) ? ENC_FAMILIES_6[p.random().nextInt(ENC_FAMILIES_6.length)] : 2
                    : p.pick(List.of(0, 1, 17));
            return encFrame(af, p.random().nextInt() & 0xffffffffL, p.pick(List.of(0x0400, 0x0800, 0x0c00, 0x1000)),
                    lp.bytes(), lp.note());
        }

        /** OpenBSD's {@code struct enchdr}: family (host order, little-endian here), SPI, flags (host order). */
        private Frame encFrame(int af, long spi, int flags, byte[] packet, String note) {
            return Frame.of(new ByteBuilder().u32le(af).u32(spi).u32le(flags).bytes(packet).toByteArray(),
                    "enc AF " + af + " flags 0x" + Integer.toHexString(flags) + ": " + note);
        }

        // ------------------------------------------------------------------------------------------------ LocalTalk

        private Frame localTalk() {
            int type = p.chance(0.85) ? p.between(1, 2) : LLAP_TYPES[p.random().nextInt(LLAP_TYPES.length)];
            int ddpType = DDP_TYPES[p.random().nextInt(DDP_TYPES.length)];
            return llap(p.chance(0.2) ? 0xff : p.between(1, 254), p.between(1, 254), type, ddpType);
        }

        /** An LLAP frame: destination and source node, type; short or long DDP behind types 1 and 2. */
        private Frame llap(int dst, int src, int type, int ddpType) {
            ByteBuilder b = new ByteBuilder().u8(dst).u8(src).u8(type);
            byte[] data = ddpType == 22 ? ip.nextV4().getFirst().bytes() : p.bytes(p.between(2, 40));
            if (type == 1) {
                b.u16(5 + data.length).u8(p.pick(List.of(1, 2, 4, 6, 253))).u8(p.pick(List.of(1, 2, 4, 6, 253)))
                        .u8(ddpType).bytes(data);
            } else if (type == 2) {
                b.u16((p.between(0, 15) << 10) | (13 + data.length)).u16(p.chance(0.5) ? 0 : p.between(1, 0xffff))
                        .u16(p.pick(List.of(0, 1, 0xff00, 0x1234))).u16(p.pick(List.of(0, 1, 0xff00, 0x1234)))
                        .u8(dst).u8(src).u8(p.pick(List.of(1, 2, 4, 6, 253))).u8(p.pick(List.of(1, 2, 4, 6, 253)))
                        .u8(ddpType).bytes(data);
            }
            return Frame.of(b.toByteArray(), "LLAP type 0x" + Integer.toHexString(type) + (type <= 2 ? " DDP type "
                    + ddpType : " control") + " to " + dst);
        }

        // ------------------------------------------------------------------------------------------------ EtherType

        /** The EtherType (or, for 802.2 payloads, the length) and bytes for an EtherType-field link. */
        private int etherType(LinkPayload lp) {
            return lp.encapsulation() == LinkPayload.Encapsulation.ETHERNET_II ? lp.etherType() : lp.bytes().length;
        }

        private Frame symantec(LinkPayload lp) {
            return symantecFrame(etherType(lp), lp.bytes(), lp.note());
        }

        /** The Symantec firewall's 44-byte header, the EtherType at 6. */
        private Frame symantecFrame(int type, byte[] payload, String note) {
            byte[] h = new byte[44];
            byte[] front = p.bytes(6);
            System.arraycopy(front, 0, h, 0, 6);
            h[6] = (byte) (type >>> 8);
            h[7] = (byte) type;
            byte[] rest = p.chance(0.5) ? new byte[36] : p.bytes(36);
            System.arraycopy(rest, 0, h, 8, 36);
            return Frame.of(new ByteBuilder().bytes(h).bytes(payload).toByteArray(), "Symantec firewall type 0x"
                    + Integer.toHexString(type) + ": " + note);
        }

        private byte[] eui64() {
            return switch (p.random().nextInt(4)) {
                case 0 -> new byte[] {0x00, 0x0a, (byte) 0x95, (byte) 0xff, (byte) 0xfe, 0x12, 0x34, 0x56};
                case 1 -> new byte[] {0x00, 0x11, 0x24, 0x00, 0x00, (byte) 0xab, (byte) 0xcd, (byte) 0xef};
                case 2 -> new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff};
                default -> p.bytes(8);
            };
        }

        private Frame firewire(LinkPayload lp) {
            return firewireFrame(eui64(), eui64(), etherType(lp), lp.bytes(), lp.note());
        }

        /** Apple's IP-over-1394 header: destination and source EUI-64, EtherType. */
        private Frame firewireFrame(byte[] dst, byte[] src, int type, byte[] payload, String note) {
            return Frame.of(new ByteBuilder().bytes(dst).bytes(src).u16(type).bytes(payload).toByteArray(),
                    "IP over 1394 type 0x" + Integer.toHexString(type) + ": " + note);
        }

        // ------------------------------------------------------------------------------------------------ sweeps

        /** Every header value libpcap tests on this link type, behind some traffic. */
        List<Frame> sweep(NonIpTraffic other) {
            List<Frame> out = new ArrayList<>();
            switch (pcap) {
                case PPP, PPP_SERIAL, PPP_PPPD, PPP_ETHER, PPP_BSDOS -> {
                    int variants = switch (pcap) {
                        case PPP, PPP_SERIAL, PPP_PPPD -> 4;
                        case PPP_BSDOS -> 2;
                        default -> 1;
                    };
                    for (int proto : PPP_PROTOCOLS) {
                        for (int v = 0; v < variants; v++) {
                            int variant = pcap == TestPcap.PPP_PPPD ? new int[] {0, 1, 2, 0xff}[v]
                                    : pcap == TestPcap.PPP_ETHER ? 0x0042 : v;
                            out.add(pppFrame(proto, pppInfo(proto), "sweep", variant));
                        }
                    }
                }
                case C_HDLC -> {
                    for (int address : new int[] {CHDLC_UNICAST, CHDLC_BROADCAST, 0x00, 0xff}) {
                        out.add(ciscoHdlc(address, LinkPayload.of(ip.nextV4().getFirst())));
                        out.add(ciscoHdlc(address, LinkPayload.of(ip.nextV6().getFirst())));
                    }
                    for (int code : new int[] {0, 1, 2}) {
                        out.add(Frame.of(new ByteBuilder().u8(CHDLC_BROADCAST).u8(0).u16(SLARP).bytes(slarp(code))
                                .toByteArray(), "Cisco HDLC SLARP code " + code));
                    }
                    for (int t : new int[] {CDP, CHDLC_ISO, CHDLC_STP, CHDLC_BRIDGED, NonIp.MPLS, 0x8848, 0x0806,
                        0x809b, 0x80f3, 0x8137, 0x6003, 0x6004, 0x00fe, 0x0042, 0x00e0, 0x0600, 0x05dc}) {
                        out.add(Frame.of(new ByteBuilder().u8(CHDLC_UNICAST).u8(0).u16(t).bytes(t == CHDLC_ISO
                                ? NonIp.isis(18, 27, p.bytes(24)) : p.bytes(p.between(8, 40))).toByteArray(),
                                "Cisco HDLC sweep type 0x" + Integer.toHexString(t)));
                    }
                    // IS-IS behind the fudge byte, its ID-length byte holding PDU type values too: libpcap 1.10.3
                    // reads the PDU type one byte early there (master after the fudge byte).
                    for (int type : new int[] {15, 16, 17, 18, 20, 24, 25, 26, 27, 0}) {
                        byte[] isis = NonIp.isis(type, 27, p.bytes(24));
                        int early = new int[] {15, 16, 17, 18, 20, 24, 25, 26, 27}[p.random().nextInt(9)];
                        isis[3] = (byte) early;
                        out.add(Frame.of(new ByteBuilder().u8(CHDLC_UNICAST).u8(0).u16(CHDLC_ISO).u8(0).bytes(isis)
                                .toByteArray(), "Cisco HDLC IS-IS type " + type + ", ID-length byte " + early));
                    }
                }
                case FRELAY -> {
                    for (int dlci : DLCIS) {
                        for (int bits = 0; bits < 4; bits++) {
                            LinkPayload lp = LinkPayload.of(ip.next().getFirst());
                            out.add(Frame.of(new ByteBuilder().bytes(q922(dlci, bits & 1, bits >> 1, bits >> 1, bits & 1))
                                    .u8(0x03).u8(isV6(lp) ? NLPID_IPV6 : NLPID_IP).bytes(lp.bytes()).toByteArray(),
                                    "Frame Relay DLCI " + dlci + " bits " + bits + ": " + lp.note()));
                        }
                    }
                    for (int nlpid : new int[] {NLPID_IP, NLPID_IPV6, NLPID_SNAP, 0x81, 0x82, 0x83, NLPID_Q933, 0x00,
                        0xb0, 0xff}) {
                        for (int control : new int[] {0x03, 0x13, 0x00}) {
                            out.add(Frame.of(new ByteBuilder().bytes(q922(100, 0, 0, 0, 0)).u8(control).u8(nlpid)
                                    .bytes(nlpid == NLPID_IP ? ip.nextV4().getFirst().bytes() : nlpid == NLPID_IPV6
                                            ? ip.nextV6().getFirst().bytes() : p.bytes(p.between(10, 40)))
                                    .toByteArray(), "Frame Relay sweep control 0x" + Integer.toHexString(control)
                                    + " NLPID 0x" + Integer.toHexString(nlpid)));
                        }
                    }
                    // libpcap reads the IS-IS PDU type at 4, right after the NLPID: every type there, with and
                    // without the reserved bits (which 1.10.3 compares and master masks off).
                    for (int type : new int[] {15, 16, 17, 18, 20, 24, 25, 26, 27, 0, 19, 31}) {
                        for (int reserved : new int[] {0, 0x20, 0xe0}) {
                            out.add(Frame.of(new ByteBuilder().bytes(q922(100, 0, 0, 0, 0)).u8(0x03).u8(0x83)
                                    .u8(type | reserved).u8(1).u8(0).u8(type).bytes(p.bytes(20)).toByteArray(),
                                    "Frame Relay IS-IS, byte 4 = 0x" + Integer.toHexString(type | reserved)));
                        }
                    }
                    for (int type : new int[] {0x75, 0x7d}) {
                        out.add(lmi(0, type));
                        out.add(lmi(1023, type));
                    }
                }
                case SLIP, SLIP_BSDOS -> {
                    for (int first : SLIP_FIRST_BYTES) {
                        for (int type : new int[] {SLIP_TYPE_IP, SLIP_UNCOMPRESSED_TCP, SLIP_COMPRESSED_TCP}) {
                            IpTraffic.L3 l3 = p.chance(0.6) ? ip.nextV4().getFirst() : ip.nextV6().getFirst();
                            out.add(slipFrame(first, type, l3.bytes(), "sweep: " + l3.note()));
                        }
                    }
                    for (int k = 0; k < 8; k++) {
                        LinkPayload lp = other.next();
                        out.add(slipFrame(p.random().nextInt(2), 0, lp.bytes(), "not IP: " + lp.note()));
                    }
                }
                case JUNIPER_MFR -> {
                    for (int magic : new int[] {JUNIPER_MAGIC, 0x4d4744, 0x4c4743, 0xcd4743}) {
                        for (int flags = 0; flags < 4; flags++) {
                            for (int form = 0; form < 4; form++) {
                                IpTraffic.L3 l3 = ip.next().getFirst();
                                out.add(juniperFrame(magic, flags, form, l3.bytes(), "sweep: " + l3.note()));
                            }
                        }
                    }
                    for (int k = 0; k < 10; k++) {
                        LinkPayload lp = other.next();
                        out.add(juniperFrame(JUNIPER_MAGIC, k & 3, 0, lp.bytes(), "not IP: " + lp.note()));
                    }
                }
                case IPNET -> {
                    for (int family : new int[] {IPH_AF_INET, IPH_AF_INET6, 0, 10, 24, 255}) {
                        for (int dir : new int[] {IPNET_OUTBOUND, IPNET_INBOUND, 0, 3, 0x100, 0x201}) {
                            IpTraffic.L3 l3 = family == IPH_AF_INET6 || (family != IPH_AF_INET && p.chance(0.5))
                                    ? ip.nextV6().getFirst() : ip.nextV4().getFirst();
                            out.add(ipnetFrame(1, family, dir, l3.bytes(), "sweep: " + l3.note()));
                        }
                    }
                    out.add(ipnetFrame(2, IPH_AF_INET, IPNET_INBOUND, ip.nextV4().getFirst().bytes(), "version 2"));
                }
                case ENC -> {
                    for (int af : new int[] {2, 10, 24, 28, 30, 0, 0x02000000, 0x0a000000, 17}) {
                        for (int flags : new int[] {0x0400, 0x0800, 0x0c00}) {
                            IpTraffic.L3 l3 = af == 2 || af == 0x02000000 ? ip.nextV4().getFirst()
                                    : ip.nextV6().getFirst();
                            out.add(encFrame(af, p.random().nextInt() & 0xffffffffL, flags, l3.bytes(),
                                    "sweep: " + l3.note()));
                        }
                    }
                }
                case LTALK -> {
                    for (int type : LLAP_TYPES) {
                        for (int ddp : DDP_TYPES) {
                            out.add(llap(p.chance(0.5) ? 0xff : 7, 9, type, ddp));
                        }
                    }
                    for (int type : new int[] {0, 3, 0x80, 0xff}) {
                        out.add(llap(0xff, 3, type, 2));
                    }
                }
                case SYMANTEC_FIREWALL, APPLE_IP_OVER_IEEE1394 -> {
                    for (int t : new int[] {Ipv4.ETHERTYPE, Ipv6.ETHERTYPE, 0x0806, 0x8035, 0x809b, 0x80f3, 0x8137,
                        0x6003, 0x6004, 0x6001, 0x6002, NonIp.MPLS, 0x8863, 0x8864, 0x8100, 0x88a8, 0x88cc, 0x0042,
                        0x00fe, 0x00e0, 0x05dc, 0x0600, 0x0000, 0xffff}) {
                        byte[] payload = t == Ipv4.ETHERTYPE ? ip.nextV4().getFirst().bytes() : t == Ipv6.ETHERTYPE
                                ? ip.nextV6().getFirst().bytes() : t == 0x0806 || t == 0x8035
                                ? NonIp.arp(t == 0x0806 ? 1 : 3, p.mac(), p.ipv4(), new byte[6], p.ipv4())
                                : p.bytes(p.between(8, 46));
                        out.add(pcap == TestPcap.SYMANTEC_FIREWALL ? symantecFrame(t, payload, "sweep")
                                : firewireFrame(eui64(), eui64(), t, payload, "sweep"));
                    }
                }
                default -> throw new IllegalArgumentException(pcap.name());
            }
            return out;
        }
    }
}
