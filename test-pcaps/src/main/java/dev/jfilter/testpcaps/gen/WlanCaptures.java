package dev.jfilter.testpcaps.gen;

import static dev.jfilter.testpcaps.gen.Ieee80211Frames.*;
import static dev.jfilter.testpcaps.gen.RadioHeaders.ANTENNA;
import static dev.jfilter.testpcaps.gen.RadioHeaders.AMPDU;
import static dev.jfilter.testpcaps.gen.RadioHeaders.CHANNEL;
import static dev.jfilter.testpcaps.gen.RadioHeaders.DBM_ANTNOISE;
import static dev.jfilter.testpcaps.gen.RadioHeaders.DBM_ANTSIGNAL;
import static dev.jfilter.testpcaps.gen.RadioHeaders.DB_ANTSIGNAL;
import static dev.jfilter.testpcaps.gen.RadioHeaders.FHSS;
import static dev.jfilter.testpcaps.gen.RadioHeaders.FLAGS;
import static dev.jfilter.testpcaps.gen.RadioHeaders.LOCK_QUALITY;
import static dev.jfilter.testpcaps.gen.RadioHeaders.MCS;
import static dev.jfilter.testpcaps.gen.RadioHeaders.RATE;
import static dev.jfilter.testpcaps.gen.RadioHeaders.RX_FLAGS;
import static dev.jfilter.testpcaps.gen.RadioHeaders.VHT;

import dev.jfilter.testpcaps.TestPcap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The captures of the 802.11 link types: bare frames ({@code DLT_IEEE802_11}), and frames behind a radiotap
 * ({@code DLT_IEEE802_11_RADIO}), AVS ({@code DLT_IEEE802_11_RADIO_AVS}), Prism ({@code DLT_PRISM_HEADER}, with
 * some AVS headers in its place, which libpcap recognizes by the first word) or PPI ({@code DLT_PPI}) header. The
 * traffic is that of an access point's cell: data frames in every DS direction (mostly to and from the DS), with
 * and without QoS control, carrying IPv4/IPv6 ({@link IpTraffic} and the corner sets) and the non-IP protocols
 * ({@link NonIpTraffic}) in LLC/SNAP; null frames, protected (CCMP) frames; beacons, probes and the other management
 * frames; RTS/CTS/ACK, block acks and the other control frames; frames of the reserved type 3. Addresses come from
 * a small pool of BSSIDs and stations, so that {@code wlan host}, {@code wlan addr2} and friends match some frames.
 * A sweep holds every type, subtype and direction, every address in every position, and the shapes of the radio
 * header libpcap's programs read at run time (radiotap's length, Flags at 8 or after a TSFT, the data-padding bit,
 * several presence words; AVS and PPI lengths, also past the packet; the Prism/AVS test; PPI's DLT field); then
 * cuts inside the radio header, the MAC header and the IP header, and tiny and random records.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11.html">LINKTYPE_IEEE802_11</a>
 */
final class WlanCaptures {
    private WlanCaptures() {
    }

    /** The access points' BSSIDs (the first two are in {@link Pools#MAC_UNICAST}, so the corpus names them). */
    private static final List<String> BSSIDS = List.of("00:11:22:33:44:55", "02:00:00:00:00:01",
            "c0:ff:ee:00:00:01");
    /** The stations (and the upstream router, whose address is the DA or SA of routed traffic). */
    private static final List<String> STATIONS = List.of("00:11:22:33:44:66", "52:54:00:12:34:56",
            "08:00:27:ab:cd:ef", "aa:00:04:00:0a:04", "12:34:56:78:9a:bc", "00:00:0c:07:ac:01");
    private static final byte[] BROADCAST = Addr.mac("ff:ff:ff:ff:ff:ff");
    private static final List<String> SSIDS = List.of("jfilter", "HomeNet", "", "guest-5G", "a-very-long-ssid-name");
    /** The PPI DLT of 802.11; the other link types a PPI header may announce. */
    private static final int PPI_80211 = 105;

    /** Where libpcap looks for the IP header: the payload offset its program computes, after LLC/SNAP. */
    static int[] networkOffsets(TestPcap pcap, byte[] frame) {
        long radio = radioLength(pcap, frame);
        if (radio < 0 || radio >= frame.length) {
            return new int[0];
        }
        int at = (int) radio;
        int payload = at + 24;
        int fc = frame[at] & 0xff;
        if ((fc & 0x0c) == 0x08) {
            if ((fc & 0x80) != 0) {
                payload += 2;
            }
            if (pcap == TestPcap.IEEE802_11_RADIO && dataPadFlag(frame)) {
                payload = (payload + 3) & ~3;
            }
        }
        return new int[] {payload + 8};
    }

