package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.ScratchCheck;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each encapsulation means, packet by packet, on hand-made frames: {@code vlan} (the three TPIDs, stacked
 * tags), {@code mpls} (label stacks, the bottom-of-stack bit, IPv4 only for {@code host}), {@code pppoed} and
 * {@code pppoes} (PPP protocols after it), {@code geneve} (options, an inner Ethernet frame or a bare packet) and
 * {@code vxlan}; and libpcap's rule that they move the offsets of everything after them, across {@code or}
 * (pcap-filter(7)). The errors are libpcap master's, at the primitive.
 */
class EncapsulationsTest {
    static final long A = 0x0a000001L; // 10.0.0.1
    static final long B = 0x0a000002L; // 10.0.0.2

    static byte[] tcp(long src, long dst, int sport, int dport) {
        return ipv4(6, src, dst, ports(sport, dport, 20));
    }

    static byte[] eth(int type, byte[] payload) {
        return ethernet(0x0200_0000_0001L, 0x0200_0000_0002L, type, payload);
    }

    /** Tags (TPID, VID) outermost first, then the EtherType and payload. */
    static byte[] tagged(int type, byte[] payload, int... tpidVid) {
        byte[] tags = new byte[0];
        for (int i = 0; i < tpidVid.length; i += 2) {
            tags = cat(tags, b(tpidVid[i] >>> 8, tpidVid[i], tpidVid[i + 1] >>> 8, tpidVid[i + 1]));
        }
        return cat(b(2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2), tags, b(type >>> 8, type), payload);
    }

    /** Label stack entries, the last one with the bottom-of-stack bit when {@code bottom}. */
    static byte[] mpls(boolean bottom, byte[] payload, int... labels) {
        byte[] s = new byte[0];
        for (int i = 0; i < labels.length; i++) {
            int bos = i == labels.length - 1 && bottom ? 1 : 0;
            s = cat(s, b(labels[i] >>> 12, labels[i] >>> 4, (labels[i] << 4) | bos, 64));
        }
        return cat(s, payload);
    }

    static byte[] pppoeSession(int session, int ppp, byte[] payload) {
        return cat(b(0x11, 0, session >>> 8, session, 0, payload.length + 2, ppp >>> 8, ppp), payload);
    }

    static byte[] udp4(int dport, byte[] payload) {
        return ipv4(17, 0xc0a80001L, 0xc0a80002L, cat(b(0x9c, 0x40, dport >>> 8, dport, 0, payload.length + 8, 0, 0),
                payload));
    }

    static byte[] udp6(int dport, byte[] payload) {
        return ipv6(17, addr6("2001:db8::1"), addr6("2001:db8::2"),
                cat(b(0x9c, 0x40, dport >>> 8, dport, 0, payload.length + 8, 0, 0), payload));
    }

    static byte[] geneve(int version, int optionWords, int protocol, int vni, byte[] inner) {
        return cat(b((version << 6) | optionWords, 0, protocol >>> 8, protocol, vni >>> 16, vni >>> 8, vni, 0),
                new byte[4 * optionWords], inner);
    }

    static byte[] vxlan(int flags, int vni, byte[] inner) {
        return cat(b(flags, 0, 0, 0, vni >>> 16, vni >>> 8, vni, 0), inner);
    }

    static final byte[] INNER = eth(ETH_IP, tcp(A, B, 1025, 22));

