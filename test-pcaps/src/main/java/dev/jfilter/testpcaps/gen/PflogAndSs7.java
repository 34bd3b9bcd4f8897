package dev.jfilter.testpcaps.gen;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recipes of the pflog and SS7 captures. pflog: a {@code struct pfloghdr} (pflog.h) before IPv4 and IPv6 traffic,
 * with varied header lengths (the payload starts at the length byte rounded up to 4), address families, actions,
 * reasons, interfaces, rulesets, rule numbers and directions. SS7: MTP2 signal units (ITU-T Q.703) in the basic and
 * the high-speed format, FISUs, LSSUs and MSUs with MTP3 routing labels (ITU-T Q.704, little-endian), with a 4-byte
 * pseudo-header for {@code DLT_MTP2_WITH_PHDR} (no capture: Wireshark cannot read its records shorter than the
 * pseudo-header from pcapng), and MTP3 messages alone for {@code DLT_MTP3}.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_PFLOG.html">LINKTYPE_PFLOG</a>, <a
 *     href="https://www.tcpdump.org/linktypes/LINKTYPE_MTP2.html">LINKTYPE_MTP2</a>
 */
final class PflogAndSs7 {
    private PflogAndSs7() {
    }

    private static final int[] HEADER_LENGTHS = {61, 61, 61, 64, 69, 100, 62, 0, 4, 255};
    private static final List<String> IFNAMES = List.of("em0", "em1", "pflog0", "testname1", "testname12", "vio0", "");
    private static final List<String> RULESETS = List.of("", "", "testruleset2", "main", "anchor/sub", "x");
    private static final int[] FAMILIES_6 = {10, 10, 24, 28, 30};