    /** The radio header's length as libpcap reads it, or -1 where its load fails. */
    private static long radioLength(TestPcap pcap, byte[] f) {
        return switch (pcap) {
            case IEEE802_11 -> 0;
            case IEEE802_11_RADIO, PPI -> f.length < 4 ? -1 : (f[2] & 0xff) | (f[3] & 0xff) << 8;
            case IEEE802_11_RADIO_AVS -> f.length < 8 ? -1 : be32(f, 4);
            case PRISM_HEADER -> f.length < 4 ? -1 : (be32(f, 0) & 0xfffff000L) == 0x80211000L
                    ? f.length < 8 ? -1 : be32(f, 4) : RadioHeaders.PRISM_LENGTH;
            default -> throw new IllegalArgumentException(pcap.name());
        };
    }

    /** Radiotap's Flags field, if the first (and only) presence word announces it, has the data-padding bit. */
    private static boolean dataPadFlag(byte[] f) {
        if (f.length < 8) {
            return false;
        }
        long present = be32(f, 4);
        if ((present & 0x02000000L) == 0 || (present & 0x80L) != 0) {
            return false;
        }
        int at = (present & 0x01000000L) != 0 ? 16 : 8;
        return at < f.length && (f[at] & RadioHeaders.F_DATAPAD) != 0;
    }

    private static long be32(byte[] f, int at) {
        return (f[at] & 0xffL) << 24 | (f[at + 1] & 0xff) << 16 | (f[at + 2] & 0xff) << 8 | (f[at + 3] & 0xff);
    }

    /** The frames of {@code pcap}. */
    static List<Frame> frames(TestPcap pcap, Random random) {
        return new Recipe(pcap, new Pools(random)).frames();
    }

    /** An 802.11 frame before its radio header: the bytes, the MAC header's length (data frames), a note. */
    private record Mac(byte[] bytes, int headerLength, boolean data, String note) {
    }

    /** One capture's recipe, with its random source and sequence numbers. */
    private static final class Recipe {
        private final TestPcap pcap;
        private final Pools p;
        private final IpTraffic ip;
        private final NonIpTraffic other;
        private final List<IpTraffic.L3> cornerPool;
        private int seq;

        Recipe(TestPcap pcap, Pools p) {
            this.pcap = pcap;
            this.p = p;
            this.ip = new IpTraffic(p);
            this.other = new NonIpTraffic(p, ip);
            this.cornerPool = new L3Corners(p, ip).both();
        }

        List<Frame> frames() {
            List<Frame> out = new ArrayList<>();
            while (out.size() < 760) {
                out.addAll(next());
            }
            for (int k = 0; k < NonIpTraffic.KINDS; k++) {
                for (int i = 0; i < 2; i++) {
                    out.add(radio(data(other.kind(k), randomDs())));
                }
            }
            out.addAll(typeSweep());
            out.addAll(addressSweep());
            // Each odd kind and protected data in every direction, for sure.
            for (int ds = 0; ds < 4; ds++) {
                out.add(radio(protectedData(ds)));
                out.add(radio(odd(ds)));
            }
            out.addAll(radioSweep());
            out.addAll(cuts());
            out.addAll(tinyAndRandom());
            return out;
        }

        /** A frame of the cell's traffic: mostly data, then management, control, null, protected, odd frames. */
        private List<Frame> next() {
            int roll = p.random().nextInt(100);
            if (roll < 52) {
                return ip.next().stream().map(l3 -> radio(data(LinkPayload.of(l3), randomDs()))).toList();
            }
            if (roll < 59) {
                return List.of(radio(data(LinkPayload.of(p.pick(cornerPool)), randomDs())));
            }
            if (roll < 71) {
                return List.of(radio(data(other.next(), randomDs())));
            }
            if (roll < 81) {
                int subtype = p.chance(0.45) ? BEACON : p.pick(List.of(PROBE_REQ, PROBE_RESP, PROBE_RESP, ASSOC_REQ,
                        ASSOC_RESP, REASSOC_REQ, REASSOC_RESP, ATIM, DISASSOC, AUTH, AUTH, DEAUTH, ACTION,
                        ACTION_NO_ACK));
                return List.of(radio(management(subtype, p.chance(0.1) ? RETRY : 0)));
            }
            if (roll < 89) {
                int subtype = p.pick(List.of(ACK, ACK, ACK, RTS, CTS, CTS, BA, BAR, PS_POLL, CF_END, CF_END_ACK,
                        CTL_WRAPPER, NDP_ANNOUNCEMENT));
                return List.of(radio(control(subtype, 0)));
            }
            if (roll < 93) {
                int subtype = p.pick(List.of(NO_DATA, NO_DATA, QOS | NO_DATA, QOS | NO_DATA, NO_DATA | 1, NO_DATA | 2,
                        NO_DATA | 3, QOS | NO_DATA | 2, QOS | NO_DATA | 3, QOS | NO_DATA | 1));
                return List.of(radio(nullFrame(subtype, p.chance(0.5) ? TO_DS | PWR_MGT : TO_DS)));
            }
            if (roll < 97) {
                return List.of(radio(protectedData(randomDs())));
            }
            return List.of(radio(odd()));
        }