    static Map<String, byte[]> packets() {
        return Map.ofEntries(
                Map.entry("ip", eth(ETH_IP, tcp(A, B, 1025, 22))),
                Map.entry("802.1Q 10 ip", tagged(ETH_IP, tcp(A, B, 1025, 22), 0x8100, 10)),
                Map.entry("802.1Q 10+prio ip", tagged(ETH_IP, tcp(A, B, 1025, 22), 0x8100, 0xe00a)),
                Map.entry("802.1ad 10 ip", tagged(ETH_IP, tcp(A, B, 1025, 22), 0x88a8, 10)),
                Map.entry("QinQ 9100 10 ip", tagged(ETH_IP, tcp(A, B, 1025, 22), 0x9100, 10)),
                Map.entry("802.1Q 20 ip6", tagged(ETH_IPV6, ipv6(17, addr6("fe80::1"), addr6("fe80::2"),
                        ports(53, 53, 8)), 0x8100, 20)),
                Map.entry("802.1ad 10 / 802.1Q 20 ip", tagged(ETH_IP, tcp(A, B, 1025, 80), 0x88a8, 10, 0x8100, 20)),
                Map.entry("802.1Q 10 arp", tagged(ETH_ARP, arp(1, A, B), 0x8100, 10)),
                Map.entry("mpls 100 ip", eth(0x8847, mpls(true, tcp(A, B, 1025, 22), 100))),
                Map.entry("mpls 100 ip6", eth(0x8847, mpls(true, ipv6(6, addr6("fe80::1"), addr6("fe80::2"),
                        ports(1025, 22, 20)), 100))),
                Map.entry("mpls 100/17 ip", eth(0x8847, mpls(true, tcp(A, B, 1025, 22), 100, 17))),
                Map.entry("mpls 100 no bottom ip", eth(0x8847, mpls(false, tcp(A, B, 1025, 22), 100))),
                Map.entry("802.1Q 10 mpls 100 ip", tagged(0x8847, mpls(true, tcp(A, B, 1025, 22), 100), 0x8100, 10)),
                Map.entry("pppoe discovery", eth(0x8863, b(0x11, 0x09, 0, 0, 0, 0))),
                Map.entry("pppoe 0x3b ip", eth(0x8864, pppoeSession(0x3b, 0x0021, tcp(A, B, 1025, 80)))),
                Map.entry("pppoe 0x3b ip6", eth(0x8864, pppoeSession(0x3b, 0x0057, ipv6(17, addr6("fe80::1"),
                        addr6("fe80::2"), ports(53, 53, 8))))),
                Map.entry("pppoe 0x3b mpls 123 ip", eth(0x8864, pppoeSession(0x3b, 0x0281,
                        mpls(true, tcp(A, B, 1, 2), 123)))),
                Map.entry("pppoe 0x3b lcp", eth(0x8864, pppoeSession(0x3b, 0xc021, b(1, 1, 0, 4)))),
                Map.entry("geneve 10 eth ip", eth(ETH_IP, udp4(6081, geneve(0, 0, 0x6558, 10, INNER)))),
                Map.entry("geneve 10 options eth ip", eth(ETH_IP, udp4(6081, geneve(0, 3, 0x6558, 10, INNER)))),
                Map.entry("geneve 11 bare ip", eth(ETH_IP, udp4(6081, geneve(0, 1, ETH_IP, 11, tcp(A, B, 1, 22))))),
                Map.entry("geneve v1 eth ip", eth(ETH_IP, udp4(6081, geneve(1, 0, 0x6558, 10, INNER)))),
                Map.entry("ip6 geneve 10 eth ip", eth(ETH_IPV6, udp6(6081, geneve(0, 0, 0x6558, 10, INNER)))),
                Map.entry("geneve 10 eth 802.1Q 10 ip", eth(ETH_IP, udp4(6081, geneve(0, 0, 0x6558, 10,
                        tagged(ETH_IP, tcp(A, B, 1025, 22), 0x8100, 10))))),
                Map.entry("vxlan 100 eth ip", eth(ETH_IP, udp4(4789, vxlan(0x08, 100, INNER)))),
                Map.entry("ip6 vxlan 100 eth ip", eth(ETH_IPV6, udp6(4789, vxlan(0x08, 100, INNER)))),
                Map.entry("vxlan no I flag", eth(ETH_IP, udp4(4789, vxlan(0x00, 100, INNER)))),
                Map.entry("vxlan 100 eth arp", eth(ETH_IP, udp4(4789, vxlan(0x08, 100,
                        eth(ETH_ARP, arp(1, A, B)))))));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // vlan: the three TPIDs, the 12-bit VID, the offsets after it.
                Arguments.of("vlan", "802.1Q 10 ip", true),
                Arguments.of("vlan", "802.1ad 10 ip", true),
                Arguments.of("vlan", "QinQ 9100 10 ip", true),
                Arguments.of("vlan", "ip", false),
                Arguments.of("vlan 10", "802.1Q 10 ip", true),
                Arguments.of("vlan 10", "802.1Q 10+prio ip", true),
                Arguments.of("vlan 10", "802.1Q 20 ip6", false),
                Arguments.of("vlan 10 and ip", "802.1Q 10 ip", true),
                Arguments.of("vlan and ip6", "802.1Q 20 ip6", true),
                Arguments.of("vlan and host 10.0.0.1", "802.1Q 10 ip", true),
                Arguments.of("vlan and host 10.0.0.1", "802.1Q 10 arp", true),
                Arguments.of("vlan and tcp port 22", "802.1Q 10 ip", true),
                Arguments.of("vlan and ether host 02:00:00:00:00:01", "802.1Q 10 ip", true),
                Arguments.of("ip", "802.1Q 10 ip", false),
                // Stacked tags: each vlan looks one tag further.
                Arguments.of("vlan and vlan", "802.1ad 10 / 802.1Q 20 ip", true),
                Arguments.of("vlan and vlan", "802.1Q 10 ip", false),
                Arguments.of("vlan 10 and vlan 20", "802.1ad 10 / 802.1Q 20 ip", true),
                Arguments.of("vlan 20 and vlan 10", "802.1ad 10 / 802.1Q 20 ip", false),
                Arguments.of("vlan 10 and vlan 20 and tcp port 80", "802.1ad 10 / 802.1Q 20 ip", true),
                // Across or: the test after vlan is inside the tag, whatever connects them.
                Arguments.of("vlan 20 or ip", "802.1Q 10 ip", true),
                Arguments.of("vlan 20 or ip", "ip", false),
                Arguments.of("ip or vlan", "ip", true),
                Arguments.of("(vlan and ip) or ip", "ip", false),
                Arguments.of("not vlan and ip", "ip", false),
                // mpls: label, stack, bottom of stack, IP version.
                Arguments.of("mpls", "mpls 100 ip", true),
                Arguments.of("mpls", "ip", false),
                Arguments.of("mpls 100", "mpls 100 ip", true),
                Arguments.of("mpls 17", "mpls 100 ip", false),
                Arguments.of("mpls and ip", "mpls 100 ip", true),
                Arguments.of("mpls and ip", "mpls 100 no bottom ip", false),
                Arguments.of("mpls and ip6", "mpls 100 ip6", true),
                Arguments.of("mpls and ip", "mpls 100/17 ip", false),
                Arguments.of("mpls and mpls", "mpls 100/17 ip", true),
                Arguments.of("mpls and mpls", "mpls 100 ip", false),
                Arguments.of("mpls 100 and mpls 17 and ip", "mpls 100/17 ip", true),
                Arguments.of("mpls and host 10.0.0.1", "mpls 100 ip", true),
                Arguments.of("mpls and tcp port 22", "mpls 100 ip", true),
                Arguments.of("vlan 10 and mpls 100 and ip", "802.1Q 10 mpls 100 ip", true),
                // pppoe: discovery, sessions, PPP protocols after it.
                Arguments.of("pppoed", "pppoe discovery", true),
                Arguments.of("pppoes", "pppoe discovery", false),
                Arguments.of("pppoes", "pppoe 0x3b ip", true),
                Arguments.of("pppoes 0x3b", "pppoe 0x3b ip", true),
                Arguments.of("pppoes 0x3c", "pppoe 0x3b ip", false),
                Arguments.of("pppoes and ip", "pppoe 0x3b ip", true),
                Arguments.of("pppoes and ip", "pppoe 0x3b ip6", false),
                Arguments.of("pppoes and ip6", "pppoe 0x3b ip6", true),
                Arguments.of("pppoes and ip", "pppoe 0x3b lcp", false),
                Arguments.of("pppoes 0x3b and tcp port 80", "pppoe 0x3b ip", true),
                Arguments.of("pppoes and host 10.0.0.2", "pppoe 0x3b ip", true),
                Arguments.of("pppoes and mpls 123 and ip", "pppoe 0x3b mpls 123 ip", true),
                Arguments.of("pppoes and ip", "ip", false),
                // geneve: IPv4 or IPv6 outside, Ethernet or a bare packet inside, version 0 only.
                Arguments.of("geneve", "geneve 10 eth ip", true),
                Arguments.of("geneve", "ip6 geneve 10 eth ip", true),
                Arguments.of("geneve", "geneve v1 eth ip", false),
                Arguments.of("geneve", "vxlan 100 eth ip", false),
                Arguments.of("geneve 10", "geneve 10 eth ip", true),
                Arguments.of("geneve 11", "geneve 10 eth ip", false),
                Arguments.of("geneve and tcp port 22", "geneve 10 eth ip", true),
                Arguments.of("geneve and tcp port 22", "geneve 10 options eth ip", true),
                Arguments.of("geneve and tcp port 22", "ip6 geneve 10 eth ip", true),
                Arguments.of("geneve and tcp port 22", "geneve 11 bare ip", true),
                Arguments.of("geneve and ether host 02:00:00:00:00:01", "geneve 10 eth ip", true),
                // A bare packet has no Ethernet header to find a MAC address in.
                Arguments.of("geneve and ether host 02:00:00:00:00:01", "geneve 11 bare ip", false),
                Arguments.of("geneve and vlan 10 and ip", "geneve 10 eth 802.1Q 10 ip", true),
                Arguments.of("geneve and host 192.168.0.1", "geneve 10 eth ip", false),
                // vxlan: the I flag, the VNI, always Ethernet inside.
                Arguments.of("vxlan", "vxlan 100 eth ip", true),
                Arguments.of("vxlan", "ip6 vxlan 100 eth ip", true),
                Arguments.of("vxlan", "vxlan no I flag", false),
                Arguments.of("vxlan 100", "vxlan 100 eth ip", true),
                Arguments.of("vxlan 101", "vxlan 100 eth ip", false),
                Arguments.of("vxlan and arp", "vxlan 100 eth arp", true),
                Arguments.of("vxlan and tcp port 22", "vxlan 100 eth ip", true),
                Arguments.of("vxlan and host 10.0.0.1", "ip6 vxlan 100 eth ip", true),
                Arguments.of("vxlan and ip", "geneve 10 eth ip", false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("cases")
    void verdict(String expression, String packet, boolean expected) {
        Cfg cfg = compile(LinkType.EN10MB, expression);
        byte[] p = packets().get(packet);
        assertThat(p).as(packet).isNotNull();
        assertThat(CfgInterpreter.run(cfg, p, p.length, p.length) != 0).as("%s", cfg).isEqualTo(expected);
        assertThat(ScratchCheck.readsBeforeWrites(cfg)).isEmpty();
    }

    static Cfg compile(LinkType type, String expression) {
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).as("%s", r).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Cfg>) r).value();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "EN10MB | vlan 4096 | VLAN tag 4096 greater than maximum 4095 | 0",
        "EN10MB | mpls 1048576 | MPLS label 1048576 greater than maximum 1048575 | 0",
        "EN10MB | pppoes 65536 | PPPoE session number 65536 greater than maximum 65535 | 0",
        "EN10MB | geneve 0x1000000 | Geneve VNI 16777216 greater than maximum 16777215 | 0",
        "EN10MB | vxlan 16777216 | VXLAN VNI 16777216 greater than maximum 16777215 | 0",
        "EN10MB | mpls and vlan | no VLAN match after MPLS | 9",
        "EN10MB | vlan and mpls and vlan 10 | no VLAN match after MPLS | 18",
        "EN10MB | mpls and arp | unsupported protocol over mpls | 9",
        "EN10MB | mpls and pppoes | unsupported protocol over mpls | 9",
        "EN10MB | pppoes and vlan | 'vlan' not supported on DLT_PPP (Point-to-Point Protocol) | 11",
        "EN10MB | pppoes and ether host 1:2:3:4:5:6 | 'link host XX:XX:XX:XX:XX:XX' not supported on DLT_PPP"
                + " (Point-to-Point Protocol) | 22",
        "EN10MB | pppoes and ether proto 0x10000 | PPP protocol 65536 greater than maximum 65535 | 23",
        "EN10MB | geneve and protochain 6 | 'protochain' not supported with variable length headers | 22",
        "EN10MB | mpls and gateway gw | 'gateway' cannot be used within MPLS | 17",
        "EN10MB | vxlan and gateway gw | 'gateway' cannot be used within VXLAN or Geneve | 18",
        "RAW | vlan | 'vlan' not supported on DLT_RAW (Raw IPv4/IPv6) | 0",
        "LINUX_SLL | mpls 5 | 'mpls' not supported on DLT_LINUX_SLL (Linux cooked v1) | 0",
        "NULL | pppoes and vlan | 'vlan' not supported on DLT_PPP (Point-to-Point Protocol) | 11",
    })
    void libpcapsErrors(LinkType type, String expression, String message, int column) {
        // The column is the primitive's, or its operand's where the operand is at fault (as for other primitives).
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(type));
        assertThat(r).isInstanceOf(Result.Failed.class);
        var d = ((Result.Failed<Cfg>) r).diagnostics().getFirst();
        assertThat(d.message()).isEqualTo(message);
        if (column >= 0) {
            assertThat(d.span().start()).isEqualTo(column);
        }
    }

    @Test
    void geneveMovesEveryLayerToTheInnerFrameAtRunTimeOffsets() {
        // After geneve the link layer is the inner Ethernet frame: its fields are loaded at X = a scratch word.
        Cfg cfg = compile(LinkType.EN10MB, "geneve and ip");
        assertThat(cfg.blocks().stream().flatMap(b -> b.statements().stream()))
                .anyMatch(s -> s instanceof Stmt.LoadIndirect l && l.offset() == 0);
        // On any link type with IP: the inner frame is Ethernet even under raw IP.
        Cfg raw = compile(LinkType.RAW, "geneve and ether host 02:00:00:00:00:01");
        byte[] p = udp4(6081, geneve(0, 0, 0x6558, 10, INNER));
        assertThat(CfgInterpreter.run(raw, p, p.length, p.length)).isNotZero();
    }

    @Test
    void aPrimitiveReachedWhereTheTunnelDidNotMatchSeesZeroOffsets() {
        // geneve or ip: when geneve fails, ip reads the inner offsets unwritten; libpcap master's interpreter sees
        // zeros there, and jfilter writes them, so ip tests the two bytes at 0 (the kernel refuses the unwritten
        // read, so libpcap's own program cannot run there).
        Cfg cfg = compile(LinkType.EN10MB, "geneve or ip");
        assertThat(ScratchCheck.readsBeforeWrites(cfg)).isEmpty();
        byte[] ipAtZero = ethernet(0x0800_0000_0001L, 2, 0x86dd, new byte[60]);
        assertThat(CfgInterpreter.run(cfg, ipAtZero, ipAtZero.length, ipAtZero.length)).isNotZero();
        byte[] plainIp = packets().get("ip");
        assertThat(CfgInterpreter.run(cfg, plainIp, plainIp.length, plainIp.length)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"geneve and geneve and geneve and geneve and geneve, true",
        "geneve and geneve and geneve and geneve and geneve and geneve, false"})
    void everyTunnelTakesThreeScratchWords(String expression, boolean fits) {
        // Three words a tunnel, never given back: the sixth of sixteen words is one too many, as in libpcap.
        Result<Cfg> r = Frontend.compile(expression, CompileOptions.of(LinkType.EN10MB));
        if (fits) {
            assertThat(r).isInstanceOf(Result.Ok.class);
        } else {
            assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message())
                    .isEqualTo("too many registers needed to evaluate expression");
        }
    }
}