    /** A pflog header padded to its length rounded up to 4 (never shorter than the 61 bytes up to {@code dir}). */
    static byte[] pflogHeader(int length, int af, int action, int reason, String ifname, String ruleset, long rnr,
            long srnr, int dir) {
        byte[] h = new byte[Math.max((length + 3) & ~3, 64)];
        h[0] = (byte) length;
        h[1] = (byte) af;
        h[2] = (byte) action;
        h[3] = (byte) reason;
        byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, h, 4, Math.min(name.length, 16));
        byte[] set = ruleset.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(set, 0, h, 20, Math.min(set.length, 16));
        for (int i = 0; i < 4; i++) {
            h[36 + i] = (byte) (rnr >>> (24 - 8 * i));
            h[40 + i] = (byte) (srnr >>> (24 - 8 * i));
        }
        h[60] = (byte) dir;
        return h;
    }

    static List<Frame> pflog(Pools p, IpTraffic ip, L3Corners corners) {
        List<IpTraffic.L3> cornerPool = corners.both();
        List<Frame> out = new ArrayList<>();
        while (out.size() < 900) {
            IpTraffic.L3 l3 = p.chance(0.1) ? p.pick(cornerPool) : ip.next().getFirst();
            boolean v6 = l3.etherType() == Ipv6.ETHERTYPE;
            int af = v6 ? FAMILIES_6[p.random().nextInt(FAMILIES_6.length)] : 2;
            if (p.chance(0.05)) {
                af = p.pick(List.of(0, 1, 17, 255));
            }
            int length = p.chance(0.8) ? 61 : HEADER_LENGTHS[p.random().nextInt(HEADER_LENGTHS.length)];
            int action = p.chance(0.7) ? p.random().nextInt(2) : p.random().nextInt(20);
            int reason = p.chance(0.7) ? 0 : p.random().nextInt(20);
            long rnr = p.chance(0.5) ? p.random().nextInt(8) : p.chance(0.5) ? 0x456789 : p.random().nextInt();
            long srnr = p.chance(0.7) ? 0xffffffffL : p.chance(0.5) ? 123 : p.random().nextInt(200);
            int dir = p.chance(0.9) ? 1 + p.random().nextInt(2) : p.pick(List.of(0, 3, 255));
            byte[] h = pflogHeader(length, af, action, reason, p.pick(IFNAMES), p.pick(RULESETS), rnr, srnr, dir);
            out.add(Frame.of(cat(h, l3.bytes()), "PFLOG len " + length + " AF " + af + " action " + action
                    + " reason " + reason + ": " + l3.note()));
        }
        byte[] v4 = ip.nextV4().getFirst().bytes();
        byte[] v6 = ip.nextV6().getFirst().bytes();
        for (int action = 0; action < 18; action++) {
            out.add(Frame.of(cat(pflogHeader(61, 2, action, 17 - action, "testname1", "testruleset2", 0x456789, 123,
                    1 + action % 2), v4), "PFLOG action/reason sweep " + action));
        }
        Frame whole = Frame.of(cat(pflogHeader(61, 10, 1, 1, "em0", "", 5, 0xffffffffL, 2), v6), "PFLOG IPv6");
        for (int cut = 0; cut < 110; cut += cut < 8 ? 1 : 5) {
            out.add(whole.truncatedTo(cut));
        }
        return out;
    }

    /** Point codes and SIOs: usual values, those of libpcap's tests, extremes. */
    private static final int[] POINT_CODES = {1, 2, 3, 0x31d6, 0x1273, 0x1274, 0x3b35, 0x607, 0x608, 0x0ab5,
        0x3aba, 9000, 10000, 0, 0x3fff, 0x2000};
    private static final int[] SIOS = {0x85, 0x83, 0x81, 0x80, 0xd2, 0xa3, 73, 0x41, 0x03, 0, 0xff};

    /** A routing label: DPC in bits 0-13, OPC in 14-27, SLS in 28-31, least significant byte first. */
    static byte[] label(int dpc, int opc, int sls) {
        long w = (dpc & 0x3fffL) | (opc & 0x3fffL) << 14 | (long) (sls & 0xf) << 28;
        return new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)};
    }

    private static byte[] cat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            o.writeBytes(part);
        }
        return o.toByteArray();
    }

    /** An MTP3 message: SIO, routing label and some signalling information. */
    private static byte[] mtp3(Pools p) {
        int sio = p.chance(0.7) ? SIOS[p.random().nextInt(4)] : SIOS[p.random().nextInt(SIOS.length)];
        int dpc = p.chance(0.8) ? POINT_CODES[p.random().nextInt(POINT_CODES.length)] : p.random().nextInt(0x4000);
        int opc = p.chance(0.8) ? POINT_CODES[p.random().nextInt(POINT_CODES.length)] : p.random().nextInt(0x4000);
        return cat(new byte[] {(byte) sio}, label(dpc, opc, p.random().nextInt(16)), p.bytes(p.between(0, 40)));
    }

    /** Basic-format MTP2 signal units (1-byte BSN/BIB and FSN/FIB, 6-bit LI) and high-speed ones (Annex A). */
    static List<Frame> mtp2(Pools p, byte[] pseudoHeader) {
        List<Frame> out = new ArrayList<>();
        while (out.size() < 600) {
            boolean highSpeed = p.chance(0.3);
            int kind = p.random().nextInt(10); // 0-1 FISU, 2-3 LSSU, else MSU
            byte[] body = kind < 2 ? new byte[0] : kind < 4 ? p.bytes(1 + p.random().nextInt(2)) : mtp3(p);
            int li = Math.min(body.length, highSpeed ? 511 : 63);
            byte[] su;
            if (highSpeed) {
                int half = li << 7 | (p.chance(0.1) ? p.random().nextInt(0x80) : 0);
                su = cat(p.bytes(4), new byte[] {(byte) (half >>> 8), (byte) half}, body);
            } else {
                int liByte = li | (p.chance(0.1) ? p.random().nextInt(4) << 6 : 0);
                su = cat(p.bytes(2), new byte[] {(byte) liByte}, body);
            }
            out.add(Frame.of(cat(pseudoHeader(p, pseudoHeader), su),
                    (highSpeed ? "high-speed " : "") + (kind < 2 ? "FISU" : kind < 4 ? "LSSU" : "MSU") + " LI " + li));
        }
        Frame whole = Frame.of(cat(pseudoHeader(p, pseudoHeader), new byte[] {1, 2, 20}, mtp3(p)), "MSU to cut");
        for (int cut = 0; cut < 16; cut++) {
            out.add(whole.truncatedTo(cut));
        }
        return out;
    }

    private static byte[] pseudoHeader(Pools p, byte[] template) {
        if (template.length == 0) {
            return template;
        }
        // sent, annex A used, link number (little-endian)
        return new byte[] {(byte) p.random().nextInt(2), (byte) p.random().nextInt(2), (byte) p.random().nextInt(8), 0};
    }

    /** MTP3 messages alone. */
    static List<Frame> mtp3Only(Pools p) {
        List<Frame> out = new ArrayList<>();
        while (out.size() < 300) {
            out.add(Frame.of(mtp3(p), "MTP3"));
        }
        Frame whole = Frame.of(mtp3(p), "MTP3 to cut");
        for (int cut = 0; cut < 8; cut++) {
            out.add(whole.truncatedTo(cut));
        }
        return out;
    }
}
