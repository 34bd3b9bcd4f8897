package dev.jfilter.testpcaps.gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packets long enough for the {@code PROTO[0xab] == 0xcd} loads of libpcap's accept tests, their payload filled
 * with 0xcd (so the test matches) or 0xce (so it does not): a non-IP payload (MOP remote console on Ethernet), and
 * IPv4 (first and later fragments) and IPv6 packets of the transports those tests index (IGRP 9 and 0x58, PIM,
 * ICMP, IGMP, TCP, UDP, ICMPv6).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7), proto [ expr : size ]</a>
 */
final class FilledPackets {
    private FilledPackets() {
    }

    /** The transports the tests index. */
    private static final int[] PROTOCOLS = {9, 0x58, 103, 1, 2, 6, 17, 58};

    /** A filled packet: its EtherType (0x6002 for the non-IP one), the bytes, a note. */
    record Filled(int etherType, byte[] bytes, String note) {}

    static List<Filled> packets() {
        List<Filled> out = new ArrayList<>();
        for (int fill : new int[] {0xcd, 0xce}) {
            byte[] payload = new byte[220];
            Arrays.fill(payload, (byte) fill);
            byte[] mop = payload.clone();
            mop[0] = 0;
            out.add(new Filled(NonIp.MOPRC, mop, "MOP filled with " + fill));
            for (int proto : PROTOCOLS) {
                for (int offset : new int[] {0, 1}) {
                    out.add(new Filled(Ipv4.ETHERTYPE, Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2"))
                            .fragment(offset, false).payload(proto, payload).build(), "IPv4 protocol " + proto
                            + (offset > 0 ? " later fragment" : "") + " filled with " + fill));
                }
                out.add(new Filled(Ipv6.ETHERTYPE, Ipv6.of(Addr.v6("fe80::1"), Addr.v6("fe80::2"))
                        .payload(proto, payload).build(), "IPv6 next header " + proto + " filled with " + fill));
            }
        }
        return out;
    }
}
