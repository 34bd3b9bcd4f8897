package dev.jfilter.frontend.suite;

import java.util.List;

/** Expressions beyond libpcap's accept tests, for the cross-link-type sweep: combinations and arithmetic. */
final class ExtraExpressions {
    private ExtraExpressions() {}

    static final List<String> LIST = List.of(
            "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
            "tcp[13] & 0x12 != 0 and not src net 10.0.0.0/8",
            "udp[0:2] + udp[2:2] > 100",
            "tcp[0] + udp[0] > 0",
            "ip[2:2] - ((ip[0] & 0xf) << 2) > 20",
            "icmp[icmptype] == icmp-echo or icmp[icmptype] == icmp-echoreply",
            "icmp6[icmp6type] == icmp6-echo",
            "ip6[6] == 58 and ip6[40] == 128",
            "len % 3 + 1 = 0",
            "len / 2 > 30 and len * 2 < 3000",
            "-len < 0",
            "ip[0] ^ 0x45 = 0",
            "ether[12:2] >> 8 == 8",
            "link[0] | link[1] != 0",
            "ip[ip[0] & 0xf] > 0",
            "tcp[tcp[12] >> 4] = 0",
            "host 10.0.0.2 and not port 25 or udp",
            "(tcp or udp) and (port 53 or portrange 67-68)",
            "src host 192.168.170.211 and dst net 10.0.0.0/8",
            "ip and not ip6 and not arp",
            "not (ip or ip6)",
            "ip6 and tcp[0] = 0",
            "greater 100 and less 500",
            "net 224.0.0.0/4 or ip6 multicast",
            "ether broadcast or ether multicast",
            "ip proto 6 or ip6 proto 17 or proto 132",
            "protochain 17 or protochain 6",
            "tcp src portrange 1000-2000 and tcp dst port 80",
            "sctp or vrrp or carp or igmp or igrp or pim or ah or esp",
            "stp or ipx or netbeui or iso or clnp or esis or isis",
            "decnet src 1.1 or decnet dst 50.764",
            "atalk or aarp or lat or sca or mopdl or moprc",
            "ether proto 0x88cc or ether proto 0x8809 or ether proto 0x9000",
            "link proto 0x42 or link proto 0xfe",
            "pppoed",
            "byte 14 = 0x45 and byte 23 > 5",
            "ip multicast and not ip broadcast",
            "udp port 53 and ip[8] < 64",
            "1 = 1",
            "len = len",
            "0 != 0 or ip",
            "ip[0] & 0xf0 = 0x40 or ip6[0] & 0xf0 = 0x60");
}