        // ------------------------------------------------------------------------------------------ MAC frames

        private byte[] bssid() {
            return Addr.mac(p.pick(BSSIDS));
        }

        private byte[] station() {
            return p.chance(0.9) ? Addr.mac(p.pick(STATIONS)) : p.mac();
        }

        private int nextSeq() {
            seq = (seq + 1 + p.between(0, 3)) & 0xfff;
            return seq;
        }

        /** To or from the DS most of the time, some ad-hoc (no DS), some mesh/WDS (DS to DS). */
        private int randomDs() {
            int r = p.random().nextInt(100);
            return r < 40 ? TO_DS : r < 80 ? FROM_DS : r < 92 ? 0 : TO_DS | FROM_DS;
        }

        private static String dsName(int ds) {
            return switch (ds & 3) {
                case 0 -> "nods";
                case TO_DS -> "tods";
                case FROM_DS -> "fromds";
                default -> "dstods";
            };
        }

        /** The LLC PDU for {@code lp}: SNAP for an EtherType (Apple's OUI for AppleTalk, sometimes), else as is. */
        private byte[] llc(LinkPayload lp) {
            return switch (lp.encapsulation()) {
                case ETHERNET_II -> Link.snap(lp.etherType() == NonIp.ATALK && p.chance(0.7) ? 0x080007
                        : p.chance(0.97) ? 0 : 0x0000f8, lp.etherType(), lp.bytes());
                case LLC, RAW_802_3 -> lp.bytes();
            };
        }

        /** A data frame carrying {@code lp}: QoS data half the time, plain data, or a CF subtype. */
        private Mac data(LinkPayload lp, int ds) {
            int subtype = p.chance(0.5) ? QOS : p.chance(0.85) ? 0 : p.pick(List.of(1, 2, 3, QOS | 1, QOS | 2,
                    QOS | 3));
            int flags = ds | (p.chance(0.1) ? RETRY : 0) | (p.chance(0.05) ? PWR_MGT : 0)
                    | (p.chance(0.05) ? MORE_DATA : 0);
            return data(subtype, flags, lp.dstMac(), lp.note(), llc(lp));
        }

        private Mac data(int subtype, int flags, byte[] da, String what, byte[] body) {
            byte[] sa = station();
            Addresses a = Addresses.of(flags, da, sa, bssid(), bssid());
            int qos = p.between(0, 7) | (p.chance(0.1) ? 0x10 : 0) | (p.chance(0.1) ? 0x20 : 0);
            byte[] f = Ieee80211Frames.data(subtype, flags, a, nextSeq(), qos, false, body);
            return new Mac(f, dataHeaderLength(subtype, flags), true, dataName(subtype) + " " + dsName(flags) + ": "
                    + what);
        }

        private static String dataName(int subtype) {
            return List.of("data", "data-cf-ack", "data-cf-poll", "data-cf-ack-poll", "null", "cf-ack", "cf-poll",
                    "cf-ack-poll", "qos-data", "qos-data-cf-ack", "qos-data-cf-poll", "qos-data-cf-ack-poll", "qos",
                    "data subtype 13", "qos-cf-poll", "qos-cf-ack-poll").get(subtype);
        }

        private Mac nullFrame(int subtype, int flags) {
            return data(subtype, flags, bssid(), "no body", new byte[0]);
        }

        /** A CCMP-protected data frame: the LLC header is encrypted, so nothing above the MAC header matches. */
        private Mac protectedData(int ds) {
            int subtype = p.chance(0.6) ? QOS : 0;
            byte[] body = ccmp(p.between(1, 1 << 20), p.between(0, 1), p.bytes(p.between(20, 200)), p.bytes(8));
            return data(subtype, ds | PROTECTED, p.chance(0.8) ? station() : BROADCAST, "protected (CCMP)", body);
        }

