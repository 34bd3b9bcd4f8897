package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Frames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ethernet frames whose fields take the values of the regrouping tests' primitives (a few IPv4, IPv6 and MAC
 * addresses, ports, protocols, VLAN tags), so that every group of a regrouped disjunction is reached; the tests run
 * each one cut at every length.
 */
final class RegroupingPackets {
    private RegroupingPackets() {}

    static final long[] V4 = {0x0a000001L, 0x0a000002L, 0x0a000003L, 0x0a000109L, 0xc0a80001L};
    static final String[] V6 = {"::1", "fe80::1", "::2", "2001:db8::5"};
    static final long[] MACS = {0x020000000001L, 0x020000000002L, 0xffffffffffffL};
    static final int[] PORTS = {53, 80, 443, 20, 22, 25, 81, 5353, 1};
    static final int[] PROTOS = {6, 17, 1, 132};

    static List<byte[]> frames(long seed, int count) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] l3;
            int type;
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    int proto = PROTOS[r.nextInt(PROTOS.length)];
                    int frag = r.nextInt(6) == 0 ? 0x2001 : 0;
                    int ihl = r.nextInt(4) == 0 ? 6 : 5;
                    l3 = ipv4(proto, pick(r, V4), pick(r, V4), ihl, frag, ports(port(r), port(r), 20));
                    type = ETH_IP;
                }
                case 2 -> {
                    l3 = ipv6(PROTOS[r.nextInt(PROTOS.length)], addr6(V6[r.nextInt(V6.length)]),
                            addr6(V6[r.nextInt(V6.length)]), ports(port(r), port(r), 20));
                    type = ETH_IPV6;
                }
                case 3 -> {
                    l3 = arp(1 + r.nextInt(4), pick(r, V4), pick(r, V4));
                    type = r.nextBoolean() ? ETH_ARP : 0x8035;
                }
                default -> {
                    l3 = new byte[r.nextInt(60)];
                    r.nextBytes(l3);
                    type = new int[] {0x0800, 0x86dd, 0x0806, 0x88cc}[r.nextInt(4)];
                }
            }
            if (r.nextInt(4) == 0) {
                // An 802.1Q tag: TCI (VLAN 10 or 20), then the inner EtherType.
                l3 = cat(b(0, r.nextBoolean() ? 10 : 20, type >>> 8, type & 0xff), l3);
                type = 0x8100;
            }
            out.add(ethernet(pick(r, MACS), pick(r, MACS), type, l3));
        }
        return out;
    }

    private static long pick(Random r, long[] values) {
        return values[r.nextInt(values.length)];
    }

    private static int port(Random r) {
        return PORTS[r.nextInt(PORTS.length)];
    }
}
