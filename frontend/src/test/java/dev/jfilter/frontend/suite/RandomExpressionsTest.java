package dev.jfilter.frontend.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Frontend;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Corpus;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random expressions (primitives joined by and/or/not, relations over random arithmetic; the encapsulations
 * 1.10.3 has among them, which move the offsets of what follows) on the eight link types against libpcap 1.10.3: both
 * accept with the same verdicts (or a known difference), or both refuse.
 */
class RandomExpressionsTest {
    static final String[] PRIMITIVES = {
        "ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp", "icmp6", "igmp", "pim", "vrrp", "ah", "esp",
        "stp", "ipx", "iso", "clnp", "l1", "decnet", "atalk", "aarp", "lat", "llc", "llc i", "llc u",
        "host 10.0.0.2", "src host 192.168.1.1", "dst net 10", "net 192.168.0.0/16", "net 172.16.0.0 mask 255.240.0.0",
        "ip6 host fe80::1", "ip6 src net 2001:db8::/32", "port 53", "tcp dst port 80", "udp src port 67",
        "portrange 20-25", "sctp portrange 1-1024", "src and dst port 7", "ip proto 17", "ip6 proto 6", "proto 1",
        "ether broadcast", "ether multicast", "ether src 02:00:00:00:00:02", "ether proto 0x806",
        "link proto \\\\ip6", "less 100", "greater 60", "len > 1000", "byte 0 = 0x45", "ip multicast",
        "ip6 multicast", "protochain 6", "ip6 protochain 17", "inbound", "outbound", "ifindex 3", "pppoed",
        "vlan", "vlan 10", "vlan 100", "mpls", "mpls 100", "pppoes", "pppoes 0x3b", "geneve", "geneve 10"};
    static final String[] INDEXED = {"ether", "ip", "ip6", "arp", "tcp", "udp", "icmp", "icmp6", "igmp", "sctp"};
    static final String[] OPS = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"};
    static final String[] RELS = {"=", "!=", "<", "<=", ">", ">="};

    static String arith(Random r, int depth) {
        return switch (depth <= 0 ? r.nextInt(3) : r.nextInt(6)) {
            case 0 -> Integer.toString(r.nextInt(r.nextBoolean() ? 8 : 300));
            case 1 -> "len";
            case 2 -> INDEXED[r.nextInt(INDEXED.length)] + "[" + r.nextInt(60) + (r.nextBoolean() ? "" :
                    ":" + new int[] {1, 2, 4}[r.nextInt(3)]) + "]";
            case 3 -> INDEXED[r.nextInt(INDEXED.length)] + "[" + arith(r, depth - 1) + "]";
            case 4 -> "-" + arith(r, depth - 1);
            default -> "(" + arith(r, depth - 1) + " " + OPS[r.nextInt(OPS.length)] + " " + arith(r, depth - 1) + ")";
        };
    }

    static String expr(Random r, int depth) {
        return switch (depth <= 0 ? r.nextInt(4) : r.nextInt(9)) {
            case 0, 1, 2 -> PRIMITIVES[r.nextInt(PRIMITIVES.length)];
            case 3 -> arith(r, 2) + " " + RELS[r.nextInt(RELS.length)] + " " + arith(r, 1);
            case 4 -> "not " + expr(r, depth - 1);
            case 5, 6 -> "(" + expr(r, depth - 1) + " and " + expr(r, depth - 1) + ")";
            default -> "(" + expr(r, depth - 1) + " or " + expr(r, depth - 1) + ")";
        };
    }

    static Stream<Arguments> cases() {
        return LibpcapTestSuite.IN_SCOPE.stream().sorted().flatMap(t -> IntStream.range(0, Integer.getInteger("jfilter.randomExpressions", 150)).mapToObj(i -> {
            Random r = new Random(t.dlt() * 100_003L + i + Long.getLong("jfilter.randomSeed", 0L));
            return Arguments.of(t, expr(r, 3));
        }));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void agreesWithLibpcap1103(LinkType type, String expression) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        Result<Cfg> ours = Frontend.compile(expression, CompileOptions.of(type));
        boolean theirs = Libpcap.compile(type, CompileOptions.DEFAULT_SNAPLEN, expression, false, -1)
                .map(p -> {
                    p.close();
                    return true;
                }).orElse(false);
        switch (ours) {
            case Result.Failed<Cfg> f -> {
                String message = f.diagnostics().getFirst().message();
                if (theirs && !VersionChanges.masterRefuses(expression, type, message)) {
                    // 1.10.3 compiles Linux-extension loads for pcap_open_dead; master refuses them offline.
                    assertThat(message).as("%s: we refuse, 1.10.3 accepts", expression)
                            .containsAnyOf("not a live capture", "by zero", "more than 31 bits");
                }
            }
            case Result.Ok<Cfg> ok -> {
                if (!theirs && VersionChanges.masterAccepts(expression, type)) {
                    return; // a link type or primitive 1.10.3 lacks
                }
                assertThat(theirs).as("%s: we accept, 1.10.3 refuses", expression).isTrue();
                var diff = Differential.against(type, CompileOptions.DEFAULT_SNAPLEN, expression, -1, false,
                        ok.value(), Corpus.small(type)).orElseThrow();
                assertThat(KnownDifferences.unexplained(expression, type, diff)).as("%s on %s", expression, type)
                        .isEmpty();
            }
        }
    }
}