        private Mac management(int subtype, int flags) {
            byte[] bssid = bssid();
            boolean broadcast = subtype == BEACON || subtype == PROBE_REQ && p.chance(0.7)
                    || (subtype == DEAUTH || subtype == DISASSOC) && p.chance(0.3);
            byte[] da = broadcast ? BROADCAST : station();
            boolean fromAp = subtype == BEACON || subtype == PROBE_RESP || subtype == ASSOC_RESP
                    || subtype == REASSOC_RESP || subtype == ATIM || p.chance(0.5);
            byte[] sa = fromAp ? bssid : station();
            byte[] body = managementBody(subtype, p.pick(SSIDS), p.pick(List.of(1, 6, 11, 36, 149)),
                    p.random().nextLong() >>> 20, bssid(), subtype > ACTION_NO_ACK || subtype == 7 ? p.bytes(8)
                    : new byte[0]);
            byte[] f = Ieee80211Frames.management(subtype, flags, da, sa, bssid, nextSeq(), body);
            return new Mac(f, 24, false, "management subtype " + subtype + " " + dsName(flags));
        }

        private Mac control(int subtype, int flags) {
            // PS-Poll: the BSSID, then the station; CF-End: the receiver, then the BSSID.
            byte[] ra = subtype == PS_POLL ? bssid() : p.chance(0.5) ? bssid() : station();
            byte[] ta = subtype == CF_END || subtype == CF_END_ACK ? bssid() : station();
            byte[] f = Ieee80211Frames.control(subtype, flags, subtype == CF_END && p.chance(0.5) ? BROADCAST : ra,
                    ta, subtype == CTL_WRAPPER ? new byte[0] : p.bytes(p.between(0, 6)));
            return new Mac(f, 0, false, "control subtype " + subtype + " " + dsName(flags));
        }

        /** Frames of the reserved type 3, A-MSDUs, HT control, data frames with random bodies. */
        private Mac odd() {
            return odd(p.random().nextInt(4));
        }

        private Mac odd(int kind) {
            return switch (kind) {
                case 0 -> new Mac(frameControl(EXT, p.between(0, 15), p.between(0, 3)).u16(0).bytes(station())
                        .bytes(bssid()).bytes(p.bytes(p.between(0, 30))).toByteArray(), 0, false, "type 3 frame");
                case 1 -> {
                    // An A-MSDU: subframes of DA, SA, length, LLC/SNAP payload (libpcap reads the first DA as LLC).
                    IpTraffic.L3 l3 = ip.next().getFirst();
                    byte[] snap = Link.snap(0, l3.etherType(), l3.bytes());
                    byte[] sub = new ByteBuilder().bytes(l3.dstMac()).bytes(station()).u16(snap.length).bytes(snap)
                            .toByteArray();
                    int ds = p.chance(0.5) ? TO_DS : FROM_DS;
                    Addresses a = Addresses.of(ds, l3.dstMac(), station(), bssid(), bssid());
                    yield new Mac(Ieee80211Frames.data(QOS, ds, a, nextSeq(), 0x80, false, sub),
                            dataHeaderLength(QOS, ds), true, "qos-data A-MSDU " + dsName(ds) + ": " + l3.note());
                }
                case 2 -> {
                    // +HTC: the order bit and 4 bytes of HT control after QoS control (libpcap skips only QoS).
                    IpTraffic.L3 l3 = ip.next().getFirst();
                    int ds = p.chance(0.5) ? TO_DS : FROM_DS;
                    Addresses a = Addresses.of(ds, l3.dstMac(), station(), bssid(), bssid());
                    yield new Mac(Ieee80211Frames.data(QOS, ds | ORDER, a, nextSeq(), 0, true,
                            Link.snap(0, l3.etherType(), l3.bytes())), dataHeaderLength(QOS, ds) + 4, true,
                            "qos-data +HTC " + dsName(ds) + ": " + l3.note());
                }
                default -> data(p.between(0, 15), randomDs(), station(), "random body", p.bytes(p.between(0, 40)));
            };
        }

        // ------------------------------------------------------------------------------------------- sweeps

        /** Every type, subtype and direction. */
        private List<Frame> typeSweep() {
            List<Frame> out = new ArrayList<>();
            for (int type = MGT; type <= EXT; type++) {
                for (int subtype = 0; subtype < 16; subtype++) {
                    for (int ds = 0; ds < 4; ds++) {
                        Mac m = switch (type) {
                            case MGT -> management(subtype, ds);
                            case CTL -> control(subtype, ds);
                            case DATA -> (subtype & NO_DATA) != 0 ? data(subtype, ds, station(), "no body",
                                    new byte[0]) : data(subtype, ds, p.chance(0.3) ? BROADCAST : station(),
                                    "IPv4", Link.snap(0, Ipv4.ETHERTYPE, ip.nextV4().getFirst().bytes()));
                            default -> new Mac(frameControl(EXT, subtype, ds).u16(0).bytes(station()).bytes(bssid())
                                    .bytes(p.bytes(12)).toByteArray(), 0, false, "type 3 subtype " + subtype);
                        };
                        out.add(framed(randomHeader(true), new Mac(m.bytes(), m.headerLength(), m.data(),
                                "sweep: " + m.note())));
                    }
                }
            }
            return out;
        }

