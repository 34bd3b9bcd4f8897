package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The captures of the link types whose frames carry an 802.2 LLC header and no protocol field of their own: FDDI,
 * 802.5 Token Ring, RFC 2625 IP over Fibre Channel, LLC-encapsulated ATM (RFC 1483, Linux CLIP) and SunATM (a
 * 4-byte pseudo-header: direction and traffic type, VPI, VCI). The same traffic as the other captures (IPv4, IPv6,
 * ARP and the non-IP protocols) goes in LLC/SNAP or, for 802.2 payloads, as it is; on SunATM also as LANE-emulated
 * Ethernet (after a 2-byte LECID, or an LE Control frame), ILMI and Q.2931 signalling on the well-known circuits.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org link-layer header types</a>
 */
final class LlcCaptures {
    private LlcCaptures() {
    }

    /** SunATM traffic types (low 4 bits of the first byte): LANE, LLC, ILMI, Q.SAAL, raw. */
    private static final int PT_LANE = 0x01, PT_LLC = 0x02, PT_ILMI = 0x05, PT_QSAAL = 0x06;
    /** Q.2931 message types: call proceeding, setup, connect, connect ack, release, release done, status. */
    private static final List<Integer> Q2931 = List.of(0x02, 0x05, 0x07, 0x0f, 0x4d, 0x5a, 0x7d);
    /** VPI/VCI pairs: the well-known circuits (metasignalling, broadcast, OAM F4, signalling, ILMI), and others. */
    private static final List<int[]> CIRCUITS = List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3},
            new int[] {0, 4}, new int[] {0, 5}, new int[] {0, 16}, new int[] {0, 32}, new int[] {1, 5},
            new int[] {8, 35}, new int[] {10, 20}, new int[] {255, 65535}, new int[] {101, 20002});

    /** The link header's length: where the LLC header starts. */
    static int headerLength(TestPcap pcap) {
        return switch (pcap.dltName()) {
            case "FDDI" -> 13;
            case "IEEE802" -> 14;
            case "IP_OVER_FC" -> 16;
            case "SUNATM" -> 4;
            default -> 0;
        };
    }

    /** Where libpcap looks for the network layer: after LLC/SNAP, and on SunATM also inside LANE. */
    static int[] networkOffsets(TestPcap pcap) {
        int snap = headerLength(pcap) + 8;
        return pcap.dltName().equals("SUNATM") ? new int[] {snap, 4 + 2 + 14} : new int[] {snap};
    }

    /** The frames of {@code pcap}. */
    static List<Frame> frames(TestPcap pcap, Random random) {
        Pools p = new Pools(random);
        IpTraffic ip = new IpTraffic(p);
        NonIpTraffic other = new NonIpTraffic(p, ip);
        List<IpTraffic.L3> cornerPool = new L3Corners(p, ip).both();
        String dlt = pcap.dltName();
        List<Frame> out = new ArrayList<>();
        while (out.size() < 900) {
            int roll = p.random().nextInt(100);
            LinkPayload lp = roll < 55 ? LinkPayload.of(ip.next().getFirst())
                    : roll < 63 ? LinkPayload.of(p.pick(cornerPool))
                    : other.next();
            out.add(frame(dlt, p, lp));
        }
        for (int k = 0; k < NonIpTraffic.KINDS; k++) {
            for (int i = 0; i < 2; i++) {
                out.add(frame(dlt, p, other.kind(k)));
            }
        }
        for (LinkPayload lp : other.isisSweep()) {
            out.add(frame(dlt, p, lp));
        }
        for (LinkPayload lp : other.llcControlSweep()) {
            out.add(frame(dlt, p, lp));
        }
        if (dlt.equals("SUNATM")) {
            out.addAll(sunAtmSweep(p, ip, other));
        }
        // Cuts inside the link header, the LLC/SNAP header and the network header. A SunATM record always holds the
        // pseudo-header (Wireshark refuses a file with a shorter one as corrupt): there, nothing is cut shorter.
        int least = dlt.equals("SUNATM") ? 4 : 0;
        Frame whole = frame(dlt, p, LinkPayload.of(ip.nextV4().getFirst()));
        for (int cut = least; cut < 60; cut += 3) {
            out.add(whole.truncatedTo(Math.min(cut, whole.capturedLength())));
        }
        byte[] tiny = p.bytes(least + 1);
        out.add(new Frame(Arrays.copyOf(tiny, least), least, least == 0 ? "empty packet" : "pseudo-header only"));
        out.add(new Frame(Arrays.copyOf(tiny, least), 64, "nothing captured after the link header"));
        out.add(new Frame(tiny, tiny.length, tiny.length + "-byte packet"));
        out.add(new Frame(tiny, p.between(20, 100), tiny.length + " bytes captured"));
        for (int i = 0; i < 30; i++) {
            byte[] junk = p.bytes(p.between(least, 100));
            out.add(Frame.of(junk, "random bytes"));
        }
        return out;
    }

    /** {@code lp} behind the link header of {@code dlt}, in LLC/SNAP unless it is an 802.2 PDU already. */
    private static Frame frame(String dlt, Pools p, LinkPayload lp) {
        byte[] llc = llc(p, lp);
        byte[] dst = p.chance(0.7) ? lp.dstMac() : p.mac();
        byte[] src = p.mac();
        return switch (dlt) {
            // Frame control: mostly LLC frames (0x50 asynchronous, 0x51..0x57 with priority), a few others.
            case "FDDI" -> Frame.of(new ByteBuilder().u8(p.chance(0.85) ? 0x50 | p.between(0, 7)
                    : p.pick(List.of(0x41, 0x4f, 0xc2, 0x20))).bytes(dst).bytes(src).bytes(llc).toByteArray(),
                    "FDDI: " + lp.note());
            // Access control, frame control (0x40: LLC frame; 0x00: MAC frame).
            case "IEEE802" -> Frame.of(new ByteBuilder().u8(0x10).u8(p.chance(0.9) ? 0x40 : 0x00).bytes(dst)
                    .bytes(src).bytes(llc).toByteArray(), "Token Ring: " + lp.note());
            // RFC 2625: NAA (IEEE 48-bit, 0x1; or IEEE extended, 0x2) and address, destination then source.
            case "IP_OVER_FC" -> Frame.of(new ByteBuilder().u16(p.chance(0.8) ? 0x1000 : 0x2000).bytes(dst)
                    .u16(0x1000).bytes(src).bytes(llc).toByteArray(), "IP over FC: " + lp.note());
            case "ATM_RFC1483", "ATM_CLIP" -> Frame.of(llc, "LLC: " + lp.note());
            case "SUNATM" -> sunAtm(p, lp, llc);
            default -> throw new IllegalArgumentException(dlt);
        };
    }

    /** The LLC PDU for {@code lp}: SNAP for an EtherType (Apple's OUI for AppleTalk, sometimes), else as it is. */
    private static byte[] llc(Pools p, LinkPayload lp) {
        return switch (lp.encapsulation()) {
            case ETHERNET_II -> Link.snap(lp.etherType() == NonIp.ATALK && p.chance(0.7) ? 0x080007
                    : p.chance(0.95) ? 0 : 0x0000f8, lp.etherType(), lp.bytes());
            case LLC, RAW_802_3 -> lp.bytes();
        };
    }

    /** A SunATM PDU: mostly LLC-encapsulated, a fifth LANE, some signalling or raw cells. */
    private static Frame sunAtm(Pools p, LinkPayload lp, byte[] llc) {
        int dir = p.chance(0.5) ? 0x80 : 0;
        int[] vc = p.pick(CIRCUITS);
        int roll = p.random().nextInt(100);
        if (roll < 70) {
            return Frame.of(sunAtmHeader(dir | PT_LLC, vc).bytes(llc).toByteArray(), "SunATM LLC: " + lp.note());
        }
        if (roll < 92) {
            return Frame.of(lane(dir, vc, p.chance(0.9) ? p.between(1, 0xfeff) : 0xff00, lp, p),
                    "SunATM LANE: " + lp.note());
        }
        return Frame.of(sunAtmHeader(dir | p.pick(List.of(0, PT_ILMI, PT_QSAAL, 0x0f)), vc).bytes(llc)
                .toByteArray(), "SunATM other traffic: " + lp.note());
    }

    private static ByteBuilder sunAtmHeader(int flags, int[] vc) {
        return new ByteBuilder().u8(flags).u8(vc[0]).u16(vc[1]);
    }

    /** A LANE PDU: the LECID (0xff00: an LE Control frame), then the emulated Ethernet frame. */
    private static byte[] lane(int dir, int[] vc, int lecid, LinkPayload lp, Pools p) {
        return sunAtmHeader(dir | PT_LANE, vc).u16(lecid).bytes(lp.toEthernet(p.mac(), false)).toByteArray();
    }

    /** Every circuit with every traffic type, and Q.2931 messages on each. */
    private static List<Frame> sunAtmSweep(Pools p, IpTraffic ip, NonIpTraffic other) {
        List<Frame> out = new ArrayList<>();
        for (int[] vc : CIRCUITS) {
            for (int type : new int[] {0, PT_LANE, PT_LLC, PT_ILMI, PT_QSAAL}) {
                LinkPayload lp = p.chance(0.6) ? LinkPayload.of(ip.next().getFirst()) : other.next();
                out.add(type == PT_LANE ? Frame.of(lane(0, vc, 0x0001, lp, p), "SunATM sweep LANE")
                        : Frame.of(sunAtmHeader(type, vc).bytes(llc(p, lp)).toByteArray(), "SunATM sweep " + type));
            }
            for (int m : Q2931) {
                // Protocol discriminator 0x09, call reference length 3 and value, message type, flags, length.
                out.add(Frame.of(sunAtmHeader(PT_QSAAL, vc).u8(0x09).u8(3).u8(0).u16(p.between(1, 0xffff)).u8(m)
                        .u8(0x80).u16(0).toByteArray(), "SunATM Q.2931 message " + m));
            }
        }
        return out;
    }
}
