package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.names.FixedNameResolver;
import dev.jfilter.frontend.names.Transport;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each primitive means, packet by packet: hand-made packets with the verdict pcap-filter(7) and libpcap
 * master's code give them. The differential tests compare with libpcap; these say the semantics out loud.
 */
class PrimitivesTest {
    static final FixedNameResolver NAMES = FixedNameResolver.builder()
            .service("smtp", Transport.TCP, 25).service("domain", Transport.TCP, 53)
            .service("domain", Transport.UDP, 53).protocol("tcp", 6).protocol("udp", 17)
            .host("gw", "10.0.0.1").ether("gw", 0x0200_0000_00aaL).network("tennet", 10).build();

    static final long A = 0x0a000002L; // 10.0.0.2
    static final long B = 0xc0a80101L; // 192.168.1.1
    static final byte[] V6A = addr6("fe80::1");
    static final byte[] V6B = addr6("2001:db8::2");

    static byte[] eth(int type, byte[] l3) {
        return ethernet(0x0200_0000_0001L, 0x0200_0000_0002L, type, l3);
    }

    static byte[] tcp4(long src, long dst, int sport, int dport) {
        return eth(ETH_IP, ipv4(6, src, dst, ports(sport, dport, 20)));
    }

    static Map<String, byte[]> packets() {
        return Map.ofEntries(
                Map.entry("tcp 10.0.0.2:1025 > 192.168.1.1:25", tcp4(A, B, 1025, 25)),
                Map.entry("tcp 192.168.1.1:25 > 10.0.0.2:1025", tcp4(B, A, 25, 1025)),
                Map.entry("udp 10.0.0.2:53 > 192.168.1.1:53", eth(ETH_IP, ipv4(17, A, B, ports(53, 53, 8)))),
                Map.entry("tcp later fragment to 25", eth(ETH_IP, ipv4(6, A, B, 5, 0x0010, ports(1025, 25, 20)))),
                Map.entry("tcp first fragment to 25", eth(ETH_IP, ipv4(6, A, B, 5, 0x2000, ports(1025, 25, 20)))),
                Map.entry("tcp with options to 25", eth(ETH_IP, ipv4(6, A, B, 7, 0, ports(1025, 25, 20)))),
                Map.entry("ip6 tcp to 25", eth(ETH_IPV6, ipv6(6, V6A, V6B, ports(1025, 25, 20)))),
                Map.entry("ip6 frag tcp to 25", eth(ETH_IPV6, ipv6(44, V6A, V6B, cat(ext6(6, 0), ports(1025, 25, 20))))),
                Map.entry("ip6 hbh icmp6 echo", eth(ETH_IPV6, ipv6(0, V6A, V6B, cat(ext6(58, 0), b(128, 0, 0, 0))))),
                Map.entry("ip6 icmp6 echo", eth(ETH_IPV6, ipv6(58, V6A, V6B, b(128, 0, 0, 0)))),
                Map.entry("arp 10.0.0.2 > 192.168.1.1", eth(ETH_ARP, arp(1, A, B))),
                Map.entry("broadcast udp", ethernet(0xffff_ffff_ffffL, 2, ETH_IP, ipv4(17, A, 0xffffffffL, ports(68, 67, 8)))),
                Map.entry("from gw", ethernet(1, 0x0200_0000_00aaL, ETH_IP, ipv4(6, A, B, ports(1, 2, 20)))),
                Map.entry("from gw itself", ethernet(1, 0x0200_0000_00aaL, ETH_IP, ipv4(6, 0x0a000001L, B, ports(1, 2, 20)))),
                Map.entry("stp", ieee8023(0x0180_c200_0000L, 2, b(0x42, 0x42, 0x03, 0, 0))),
                Map.entry("llc rr", ieee8023(1, 2, b(0x42, 0x42, 0x01, 0, 0))),
                Map.entry("pppoe discovery", eth(0x8863, b(0x11, 0x09, 0, 0, 0, 0))));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("tcp port 25", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("tcp port 25", "tcp 192.168.1.1:25 > 10.0.0.2:1025", true),
                Arguments.of("tcp dst port 25", "tcp 192.168.1.1:25 > 10.0.0.2:1025", false),
                Arguments.of("tcp src and dst port 25", "tcp 10.0.0.2:1025 > 192.168.1.1:25", false),
                Arguments.of("udp port 25", "tcp 10.0.0.2:1025 > 192.168.1.1:25", false),
                Arguments.of("port smtp", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("port domain", "udp 10.0.0.2:53 > 192.168.1.1:53", true),
                Arguments.of("tcp port 25", "tcp later fragment to 25", false),
                Arguments.of("tcp port 25", "tcp first fragment to 25", true),
                Arguments.of("tcp port 25", "tcp with options to 25", true),
                Arguments.of("tcp port 25", "ip6 tcp to 25", true),
                Arguments.of("tcp port 25", "ip6 frag tcp to 25", false),
                Arguments.of("portrange 30-20", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("tcp[2:2] = 25", "tcp with options to 25", true),
                Arguments.of("tcp[2:2] = 25", "ip6 tcp to 25", false),
                Arguments.of("tcp[2:2] = 25", "tcp later fragment to 25", false),
                Arguments.of("ip6 proto 6", "ip6 frag tcp to 25", true),
                Arguments.of("ip6 proto 6", "ip6 tcp to 25", true),
                Arguments.of("tcp", "ip6 frag tcp to 25", true),
                Arguments.of("icmp6", "ip6 hbh icmp6 echo", false),
                Arguments.of("icmp6[0] = 128", "ip6 icmp6 echo", true),
                Arguments.of("icmp6[0] = 128", "ip6 hbh icmp6 echo", false),
                Arguments.of("ip6 protochain 58", "ip6 hbh icmp6 echo", true),
                Arguments.of("host 10.0.0.2", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("host 10.0.0.2", "arp 10.0.0.2 > 192.168.1.1", true),
                Arguments.of("ip host 10.0.0.2", "arp 10.0.0.2 > 192.168.1.1", false),
                Arguments.of("src net 10", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("dst net 192.168", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("net 192.168.1.0 mask 255.255.255.0", "arp 10.0.0.2 > 192.168.1.1", true),
                Arguments.of("net tennet", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("src and dst net 10.0.0.0/8", "tcp 10.0.0.2:1025 > 192.168.1.1:25", false),
                Arguments.of("ip6 net fe80::/10", "ip6 tcp to 25", true),
                Arguments.of("ip6 dst net fe80::/10", "ip6 tcp to 25", false),
                Arguments.of("ether broadcast", "broadcast udp", true),
                Arguments.of("broadcast", "tcp 10.0.0.2:1025 > 192.168.1.1:25", false),
                Arguments.of("ether multicast", "stp", true),
                Arguments.of("ether src 02:00:00:00:00:aa", "from gw", true),
                Arguments.of("gateway gw", "from gw", true),
                Arguments.of("gateway gw", "from gw itself", false),
                Arguments.of("stp", "stp", true),
                Arguments.of("llc", "stp", true),
                Arguments.of("llc u", "stp", true),
                Arguments.of("llc rr", "llc rr", true),
                Arguments.of("llc rr", "stp", false),
                Arguments.of("ether proto 0x42", "stp", true),
                Arguments.of("pppoed", "pppoe discovery", true),
                Arguments.of("less 60", "arp 10.0.0.2 > 192.168.1.1", true),
                Arguments.of("greater 60", "arp 10.0.0.2 > 192.168.1.1", false),
                Arguments.of("len = 42", "arp 10.0.0.2 > 192.168.1.1", true),
                Arguments.of("byte 23 = 6", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("byte 23 & 1", "tcp 10.0.0.2:1025 > 192.168.1.1:25", false),
                Arguments.of("byte 23 | 0", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("ip[9] % 4 = 2", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("ip[16:4] >> 24 = 192", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true),
                Arguments.of("ether[12:2] - 0x800 = 0", "tcp 10.0.0.2:1025 > 192.168.1.1:25", true));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("cases")
    void verdict(String expression, String packet, boolean expected) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(LinkType.EN10MB).withNames(NAMES));
        assertThat(r).as("%s", r).isInstanceOf(Result.Ok.class);
        byte[] p = packets().get(packet);
        assertThat(CfgInterpreter.run(((Result.Ok<Cfg>) r).value(), p, p.length, p.length) != 0)
                .isEqualTo(expected);
    }
}