        /** Every pool address, the broadcast and a multicast address in every position of data frames. */
        private List<Frame> addressSweep() {
            List<String> all = new ArrayList<>(BSSIDS);
            all.addAll(STATIONS);
            all.add("ff:ff:ff:ff:ff:ff");
            all.add("01:00:5e:00:00:01");
            all.add("33:33:00:00:00:01");
            List<Frame> out = new ArrayList<>();
            byte[] v4 = Link.snap(0, Ipv4.ETHERTYPE, ip.nextV4().getFirst().bytes());
            for (String s : all) {
                byte[] mac = Addr.mac(s);
                for (int pos = 0; pos < 4; pos++) {
                    byte[][] addr = {station(), bssid(), station(), station()};
                    addr[pos] = mac;
                    int ds = pos == 3 ? TO_DS | FROM_DS : p.between(0, 3);
                    int subtype = p.chance(0.5) ? QOS : 0;
                    byte[] f = Ieee80211Frames.data(subtype, ds, new Addresses(addr[0], addr[1], addr[2], addr[3]),
                            nextSeq(), 0, false, v4);
                    out.add(radio(new Mac(f, dataHeaderLength(subtype, ds), true, "address sweep " + s + " as addr"
                            + (pos + 1) + " " + dsName(ds))));
                }
                out.add(radio(new Mac(Ieee80211Frames.management(BEACON, 0, BROADCAST, mac, mac, nextSeq(),
                        managementBody(BEACON, "sweep", 6, 1, mac, new byte[0])), 24, false, "beacon from " + s)));
                out.add(radio(new Mac(Ieee80211Frames.control(RTS, 0, mac, station(), new byte[0]), 0, false,
                        "RTS to " + s)));
                out.add(radio(new Mac(Ieee80211Frames.control(ACK, 0, mac, mac, new byte[0]), 0, false,
                        "ACK to " + s)));
            }
            return out;
        }

        /** The radio header shapes the programs read, each around a QoS data frame, a data frame and a beacon. */
        private List<Frame> radioSweep() {
            List<Frame> out = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                IpTraffic.L3 l3 = i % 2 == 0 ? ip.nextV4().getFirst() : ip.nextV6().getFirst();
                List<Mac> macs = List.of(
                        data(QOS, i % 2 == 0 ? TO_DS : FROM_DS, l3.dstMac(), l3.note(),
                                Link.snap(0, l3.etherType(), l3.bytes())),
                        data(0, i % 2 == 0 ? FROM_DS : TO_DS, l3.dstMac(), l3.note(),
                                Link.snap(0, l3.etherType(), l3.bytes())),
                        data(QOS, TO_DS | FROM_DS, l3.dstMac(), l3.note(), Link.snap(0, l3.etherType(), l3.bytes())),
                        management(BEACON, 0));
                for (Mac m : macs) {
                    for (Header h : sweepHeaders(m)) {
                        out.add(framed(h, m));
                    }
                }
            }
            return out;
        }

        /** A radio header (its bytes, padding to insert after a data frame's MAC header, FCS) and its note. */
        private record Header(byte[] bytes, boolean pad, boolean fcs, String note) {
        }

