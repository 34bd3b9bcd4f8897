package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic {@code DLT_PFLOG} frames: a {@code struct pfloghdr} (pflog.h) before an IPv4 or IPv6 packet. The
 * header's length byte varies (the payload starts at it rounded up to 4: 61 and 64 as on Linux/NetBSD, 69 as FreeBSD's
 * 72, 100 as OpenBSD's, and odd or too-large lengths), and so do the address family (every {@code AF_INET}/
 * {@code AF_INET6} value libpcap compares), action, reason, interface, ruleset, rule and sub-rule numbers and
 * direction, covering the values of libpcap's pflog tests and their near misses.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_PFLOG.html">LINKTYPE_PFLOG</a>
 */
public final class PflogFrames {
    private PflogFrames() {}

    static final int[] LENGTHS = {61, 64, 69, 100, 61, 62, 0, 3, 250};
    static final String[] IFNAMES = {"testname1", "testname", "testname12", "em0", "", "testname1testnam", "Testname1"};
    static final String[] RULESETS = {"testruleset2", "", "testruleset", "testruleset23", "x"};
    static final long[] RULE_NUMBERS = {0x456789, 0, 0x45678a, 0xffffffffL, 123, 0x89674500L};
    static final long[] SUBRULE_NUMBERS = {123, 0, 0xffffffffL, 124, 0x7b000000L, 0x456789};
    static final int[] DIRECTIONS = {1, 2, 0, 3};

    /** One pflog header's fields. */
    public record Header(int length, int af, int action, int reason, String ifname, String ruleset, long ruleNumber,
            long subruleNumber, int direction) {

        /** The header, padded to its length rounded up to 4 (at least the 61 bytes up to {@code dir}). */
        public byte[] bytes() {
            int padded = Math.max((length + 3) & ~3, 64);
            byte[] h = new byte[padded];
            h[0] = (byte) length;
            h[1] = (byte) af;
            h[2] = (byte) action;
            h[3] = (byte) reason;
            put(h, 4, ifname.getBytes(StandardCharsets.US_ASCII));
            put(h, 20, ruleset.getBytes(StandardCharsets.US_ASCII));
            put(h, 36, be32(ruleNumber));
            put(h, 40, be32(subruleNumber));
            h[60] = (byte) direction;
            for (int i = 61; i < padded; i++) {
                h[i] = (byte) (0xa0 + i);
            }
            return h;
        }

        private static void put(byte[] h, int at, byte[] v) {
            System.arraycopy(v, 0, h, at, Math.min(v.length, 16));
        }
    }

    /**
     * An IPv4 or IPv6 packet ({@code etherType} 0x0800 or 0x86dd) under pflog headers: the family of this host (2,
     * 10) and the BSD ones, with the other fields taken in turn from their tables, chosen by the packet's contents
     * (so that the corpus is the same however often it is built).
     */
    static List<byte[]> framed(int etherType, byte[] l3) {
        int[] families = etherType == ETH_IP ? new int[] {2} : etherType == ETH_IPV6 ? new int[] {10, 24, 28, 30}
                : new int[] {0};
        int n = Math.floorMod(java.util.Arrays.hashCode(l3), 1 << 20);
        List<byte[]> out = new ArrayList<>();
        for (int af : families) {
            out.add(cat(nth(n++, af).bytes(), l3));
        }
        return out;
    }

    private static Header nth(int n, int af) {
        return new Header(LENGTHS[n % LENGTHS.length], af, n % 17, (n / 3) % 18, IFNAMES[n % IFNAMES.length],
                RULESETS[(n / 2) % RULESETS.length], RULE_NUMBERS[(n / 5) % RULE_NUMBERS.length],
                SUBRULE_NUMBERS[(n / 7) % SUBRULE_NUMBERS.length], DIRECTIONS[n % DIRECTIONS.length]);
    }

    /**
     * Frames for the header fields alone: every action and reason value (and a few past the tables), each interface,
     * ruleset, rule and sub-rule number and direction, with a short IPv4 or IPv6 packet after; every family byte;
     * headers cut short; long packets for the loads far into the payload.
     */
    static List<byte[]> headerFields() {
        List<byte[]> out = new ArrayList<>();
        byte[] v4 = ipv4(17, 0x0a000002L, 0x01020304L, ports(53, 53, 8));
        byte[] v6 = ipv6(58, addr6("fe80::1"), addr6("ff02::1"), new byte[24]);
        for (int i = 0; i < 24; i++) {
            boolean six = i % 2 == 1;
            out.add(cat(new Header(61, six ? 10 : 2, i, 23 - i, IFNAMES[i % IFNAMES.length],
                    RULESETS[i % RULESETS.length], RULE_NUMBERS[i % RULE_NUMBERS.length],
                    SUBRULE_NUMBERS[(i + 1) % SUBRULE_NUMBERS.length], DIRECTIONS[i % DIRECTIONS.length]).bytes(),
                    six ? v6 : v4));
        }
        for (int af : new int[] {0, 1, 2, 5, 10, 17, 22, 23, 24, 26, 28, 30, 255}) {
            out.add(cat(new Header(64, af, 0, 0, "pflog0", "", 0, 0, 1).bytes(), af == 2 ? v4 : v6));
        }
        for (int length : new int[] {0, 1, 4, 61, 64, 72, 100, 255}) {
            out.add(cat(new Header(length, 2, 1, 1, "testname1", "testruleset2", 0x456789, 123, 2).bytes(), v4));
        }
        byte[] header = new Header(61, 2, 0, 0, "testname1", "testruleset2", 0x456789, 123, 1).bytes();
        for (int cut : new int[] {0, 1, 2, 3, 4, 5, 12, 13, 20, 31, 32, 36, 39, 40, 43, 44, 60, 61}) {
            out.add(java.util.Arrays.copyOf(header, cut));
        }
        // Long packets: a UDP payload and an ICMPv6 message reaching past offset 0xab + headers.
        byte[] longUdp = new byte[256];
        byte[] longIcmp6 = new byte[256];
        for (int i = 0; i < 256; i++) {
            longUdp[i] = (byte) (i == 0xab - 8 ? 0xcd : i);
            longIcmp6[i] = (byte) (i == 0xab ? 0xcd : 255 - i);
        }
        out.add(cat(new Header(61, 2, 0, 0, "em0", "", 1, 1, 1).bytes(),
                ipv4(17, 0x0a000002L, 0x01020304L, cat(ports(53, 53, 8), longUdp))));
        out.add(cat(new Header(61, 10, 0, 0, "em0", "", 1, 1, 2).bytes(),
                ipv6(58, addr6("fe80::1"), addr6("ff02::1"), longIcmp6)));
        byte[] ip6Hit = ipv6(17, addr6("fe80::1"), addr6("ff02::1"), new byte[200]);
        ip6Hit[0xab] = (byte) 0xcd;
        out.add(cat(new Header(64, 10, 0, 0, "em0", "", 1, 1, 2).bytes(), ip6Hit));
        byte[] linkHit = cat(new Header(61, 2, 0, 0, "em0", "", 1, 1, 2).bytes(), longUdp);
        linkHit[0xab] = (byte) 0xcd;
        out.add(linkHit);
        return out;
    }
}
