package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Ast.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.ArithOp;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.names.FixedNameResolver;
import dev.jfilter.frontend.oracle.Differential;
import dev.jfilter.frontend.oracle.KnownDifferences;
import dev.jfilter.frontend.oracle.Libpcap;
import dev.jfilter.frontend.oracle.Synthetic;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions built as ASTs by hand (independent of the parser), lowered for each of the eight link types and
 * compared with libpcap 1.10.3's unoptimized program on the synthetic corpus.
 */
class HandBuiltDifferentialTest {

    static final LinkType[] TYPES = {LinkType.EN10MB, LinkType.RAW, LinkType.IPV4, LinkType.IPV6,
        LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP};

    static Stream<Arguments> cases() {
        List<Object[]> exprs = List.of(
                new Object[] {"ip", abbrev(ProtoQualifier.IP)},
                new Object[] {"ip6", abbrev(ProtoQualifier.IPV6)},
                new Object[] {"tcp", abbrev(ProtoQualifier.TCP)},
                new Object[] {"udp or icmp", or(abbrev(ProtoQualifier.UDP), abbrev(ProtoQualifier.ICMP))},
                new Object[] {"not ip and not arp", and(not(abbrev(ProtoQualifier.IP)), not(abbrev(ProtoQualifier.ARP)))},
                new Object[] {"host 10.0.0.2", qualified(ProtoQualifier.DEFAULT, DirQualifier.DEFAULT, AddrQualifier.HOST, ipv4("10.0.0.2"))},
                new Object[] {"src net 192.168", qualified(ProtoQualifier.DEFAULT, DirQualifier.SRC, AddrQualifier.NET, ipv4("192.168"))},
                new Object[] {"ip6 dst net ff00::/8", qualified(ProtoQualifier.IPV6, DirQualifier.DST, AddrQualifier.NET, ipv6("ff00::", 8))},
                new Object[] {"tcp port 25", qualified(ProtoQualifier.TCP, DirQualifier.DEFAULT, AddrQualifier.PORT, num(25))},
                new Object[] {"portrange 1-1023", qualified(ProtoQualifier.DEFAULT, DirQualifier.DEFAULT, AddrQualifier.PORTRANGE, name("1-1023"))},
                new Object[] {"src and dst port 7", qualified(ProtoQualifier.DEFAULT, DirQualifier.SRC_AND_DST, AddrQualifier.PORT, num(7))},
                new Object[] {"ip proto 51", qualified(ProtoQualifier.IP, DirQualifier.DEFAULT, AddrQualifier.PROTO, num(51))},
                new Object[] {"ip6 proto 6", qualified(ProtoQualifier.IPV6, DirQualifier.DEFAULT, AddrQualifier.PROTO, num(6))},
                new Object[] {"proto 17", qualified(ProtoQualifier.DEFAULT, DirQualifier.DEFAULT, AddrQualifier.PROTO, num(17))},
                new Object[] {"ip6 protochain 17", qualified(ProtoQualifier.IPV6, DirQualifier.DEFAULT, AddrQualifier.PROTOCHAIN, num(17))},
                new Object[] {"protochain 6", qualified(ProtoQualifier.DEFAULT, DirQualifier.DEFAULT, AddrQualifier.PROTOCHAIN, num(6))},
                new Object[] {"ip protochain 17", qualified(ProtoQualifier.IP, DirQualifier.DEFAULT, AddrQualifier.PROTOCHAIN, num(17))},
                new Object[] {"tcp[0:2] > 1000", rel(index(ProtoQualifier.TCP, lit(0), 2), RelOp.GT, lit(1000))},
                new Object[] {"icmp6[0] = 128", rel(index(ProtoQualifier.ICMPV6, lit(0), 1), RelOp.EQ, lit(128))},
                new Object[] {"ip[2:2] - len < 7", rel(bin(ArithOp.SUB, index(ProtoQualifier.IP, lit(2), 2), len()),
                        RelOp.LT, lit(7))},
                new Object[] {"stp", abbrev(ProtoQualifier.STP)},
                new Object[] {"ipx", abbrev(ProtoQualifier.IPX)},
                new Object[] {"atalk", abbrev(ProtoQualifier.ATALK)},
                new Object[] {"l1", abbrev(ProtoQualifier.ISIS_L1)},
                new Object[] {"clnp", abbrev(ProtoQualifier.CLNP)},
                new Object[] {"link proto 6", qualified(ProtoQualifier.LINK, DirQualifier.DEFAULT, AddrQualifier.PROTO, num(6))},
                new Object[] {"decnet host 50.764", qualified(ProtoQualifier.DECNET, DirQualifier.DEFAULT, AddrQualifier.HOST, ipv4("50.764"))});
        return Stream.of(TYPES).flatMap(t -> exprs.stream().map(e -> Arguments.of(t, e[0], e[1])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void agreesWithUnoptimizedLibpcap(LinkType type, String text, FilterExpr ast) {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap through pcap4j is not available");
        CompileOptions options = CompileOptions.of(type).withNames(FixedNameResolver.empty());
        Result<Cfg> ours = Lowering.lower(Optional.of(ast), options);
        Optional<List<Differential.Mismatch>> diff = switch (ours) {
            case Result.Ok<Cfg> ok -> Differential.against(type, options.snaplen(), text, options.netmask(), false,
                    ok.value(), Synthetic.forLinkType(type));
            case Result.Failed<Cfg> f -> {
                assertThat(Libpcap.compile(type, options.snaplen(), text, false, options.netmask()))
                        .as("libpcap rejects %s too (we said %s)", text, f.diagnostics()).isEmpty();
                yield Optional.of(List.of());
            }
        };
        assertThat(diff).as("libpcap accepts %s", text).isPresent();
        assertThat(KnownDifferences.unexplained(text, type, diff.get())).as("%s on %s", text, type).isEmpty();
    }
}