        /** The header shapes of the sweep for this link type. */
        private List<Header> sweepHeaders(Mac m) {
            List<Header> out = new ArrayList<>();
            switch (pcap) {
                case IEEE802_11 -> {
                    out.add(new Header(new byte[0], false, false, "bare"));
                    out.add(new Header(new byte[0], false, true, "bare with FCS"));
                }
                case IEEE802_11_RADIO -> {
                    int f = 1 << FLAGS;
                    int t = 1 << RadioHeaders.TSFT;
                    int[][] shapes = {{0, 0, 0, 0}, {f, 0, 0, 0}, {f, 0, 0x20, 0}, {f | t, 0, 0x20, 0},
                        {f | t, 0, 0x10, 0}, {f | t, 0, 0x30, 0}, {f | 1 << RATE | 1 << CHANNEL, 0, 0x22, 0},
                        {f | 1 << RATE | 1 << CHANNEL | 1 << DBM_ANTSIGNAL, 0, 0x20, 4},
                        {f | 1 << CHANNEL | 1 << DBM_ANTSIGNAL | 1 << ANTENNA | 1 << RX_FLAGS, 0, 0x20, 0},
                        {f, 1, 0x20, 0}, {f | t, 2, 0x20, 0}, {t, 0, 0, 0}, {1 << RATE, 0, 0, 0},
                        {f | 1 << MCS | 1 << AMPDU | 1 << VHT, 0, 0x20, 0}, {f, 0, 0x00, 0}, {f, 0, 0x40, 0}};
                    for (int[] s : shapes) {
                        out.add(radiotap(s[0], s[1], s[2], s[3]));
                    }
                    // Length fields that are not the header's size: past the packet, inside the header, zero.
                    for (int length : new int[] {0xffff, 0x7fff, 4, 0, 9}) {
                        Header h = radiotap(f | 1 << RATE, 0, 0x20, 0);
                        byte[] b = h.bytes();
                        b[2] = (byte) length;
                        b[3] = (byte) (length >>> 8);
                        out.add(new Header(b, false, false, h.note() + " claiming length " + length));
                    }
                }
                case IEEE802_11_RADIO_AVS -> {
                    for (long[] s : new long[][] {{RadioHeaders.AVS_V1, 64, 64}, {RadioHeaders.AVS_V2, 64, 64},
                        {RadioHeaders.AVS_V1, 72, 72}, {RadioHeaders.AVS_V1, 128, 128}, {0, 64, 64},
                        {RadioHeaders.AVS_V1, 48, 64}, {RadioHeaders.AVS_V1, 0, 64}, {RadioHeaders.AVS_V1, 8, 8},
                        {RadioHeaders.AVS_V1, 0xffff, 64}, {RadioHeaders.AVS_V1, 0x7fffffff, 64},
                        {RadioHeaders.AVS_V1, 0xffffffffL, 64}}) {
                        out.add(avs(s[0], s[1], (int) s[2]));
                    }
                }
                case PRISM_HEADER -> {
                    out.add(prism(0x44));
                    out.add(prism(0x41));
                    for (long[] s : new long[][] {{RadioHeaders.AVS_V1, 64, 64}, {RadioHeaders.AVS_V2, 64, 64},
                        {0x80211fffL, 72, 72}, {0x80211000L, 80, 80}, {0x80212001L, 64, 144},
                        {0x80201001L, 64, 144}, {0x00211001L, 64, 144}, {RadioHeaders.AVS_V1, 0xffff, 64},
                        {RadioHeaders.AVS_V1, 4, 64}}) {
                        Header h = avs(s[0], s[1], (int) s[2]);
                        out.add(new Header(h.bytes(), false, false, "in a Prism capture: " + h.note()));
                    }
                }
                case PPI -> {
                    out.add(ppi(PPI_80211, List.of()));
                    out.add(ppi(PPI_80211, List.of(RadioHeaders.PPI_COMMON)));
                    out.add(ppi(PPI_80211, List.of(RadioHeaders.PPI_COMMON, RadioHeaders.PPI_MAC_EXT,
                            RadioHeaders.PPI_MAC_PHY)));
                    out.add(ppi(PPI_80211, List.of(RadioHeaders.PPI_AGGREGATION, RadioHeaders.PPI_GPS)));
                    out.add(ppi(PPI_80211, List.of(RadioHeaders.PPI_COMMON, RadioHeaders.PPI_8023)));
                    out.add(ppi(127, List.of(RadioHeaders.PPI_COMMON)));
                    out.add(ppi(1, List.of()));
                    out.add(ppi(0x69000000, List.of()));
                    out.add(ppi(0, List.of(RadioHeaders.PPI_COMMON)));
                    for (int[] s : new int[][] {{32, 8}, {4, 8}, {0, 8}, {0xffff, 8}, {7, 8}}) {
                        out.add(new Header(RadioHeaders.ppiClaiming(PPI_80211, s[0], s[1]), false, false,
                                "PPI claiming length " + s[0] + " in " + s[1] + " bytes"));
                    }
                }
                default -> throw new IllegalArgumentException(pcap.name());
            }
            return out;
        }

        private Header radiotap(int present, int extraWords, int flags, int padTo) {
            byte[] h = RadioHeaders.radiotap(present, extraWords, flags, padTo, p);
            boolean hasFlags = (present & 1 << FLAGS) != 0;
            return new Header(h, hasFlags && (flags & RadioHeaders.F_DATAPAD) != 0,
                    hasFlags && (flags & RadioHeaders.F_FCS) != 0,
                    RadioHeaders.describeRadiotap(present, extraWords, flags, h.length));
        }

