package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The captures of the link types with one-byte station addresses. ARCnet, as BSD captures it (source, destination,
 * then the RFC 1201 system code, split flag and sequence number, the payload at 6) and as Linux does (the same with
 * the 2-byte hardware offset field after the addresses, the system code at 4 and the payload at 8); RFC 1201
 * exception frames (split flag 0xff, two filler bytes and the code and flag again: the payload 4 bytes further than
 * libpcap's fixed offset reads), RFC 1051 frames (codes 240 and 241, the payload right after the code), fragmented
 * packets (the split flag odd on the first fragment, even on the others), short and long frames (the Linux offset
 * field says which). Every system code libpcap tests (IPv4 212 and RFC 1051's 240, ARP 213 and 241, RARP 214,
 * AppleTalk 221, IPv6 0xc4) and others it does not (IPX 250, Banyan 247, diagnostics 0x80, Ethernet encapsulation
 * 0xe8, ...); broadcast is destination 0. BACnet MS/TP: the preamble, every frame type (token, poll for master,
 * data with and without reply, test, reply postponed, the extended and proprietary types), destination, source,
 * length, header CRC, then the data (a BACnet NPDU: Who-Is, I-Am, ReadProperty and its acknowledgement, network
 * layer messages, routed to a remote network or not) with its CRC; broadcast is destination 0xff. Station addresses
 * come from a small pool with the ones libpcap's tests name.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_ARCNET_BSD.html">LINKTYPE_ARCNET_BSD</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_ARCNET_LINUX.html">LINKTYPE_ARCNET_LINUX</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1201">RFC 1201</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_BACNET_MS_TP.html">LINKTYPE_BACNET_MS_TP</a>
 */
final class Mac8Captures {
    private Mac8Captures() {
    }

    /** RFC 1201 system codes libpcap knows, and RFC 1051's two. */
    static final int IP = 212, ARP = 213, RARP = 214, ATALK = 221, IPV6 = 0xc4, IP_OLD = 240, ARP_OLD = 241;
    /** System codes libpcap does not test: IPX, Banyan, diagnostics, Ethernet encapsulation, Novell, LANsoft, ... */
    private static final List<Integer> OTHER_CODES = List.of(250, 247, 0x80, 0xe8, 0xec, 0xfb, 0x08, 0xcd, 0x00,
            0xff);
    /** ARCnet stations: the ones libpcap's tests and the corpus name, and a few others. */
    private static final List<Integer> ARCNET_STATIONS = List.of(0x0e, 0x8c, 0xa4, 0xdd, 0x01, 0x7e, 0xfe, 0xff,
            0xd0);
    /** MS/TP stations: masters (0-127), slaves, the ones the tests name; 0xff is broadcast. */
    private static final List<Integer> MSTP_STATIONS = List.of(0x07, 0x7e, 0xa7, 0xa8, 0xa9, 0xb3, 0x01, 0x00,
            0x05, 0x10, 0xdd);
    /** MS/TP frame types: the standard eight, extended data (32, 33), IPv6 over MS/TP (34), proprietary. */
    private static final int[] MSTP_TYPES = {0, 1, 2, 3, 4, 5, 6, 7, 32, 33, 34, 128, 200, 255};

    /** Where libpcap looks for the network layer: RFC 1201's payload offset; MS/TP has none. */
    static int[] networkOffsets(TestPcap pcap, byte[] frame) {
        return switch (pcap) {
            case ARCNET -> new int[] {6};
            case ARCNET_LINUX -> new int[] {8};
            default -> new int[] {};
        };
    }

    /** The frames of {@code pcap}. */
    static List<Frame> frames(TestPcap pcap, Random random) {
        Pools p = new Pools(random);
        return pcap == TestPcap.BACNET_MS_TP ? mstp(p) : arcnet(pcap == TestPcap.ARCNET_LINUX, p);
    }

    // ------------------------------------------------------------------------------------------------ ARCnet

    /** A payload and the system code it goes with. */
    private record Coded(int code, byte[] bytes, String note) {}

    private static List<Frame> arcnet(boolean linux, Pools p) {
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        List<Frame> out = new ArrayList<>();
        while (out.size() < 800) {
            int roll = p.random().nextInt(100);
            Coded c = roll < 62 ? ipPayload(p, ip.next().getFirst())
                    : roll < 68 ? ipPayload(p, p.pick(cornerPool))
                    : nonIp(p, other);
            out.addAll(arcnetFrames(linux, p, station(p), destination(p), c));
        }
        // Every system code with IPv4, IPv6, ARP and AppleTalk payloads, as normal, exception and RFC 1051 frames.
        List<Integer> codes = new ArrayList<>(List.of(IP, ARP, RARP, ATALK, IPV6, IP_OLD, ARP_OLD));
        codes.addAll(OTHER_CODES);
        for (int code : codes) {
            for (Coded c : List.of(ipPayload(p, ip.nextV4().getFirst()), ipPayload(p, ip.nextV6().getFirst()),
                    arp(p, 1), atalk(p))) {
                Coded as = new Coded(code, c.bytes(), "code " + code + ": " + c.note());
                out.add(arcnetFrame(linux, station(p), destination(p), as, 0, p.between(0, 0xffff), false));
                out.add(arcnetFrame(linux, station(p), destination(p), as, 0, p.between(0, 0xffff), true));
                out.add(rfc1051(linux, station(p), destination(p), as));
            }
        }
        // A station matrix: every pool station as source and destination, with broadcast.
        List<Integer> stations = new ArrayList<>(ARCNET_STATIONS);
        stations.add(0x00);
        for (int src : stations) {
            for (int dst : stations) {
                out.add(arcnetFrame(linux, src, dst, ipPayload(p, ip.nextV4().getFirst()), 0, p.between(0, 0xffff),
                        false));
            }
        }
        // The tests' hosts and networks in ARP and RARP: 1.2.3.4 and 10.0.0.0 as sender and target.
        for (String[] pair : new String[][] {{"1.2.3.4", "10.0.0.1"}, {"10.0.0.1", "1.2.3.4"}, {"10.0.0.0", "1.2.3.5"},
                {"1.2.3.5", "10.0.0.0"}}) {
            for (int op = 1; op <= 4; op++) {
                byte[] arp = NonIp.arp(op, p.mac(), Addr.v4(pair[0]), p.mac(), Addr.v4(pair[1]));
                out.add(arcnetFrame(linux, station(p), destination(p), new Coded(op <= 2 ? ARP : RARP, arp,
                        "ARP op " + op + " " + pair[0] + " > " + pair[1]), 0, p.between(0, 0xffff), false));
            }
        }
        // Packets long enough for the suite's PROTO[0xab] loads: IPv4, IPv6, and AppleTalk and other codes.
        for (FilledPackets.Filled f : FilledPackets.packets()) {
            int code = switch (f.etherType()) {
                case Ipv4.ETHERTYPE -> IP;
                case Ipv6.ETHERTYPE -> IPV6;
                default -> ATALK;
            };
            out.add(arcnetFrame(linux, 0x8c, 0xa4, new Coded(code, f.bytes(), f.note()), 0, 7, false));
            if (code == ATALK) {
                out.add(arcnetFrame(linux, 0x8c, 0xa4, new Coded(0x42, f.bytes(), f.note()), 0, 7, false));
            }
        }
        // Packets long enough to need fragments.
        for (int i = 0; i < 6; i++) {
            IpTraffic.L3 big = bigPacket(p);
            out.addAll(arcnetFrames(linux, p, station(p), destination(p), ipPayload(p, big)));
        }
        out.addAll(arcnetCuts(linux, p, ip));
        return out;
    }

    private static int station(Pools p) {
        return p.chance(0.85) ? p.pick(ARCNET_STATIONS) : p.between(1, 255);
    }

    private static int destination(Pools p) {
        return p.chance(0.15) ? 0 : station(p);
    }

    /** An IP packet with its code: RFC 1201's, or 1 time in 12 RFC 1051's for IPv4. */
    private static Coded ipPayload(Pools p, IpTraffic.L3 l3) {
        boolean v6 = l3.etherType() == Ipv6.ETHERTYPE;
        int code = v6 ? IPV6 : p.chance(1 / 12.0) ? IP_OLD : IP;
        return new Coded(code, l3.bytes(), l3.note());
    }

    /** ARP or RARP with ARCnet's hardware type (7) and 1-byte addresses, or as Ethernet's. */
    private static Coded arp(Pools p, int op) {
        byte[] spa = p.ipv4();
        byte[] tpa = p.ipv4();
        if (p.chance(0.5)) {
            byte[] a = new ByteBuilder().u16(7).u16(0x0800).u8(1).u8(4).u16(op).u8(p.pick(ARCNET_STATIONS)).bytes(spa)
                    .u8(op == 1 ? 0 : p.pick(ARCNET_STATIONS)).bytes(tpa).toByteArray();
            return new Coded(op <= 2 ? (p.chance(0.1) ? ARP_OLD : ARP) : RARP, a, "ARCnet ARP op " + op);
        }
        return new Coded(op <= 2 ? ARP : RARP, NonIp.arp(op, p.mac(), spa, new byte[6], tpa), "ARP op " + op);
    }

    private static Coded atalk(Pools p) {
        byte[] ddp = NonIp.ddp(p.between(0, 0xffff), p.between(0, 0xffff), p.between(1, 254), p.between(1, 254),
                p.pick(List.of(1, 2, 4, 6, 0xfd)), p.between(1, 254), p.pick(List.of(1, 2, 3, 4, 6)),
                p.bytes(p.between(0, 30)));
        return new Coded(ATALK, ddp, "AppleTalk DDP");
    }

    /** ARP, RARP, AppleTalk, or a non-IP payload under a code libpcap does not know. */
    private static Coded nonIp(Pools p, NonIpTraffic other) {
        int roll = p.random().nextInt(100);
        if (roll < 30) {
            return arp(p, p.chance(0.8) ? p.between(1, 2) : p.between(3, 4));
        }
        if (roll < 50) {
            return atalk(p);
        }
        LinkPayload lp = other.next();
        int code = p.pick(OTHER_CODES);
        return new Coded(code, lp.bytes(), "code " + code + " (unknown to libpcap): " + lp.note());
    }

    /** {@code c} as one frame, or as RFC 1201 fragments if it is longer than one frame carries. */
    private static List<Frame> arcnetFrames(boolean linux, Pools p, int src, int dst, Coded c) {
        int seq = p.between(0, 0xffff);
        byte[] b = c.bytes();
        if (c.code() == IP_OLD || c.code() == ARP_OLD) {
            return List.of(rfc1051(linux, src, dst, c));
        }
        if (b.length <= 504) {
            // Payloads of 250 to 253 bytes go as exception frames (neither a short nor a long frame fits them).
            boolean exception = b.length >= 250 && b.length <= 253 || p.chance(0.03);
            return List.of(arcnetFrame(linux, src, dst, c, 0, seq, exception));
        }
        int count = (b.length + 503) / 504;
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] part = Arrays.copyOfRange(b, i * 504, Math.min(b.length, (i + 1) * 504));
            int flag = i == 0 ? (count - 2) * 2 + 1 : i * 2;
            out.add(arcnetFrame(linux, src, dst, new Coded(c.code(), part, c.note() + ", fragment " + (i + 1) + "/"
                    + count), flag, seq, false));
        }
        return out;
    }

    /**
     * An RFC 1201 frame: the addresses (and on Linux the offset field), the code, the split flag and the sequence
     * number; an exception frame has the code, 0xff and two 0xff fillers first.
     */
    private static Frame arcnetFrame(boolean linux, int src, int dst, Coded c, int flag, int seq, boolean exception) {
        ByteBuilder soft = new ByteBuilder();
        if (exception) {
            soft.u8(c.code()).u8(0xff).u8(0xff).u8(0xff);
        }
        soft.u8(c.code()).u8(flag).u16(seq).bytes(c.bytes());
        return Frame.of(arcnetHeader(linux, src, dst, soft.size(), exception).bytes(soft.toByteArray())
                .toByteArray(), (linux ? "ARCnet Linux " : "ARCnet ") + (exception ? "exception " : "")
                + String.format("%02x > %02x", src, dst) + (flag != 0 ? " flag " + flag : "") + ": " + c.note());
    }

    /** An RFC 1051 frame: the code right before the payload. */
    private static Frame rfc1051(boolean linux, int src, int dst, Coded c) {
        byte[] soft = new ByteBuilder().u8(c.code()).bytes(c.bytes()).toByteArray();
        return Frame.of(arcnetHeader(linux, src, dst, soft.length, false).bytes(soft).toByteArray(),
                (linux ? "ARCnet Linux " : "ARCnet ") + "RFC 1051 " + String.format("%02x > %02x", src, dst) + ": "
                        + c.note());
    }

    /**
     * Source and destination; on Linux the offset where the data starts in the 256-byte (short) or 512-byte (long)
     * buffer: a short frame's in the first byte, a long frame's in the second.
     */
    private static ByteBuilder arcnetHeader(boolean linux, int src, int dst, int softLength, boolean exception) {
        ByteBuilder b = new ByteBuilder().u8(src).u8(dst);
        if (linux) {
            boolean isShort = softLength <= 253 && !exception;
            b.u8(isShort ? 256 - softLength : 0).u8(isShort ? 0 : Math.max(0, 512 - softLength) & 0xff);
        }
        return b;
    }

    private static IpTraffic.L3 bigPacket(Pools p) {
        byte[] data = p.bytes(p.pick(List.of(600, 1000, 1400)));
        if (p.chance(0.5)) {
            return new IpTraffic.L3(Ipv4.ETHERTYPE, Ipv4.of(p.ipv4(), p.ipv4())
                    .payload(Tcp.ports(80, p.port()).flags(Tcp.ACK).data(data).build()).build(), p.mac(), "big IPv4");
        }
        return new IpTraffic.L3(Ipv6.ETHERTYPE, Ipv6.of(p.ipv6(), p.ipv6())
                .payload(Transport.udp(443, p.port(), data)).build(), p.mac(), "big IPv6");
    }

    /** Frames cut at every byte of the link header and the IP header; empty, 1-byte and random records. */
    private static List<Frame> arcnetCuts(boolean linux, Pools p, IpTraffic ip) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Coded c = ipPayload(p, i == 1 ? ip.nextV6().getFirst() : ip.nextV4().getFirst());
            Frame whole = arcnetFrame(linux, station(p), destination(p), new Coded(c.code() == IP_OLD ? IP : c.code(),
                    c.bytes(), c.note()), 0, 1, false);
            int end = Math.min(whole.capturedLength(), 56);
            for (int cut = 0; cut < end; cut += cut < 12 ? 1 : 2) {
                if (i == 0 || cut % 3 == i) {
                    out.add(whole.truncatedTo(cut));
                }
            }
        }
        out.addAll(EdgeRecords.tiny(p, 60, 20, 100));
        out.addAll(EdgeRecords.random(p, 30, 100, 0.3, 60));
        return out;
    }

    // ------------------------------------------------------------------------------------------- BACnet MS/TP

    private static List<Frame> mstp(Pools p) {
        List<Frame> out = new ArrayList<>();
        // Token passing among masters, polls for master, data frames with NPDUs, now and then a test frame.
        while (out.size() < 800) {
            int roll = p.random().nextInt(100);
            int src = mstpStation(p);
            int dst = mstpStation(p);
            if (roll < 30) {
                out.add(mstpFrame(0, dst, src, new byte[0], "token"));
            } else if (roll < 40) {
                out.add(mstpFrame(1, p.between(0, 127), src, new byte[0], "poll for master"));
            } else if (roll < 44) {
                out.add(mstpFrame(2, dst, src, new byte[0], "reply to poll for master"));
            } else if (roll < 90) {
                boolean broadcast = p.chance(0.3);
                Npdu n = npdu(p, broadcast);
                int type = broadcast ? 6 : n.expectingReply() ? 5 : 6;
                out.add(mstpFrame(type, broadcast ? 0xff : dst, src, n.bytes(), n.note()));
            } else if (roll < 94) {
                out.add(mstpFrame(p.between(3, 4), dst, src, p.bytes(p.between(0, 20)), "test frame"));
            } else if (roll < 96) {
                out.add(mstpFrame(7, dst, src, new byte[0], "reply postponed"));
            } else {
                int type = p.pick(List.of(32, 33, 34, 128, 200, 255));
                out.add(mstpFrame(type, p.chance(0.3) ? 0xff : dst, src, p.bytes(p.between(0, 40)), "frame type "
                        + type));
            }
        }
        // Every frame type between two stations, with and without data; a station matrix with broadcast.
        byte[] whoIs = npdu(p, true).bytes();
        for (int type : MSTP_TYPES) {
            out.add(mstpFrame(type, 0x07, 0x7e, new byte[0], "type sweep " + type));
            out.add(mstpFrame(type, 0xa7, 0xa8, whoIs, "type sweep " + type + " with data"));
        }
        List<Integer> stations = new ArrayList<>(MSTP_STATIONS);
        stations.add(0xff);
        for (int src : stations) {
            for (int dst : stations) {
                out.add(mstpFrame(6, dst, src, whoIs, "station matrix"));
            }
        }
        // Bad preambles, a bad header CRC, a length beyond the data, lengths 0xffff.
        byte[] good = mstpFrame(6, 0xa9, 0xb3, whoIs, "").data();
        for (int[] pre : new int[][] {{0x55, 0xfe}, {0x00, 0xff}, {0xff, 0x55}, {0x55, 0x55}}) {
            byte[] bad = good.clone();
            bad[0] = (byte) pre[0];
            bad[1] = (byte) pre[1];
            out.add(Frame.of(bad, String.format("preamble %02x %02x", pre[0], pre[1])));
        }
        byte[] badCrc = good.clone();
        badCrc[7] ^= 0x5a;
        out.add(Frame.of(badCrc, "bad header CRC"));
        byte[] longer = good.clone();
        longer[5] = (byte) 0xff;
        longer[6] = (byte) 0xff;
        out.add(Frame.of(longer, "length 0xffff"));
        // Cuts at every byte of the header and into the NPDU, tiny and random records.
        Frame whole = mstpFrame(5, 0xa7, 0x07, npdu(p, false).bytes(), "cut");
        for (int cut = 0; cut < whole.capturedLength(); cut++) {
            out.add(whole.truncatedTo(cut));
        }
        out.addAll(EdgeRecords.tiny(p, 8, 8, 60));
        for (int i = 0; i < 30; i++) {
            byte[] junk = p.bytes(p.between(0, 60));
            if (i % 2 == 0 && junk.length >= 2) {
                junk[0] = 0x55;
                junk[1] = (byte) 0xff;
            }
            out.add(new Frame(junk, junk.length + (p.chance(0.3) ? p.between(1, 30) : 0), "random bytes"));
        }
        return out;
    }

    private static int mstpStation(Pools p) {
        return p.chance(0.85) ? p.pick(MSTP_STATIONS) : p.between(0, 254);
    }

    /** An NPDU and whether it asks for a reply. */
    private record Npdu(byte[] bytes, boolean expectingReply, String note) {}

    /**
     * A BACnet NPDU: version 1, the control byte (network message, destination and source present, expecting reply,
     * priority), a remote destination network sometimes, the hop count, then an APDU (Who-Is, I-Am, ReadProperty,
     * its ComplexACK, a SimpleACK) or a network-layer message (Who-Is-Router-To-Network, I-Am-Router-To-Network).
     */
    private static Npdu npdu(Pools p, boolean broadcast) {
        int kind = broadcast ? p.pick(List.of(0, 1, 5)) : p.between(0, 5);
        boolean remote = p.chance(0.2);
        boolean expecting = kind == 2;
        int control = (kind == 5 ? 0x80 : 0) | (remote ? 0x20 : 0) | (expecting ? 0x04 : 0) | p.pick(List.of(0, 0,
                1, 3));
        ByteBuilder b = new ByteBuilder().u8(0x01).u8(control);
        if (remote) {
            // DNET, DLEN 0 (broadcast on that network), then the hop count.
            b.u16(p.pick(List.of(1, 2, 100, 0xffff))).u8(0).u8(255);
        }
        String note = switch (kind) {
            case 0 -> {
                b.u8(0x10).u8(0x08);
                yield "Who-Is";
            }
            case 1 -> {
                b.u8(0x10).u8(0x00).u8(0xc4).u32(0x02000000L | p.between(0, 4194303)).u8(0x22).u16(1476).u8(0x91)
                        .u8(0x03).u8(0x21).u8(p.between(0, 255));
                yield "I-Am";
            }
            case 2 -> {
                b.u8(0x00).u8(0x05).u8(p.between(0, 255)).u8(0x0c).u8(0x0c).u32(p.between(0, 0xffffff)).u8(0x19)
                        .u8(0x55);
                yield "ReadProperty";
            }
            case 3 -> {
                b.u8(0x30).u8(p.between(0, 255)).u8(0x0c).u8(0x0c).u32(p.between(0, 0xffffff)).u8(0x19).u8(0x55)
                        .u8(0x3e).u8(0x44).bytes(p.bytes(4)).u8(0x3f);
                yield "ReadProperty ComplexACK";
            }
            case 4 -> {
                b.u8(0x20).u8(p.between(0, 255)).u8(0x0f);
                yield "SimpleACK";
            }
            default -> {
                int type = p.pick(List.of(0x00, 0x01));
                b.u8(type);
                if (type == 0x01 || p.chance(0.5)) {
                    b.u16(p.between(1, 0xfffe));
                }
                yield type == 0 ? "Who-Is-Router-To-Network" : "I-Am-Router-To-Network";
            }
        };
        return new Npdu(b.toByteArray(), expecting, note + (remote ? " (remote network)" : ""));
    }

    /**
     * An MS/TP frame: preamble 0x55 0xff, frame type, destination, source, data length, header CRC, then the data
     * and its CRC (when there is data).
     */
    private static Frame mstpFrame(int type, int dst, int src, byte[] data, String note) {
        byte[] header = new ByteBuilder().u8(type).u8(dst).u8(src).u16(data.length).toByteArray();
        ByteBuilder b = new ByteBuilder().u8(0x55).u8(0xff).bytes(header).u8(headerCrc(header));
        if (data.length > 0) {
            int crc = dataCrc(data);
            b.bytes(data).u8(crc & 0xff).u8(crc >>> 8);
        }
        return Frame.of(b.toByteArray(), String.format("MS/TP type %d %02x > %02x: %s", type, src, dst, note));
    }

    /** The header CRC of ASHRAE 135 Annex G.1 (polynomial x^8 + x^7 + 1), sent as its ones complement. */
    static int headerCrc(byte[] header) {
        int crc = 0xff;
        for (byte value : header) {
            int c = crc ^ (value & 0xff);
            c = c ^ (c << 1) ^ (c << 2) ^ (c << 3) ^ (c << 4) ^ (c << 5) ^ (c << 6) ^ (c << 7);
            crc = (c & 0xfe) ^ ((c >> 8) & 1);
        }
        return ~crc & 0xff;
    }

    /** The data CRC of ASHRAE 135 Annex G.2 (CRC-CCITT, reflected), sent as its ones complement, low byte first. */
    static int dataCrc(byte[] data) {
        int crc = 0xffff;
        for (byte value : data) {
            int low = (crc & 0xff) ^ (value & 0xff);
            crc = (crc >>> 8) ^ (low << 8) ^ (low << 3) ^ (low << 12) ^ (low >>> 4) ^ (low & 0x0f)
                    ^ ((low & 0x0f) << 7);
            crc &= 0xffff;
        }
        return ~crc & 0xffff;
    }
}