        private Header avs(long cookie, long lengthField, int size) {
            return new Header(RadioHeaders.avs(cookie, lengthField, size, p), false, false,
                    String.format("AVS 0x%08x length %d in %d bytes", cookie, lengthField, size));
        }

        private Header prism(int code) {
            return new Header(RadioHeaders.prism(code, p.pick(List.of("wlan0", "wlan1", "eth1")), p), false, false,
                    "Prism msgcode 0x" + Integer.toHexString(code));
        }

        private Header ppi(int dlt, List<Integer> fieldTypes) {
            List<byte[]> fields = fieldTypes.stream().map(t -> RadioHeaders.ppiField(t, p)).toList();
            byte[] h = RadioHeaders.ppi(dlt, fields);
            return new Header(h, false, false, "PPI " + h.length + " DLT " + dlt + " fields " + fieldTypes);
        }

        /** The usual header of the link type (for the cuts). */
        private Header typicalHeader() {
            return switch (pcap) {
                case IEEE802_11 -> new Header(new byte[0], false, false, "bare");
                case IEEE802_11_RADIO -> radiotap(1 << RadioHeaders.TSFT | 1 << FLAGS | 1 << RATE | 1 << CHANNEL
                        | 1 << DBM_ANTSIGNAL, 0, 0, 0);
                case IEEE802_11_RADIO_AVS -> avs(RadioHeaders.AVS_V1, 64, 64);
                case PRISM_HEADER -> prism(0x44);
                case PPI -> ppi(PPI_80211, List.of(RadioHeaders.PPI_COMMON));
                default -> throw new IllegalArgumentException(pcap.name());
            };
        }

        /** A header of the link type drawn for the cell's traffic. */
        private Header randomHeader() {
            return randomHeader(false);
        }

        /** A header drawn for the cell's traffic; with {@code only80211} a PPI header always announces 802.11. */
        private Header randomHeader(boolean only80211) {
            return switch (pcap) {
                case IEEE802_11 -> new Header(new byte[0], false, p.chance(0.1), "bare");
                case IEEE802_11_RADIO -> {
                    int present = 0;
                    int[] bits = {RadioHeaders.TSFT, FLAGS, RATE, CHANNEL, DBM_ANTSIGNAL, DBM_ANTNOISE, ANTENNA,
                        RX_FLAGS, MCS, AMPDU, VHT, LOCK_QUALITY, DB_ANTSIGNAL, FHSS};
                    double[] odds = {0.5, 0.85, 0.7, 0.8, 0.7, 0.3, 0.4, 0.4, 0.15, 0.1, 0.05, 0.03, 0.05, 0.02};
                    for (int i = 0; i < bits.length; i++) {
                        if (p.chance(odds[i])) {
                            present |= 1 << bits[i];
                        }
                    }
                    int flags = (p.chance(0.3) ? RadioHeaders.F_DATAPAD : 0) | (p.chance(0.2) ? RadioHeaders.F_FCS : 0)
                            | (p.chance(0.4) ? RadioHeaders.F_SHORTPRE : 0) | (p.chance(0.03) ? RadioHeaders.F_BADFCS
                            : 0) | (p.chance(0.02) ? RadioHeaders.F_CFP | RadioHeaders.F_FRAG : 0);
                    yield radiotap(present, p.chance(0.12) ? p.between(1, 2) : 0, flags, p.chance(0.3) ? 4 : 0);
                }
                case IEEE802_11_RADIO_AVS -> p.chance(0.85) ? avs(RadioHeaders.AVS_V1, 64, 64)
                        : p.chance(0.5) ? avs(RadioHeaders.AVS_V2, 64, 64) : avs(RadioHeaders.AVS_V1, 72, 72);
                case PRISM_HEADER -> p.chance(0.85) ? prism(0x44) : p.chance(0.7) ? avs(RadioHeaders.AVS_V1, 64, 64)
                        : avs(RadioHeaders.AVS_V2, 64, 64);
                case PPI -> {
                    List<Integer> types = new ArrayList<>();
                    if (p.chance(0.8)) {
                        types.add(RadioHeaders.PPI_COMMON);
                    }
                    if (p.chance(0.3)) {
                        types.add(RadioHeaders.PPI_MAC_EXT);
                    }
                    if (p.chance(0.2)) {
                        types.add(RadioHeaders.PPI_MAC_PHY);
                    }
                    if (p.chance(0.1)) {
                        types.add(RadioHeaders.PPI_AGGREGATION);
                    }
                    if (p.chance(0.05)) {
                        types.add(RadioHeaders.PPI_GPS);
                    }
                    yield ppi(only80211 || p.chance(0.96) ? PPI_80211 : p.pick(List.of(1, 127, 0)), types);
                }
                default -> throw new IllegalArgumentException(pcap.name());
            };
        }

        private Frame radio(Mac m) {
            return framed(randomHeader(), m);
        }

        /**
         * {@code m} behind {@code h}: with radiotap's data padding the MAC header of a data frame is padded to a
         * multiple of 4 (as the Atheros drivers do), with FCS the frame's CRC-32 follows it.
         */
        private Frame framed(Header h, Mac m) {
            byte[] f = m.bytes();
            if (h.pad() && m.data() && f.length >= m.headerLength()) {
                int padded = (m.headerLength() + 3) & ~3;
                ByteBuilder b = new ByteBuilder().bytes(Arrays.copyOf(f, m.headerLength()))
                        .fill(padded - m.headerLength(), 0).bytes(Arrays.copyOfRange(f, m.headerLength(), f.length));
                f = b.toByteArray();
            }
            if (h.fcs()) {
                CRC32 crc = new CRC32();
                crc.update(f);
                f = new ByteBuilder().bytes(f).u32le(crc.getValue()).toByteArray();
            }
            return Frame.of(new ByteBuilder().bytes(h.bytes()).bytes(f).toByteArray(), h.note() + ": " + m.note());
        }

        // ------------------------------------------------------------------------------------------ cuts, junk

        /** Typical frames cut at every byte of the radio and MAC headers, and in the IP and TCP headers. */
        private List<Frame> cuts() {
            List<Frame> out = new ArrayList<>();
            IpTraffic.L3 v4 = new IpTraffic.L3(Ipv4.ETHERTYPE, Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2"))
                    .payload(Tcp.ports(1024, 80).flags(Tcp.SYN).options(Tcp.synOptions(1460, 1, 7)).build()).build(),
                    Addr.mac(STATIONS.getFirst()), "IPv4 TCP SYN");
            IpTraffic.L3 v6 = new IpTraffic.L3(Ipv6.ETHERTYPE, Ipv6.of(Addr.v6("2001:db8::1"), Addr.v6("2001:db8::2"))
                    .payload(Tcp.ports(443, 1024).flags(Tcp.ACK).build()).build(), Addr.mac(STATIONS.get(1)),
                    "IPv6 TCP ACK");
            for (IpTraffic.L3 l3 : List.of(v4, v6)) {
                Mac m = data(l3 == v4 ? QOS : 0, TO_DS, l3.dstMac(), l3.note(),
                        Link.snap(0, l3.etherType(), l3.bytes()));
                Frame whole = framed(typicalHeader(), m);
                int macStart = whole.capturedLength() - m.bytes().length;
                int end = Math.min(whole.capturedLength(), macStart + m.headerLength() + 8 + 60);
                for (int cut = 0; cut < end; cut += cut < macStart + m.headerLength() + 8 ? 1 : 3) {
                    if (cut < macStart && cut > 16 && cut % 4 != 0) {
                        continue;
                    }
                    out.add(whole.truncatedTo(cut));
                }
            }
            // Snapshot-length cuts of big frames.
            for (int i = 0; i < 8; i++) {
                IpTraffic.L3 l3 = i % 2 == 0 ? ip.nextV4().getFirst() : ip.nextV6().getFirst();
                byte[] big = Arrays.copyOf(l3.bytes(), Math.max(l3.bytes().length, 1200));
                Frame f = radio(data(LinkPayload.ethernet(l3.etherType(), big, l3.dstMac(), l3.note() + " padded"),
                        randomDs()));
                out.add(f.truncatedTo(p.pick(List.of(64, 96, 128, 200, 256))));
            }
            return out;
        }

        private List<Frame> tinyAndRandom() {
            List<Frame> out = new ArrayList<>();
            out.addAll(EdgeRecords.tiny(p, 80, 20, 100));
            for (int i = 0; i < 12; i++) {
                Header h = randomHeader();
                out.add(Frame.of(h.bytes(), "radio header only: " + h.note()));
            }
            out.addAll(EdgeRecords.random(p, 30, 120, 0.2, 40));
            for (int i = 0; i < 20; i++) {
                Header h = randomHeader();
                out.add(Frame.of(new ByteBuilder().bytes(h.bytes()).bytes(p.bytes(p.between(0, 80))).toByteArray(),
                        h.note() + ": random bytes"));
            }
            return out;
        }
    }
}
