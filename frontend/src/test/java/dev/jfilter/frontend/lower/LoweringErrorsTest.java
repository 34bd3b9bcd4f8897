package dev.jfilter.frontend.lower;

import static dev.jfilter.frontend.oracle.Ast.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.Arith;
import dev.jfilter.frontend.ast.ArithOp;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.ast.Span;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.names.FixedNameResolver;
import dev.jfilter.frontend.names.Transport;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libpcap master's messages for semantic errors, and where they point: qualifier errors at the qualifiers
 * (span 0..1 in these ASTs), operand errors at the operand (1..2), other errors at the primitive (0..2).
 */
class LoweringErrorsTest {
    static final Span QUALIFIERS = new Span(0, 1);
    static final Span OPERAND = new Span(1, 2);
    static final Span PRIMITIVE = new Span(0, 2);

    static final FixedNameResolver NAMES = FixedNameResolver.builder()
            .service("smtp", Transport.TCP, 25).protocol("tcp", 6).host("v4only", "10.1.1.1")
            .host("v6only", "fe80::1").build();

    static Primitive.Qualified qd(ProtoQualifier p, DirQualifier d, AddrQualifier a, dev.jfilter.frontend.ast.IdOperand id) {
        return qualified(p, d, a, id);
    }

    static Primitive.Qualified qa(ProtoQualifier p, AddrQualifier a, dev.jfilter.frontend.ast.IdOperand id) {
        return qualified(p, DirQualifier.DEFAULT, a, id);
    }

    static Primitive.Relation relation(Arith left, Arith right) {
        return new Primitive.Relation(left, RelOp.GT, right, new Span(5, 6), PRIMITIVE);
    }

    static Arith nested(int depth) {
        Arith a = lit(1);
        for (int i = 0; i < depth; i++) {
            a = bin(ArithOp.ADD, lit(i), a);
        }
        return a;
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.IPV6, AddrQualifier.HOST, ipv4("10.0.0.1")),
                        "'ip6' is not a valid qualifier for 'host <IPv4 address>'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.TCP, AddrQualifier.NET, ipv4("10.0.0.0", 8)),
                        "'tcp' is not a valid qualifier for 'net <IPv4 prefix>'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.ARP, AddrQualifier.DEFAULT, ipv6("fe80::1")),
                        "'arp' is not a valid qualifier for 'net <IPv6 prefix>'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PORT, num(70000)),
                        "port number 70000 greater than maximum 65535", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.HOST, name("nosuch")),
                        "unknown host 'nosuch'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.IPV6, AddrQualifier.HOST, name("v4only")),
                        "unknown host 'v4only' for specified address family", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.TCP, AddrQualifier.HOST, name("v6only")),
                        "'tcp' is not a valid qualifier for 'host <Internet hostname>'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.TCP, AddrQualifier.HOST, mac(0xabcdef000001L)),
                        "Ethernet address used in non-ether expression", QUALIFIERS),
                Arguments.of(LinkType.RAW, qa(ProtoQualifier.LINK, AddrQualifier.HOST, mac(0xabcdef000001L)),
                        "'link host XX:XX:XX:XX:XX:XX' not supported on DLT_RAW (Raw IPv4/IPv6)", OPERAND),
                Arguments.of(LinkType.RAW, qa(ProtoQualifier.DEFAULT, AddrQualifier.GATEWAY, name("v4only")),
                        "'gateway' not supported on DLT_RAW (Raw IPv4/IPv6)", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.GATEWAY, name("v4only")),
                        "unknown Ethernet-like host 'v4only'", OPERAND),
                Arguments.of(LinkType.EN10MB, qd(ProtoQualifier.DEFAULT, DirQualifier.ADDR1, AddrQualifier.HOST,
                        ipv4("10.0.0.1")), "'addr1' is valid for 802.11 syntax only", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qd(ProtoQualifier.DEFAULT, DirQualifier.RA, AddrQualifier.PORT,
                        num(80)), "'ra' is not a valid qualifier for 'port'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.NET, ipv4("10.0.0.1", 8)),
                        "non-network bits set in \"10.0.0.1/8\"", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.NET, ipv4("10.0.0.0", 33)),
                        "netmask length 33 greater than maximum 32", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.NET, ipv6("fe80::1", 16)),
                        "non-network bits set in \"fe80::1/16\"", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.NET, ipv6("fe80::", 129)),
                        "mask length must be <= 128", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.HOST, ipv6("fe80::", 16)),
                        "'host' is not a valid qualifier for 'fe80::/16'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qd(ProtoQualifier.DEFAULT, DirQualifier.SRC, AddrQualifier.DEFAULT,
                        ipv4("1.2.3.0", 24)), "'<invalid type 0>' is not a valid qualifier for '1.2.3.0/24'",
                        QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.GATEWAY,
                        ipv4("11.12.0.0", "255.255.0.0")),
                        "'gateway' is not a valid qualifier for '11.12.0.0 mask 255.255.0.0'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PORT, ipv4("1.2.3.4")),
                        "'port' qualifier applied to IPv4 address", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PROTO, ipv6("fe80::", 64)),
                        "'proto' qualifier applied to IPv6 address and prefix length ", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.HOST, ipv4("12.500")),
                        "invalid IPv4 address '12.500'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.UDP, AddrQualifier.PORT, name("smtp")),
                        "port 'smtp' is tcp", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PORT, name("nosuch")),
                        "unknown port 'nosuch'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.ICMP, AddrQualifier.PORT, num(7)),
                        "'icmp' is not a valid qualifier for 'port'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PORTRANGE, name("1-2-3")),
                        "port range '1-2-3' contains more than one hyphen", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.UDP, AddrQualifier.PORTRANGE, name("smtp-smtp")),
                        "port in range 'smtp-smtp' is tcp", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PORTRANGE, name("1-99999")),
                        "port number 99999 greater than maximum 65535", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PORTRANGE,
                        name("1-99999999999")), "decimal number 99999999999 overflows 32 bits", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.IP, AddrQualifier.PROTO, name("nosuch")),
                        "unknown 'ip proto' value 'nosuch'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DEFAULT, AddrQualifier.PROTOCHAIN, name("nosuch")),
                        "unknown 'protochain' value 'nosuch'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.TCP, AddrQualifier.PROTO, name("tcp")),
                        "unknown 'tcp proto' value 'tcp'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.UDP, AddrQualifier.PROTO, num(6)),
                        "'udp' is not a valid qualifier for 'proto'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.IP, AddrQualifier.PROTO, num(256)),
                        "protocol number 256 greater than maximum 255", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.LINK, AddrQualifier.PROTO, num(65536)),
                        "EtherType 65536 greater than maximum 65535", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.LINK, AddrQualifier.PROTO, num(1500)),
                        "LLC DSAP 1500 greater than maximum 255", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.ISIS, AddrQualifier.PROTO, num(32)),
                        "IS-IS PDU type 32 greater than maximum 31", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DECNET, AddrQualifier.NET, ipv4("1.2")),
                        "'decnet' is not a valid qualifier for 'net'", QUALIFIERS),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DECNET, AddrQualifier.HOST, num(1234)),
                        "invalid DECnet address '1234'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.DECNET, AddrQualifier.HOST, ipv4("64.1")),
                        "invalid DECnet address '64.1'", OPERAND),
                Arguments.of(LinkType.EN10MB, qa(ProtoQualifier.LINK, AddrQualifier.HOST, num(5)),
                        "illegal link-layer address '5'", OPERAND),
                Arguments.of(LinkType.EN10MB, new Primitive.Broadcast(ProtoQualifier.IP, PRIMITIVE),
                        "netmask not known, so 'ip broadcast' not supported", PRIMITIVE),
                Arguments.of(LinkType.LINUX_SLL, new Primitive.Broadcast(ProtoQualifier.DEFAULT, PRIMITIVE),
                        "'broadcast' not supported on DLT_LINUX_SLL (Linux cooked v1)", PRIMITIVE),
                Arguments.of(LinkType.NULL, new Primitive.Multicast(ProtoQualifier.DEFAULT, PRIMITIVE),
                        "'multicast' not supported on DLT_NULL (BSD loopback)", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.Multicast(ProtoQualifier.TCP, PRIMITIVE),
                        "'tcp' is not a valid qualifier for 'multicast'", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, relation(bin(ArithOp.DIV, len(), lit(0)), lit(1)),
                        "division by zero", NOWHERE),
                Arguments.of(LinkType.EN10MB, relation(bin(ArithOp.MOD, len(),
                        bin(ArithOp.ADD, lit(0), lit(5))), lit(1)), "modulus by zero", NOWHERE),
                Arguments.of(LinkType.EN10MB, relation(bin(ArithOp.RSH, len(), lit(32)), lit(1)),
                        "shift by more than 31 bits", NOWHERE),
                Arguments.of(LinkType.EN10MB, relation(index(ProtoQualifier.IP, lit(0), 3), lit(1)),
                        "data size must be 1, 2, or 4", NOWHERE),
                Arguments.of(LinkType.EN10MB, relation(index(ProtoQualifier.AH, lit(0), 1), lit(1)),
                        "'ah' does not support the index operation", NOWHERE),
                Arguments.of(LinkType.EN10MB, relation(index(ProtoQualifier.RADIO, lit(0), 1), lit(1)),
                        "radio information not present in capture", NOWHERE),
                Arguments.of(LinkType.EN10MB, relation(nested(16), lit(1)),
                        "too many registers needed to evaluate expression", NOWHERE),
                Arguments.of(LinkType.EN10MB, abbrev(ProtoQualifier.LINK),
                        "'link' cannot be used as an abbreviation", NOWHERE),
                Arguments.of(LinkType.EN10MB, encap(Primitive.Encapsulation.Kind.MPLS, 0x100000),
                        "MPLS label 1048576 greater than maximum 1048575", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, encap(Primitive.Encapsulation.Kind.VLAN, 5000),
                        "VLAN tag 5000 greater than maximum 4095", PRIMITIVE),
                Arguments.of(LinkType.RAW, encap(Primitive.Encapsulation.Kind.VLAN, 5000),
                        "'vlan' not supported on DLT_RAW (Raw IPv4/IPv6)", PRIMITIVE),
                Arguments.of(LinkType.LINUX_SLL2, encap(Primitive.Encapsulation.Kind.MPLS, 1),
                        "'mpls' not supported on DLT_LINUX_SLL2 (Linux cooked v2)", PRIMITIVE),
                Arguments.of(LinkType.RAW, encap(Primitive.Encapsulation.Kind.GENEVE, 0x1000000),
                        "Geneve VNI 16777216 greater than maximum 16777215", PRIMITIVE),
                Arguments.of(LinkType.RAW, encap(Primitive.Encapsulation.Kind.VXLAN, 0x1000000),
                        "VXLAN VNI 16777216 greater than maximum 16777215", PRIMITIVE),
                Arguments.of(LinkType.LINUX_SLL, encap(Primitive.Encapsulation.Kind.PPPOES, 0x10000),
                        "PPPoE session number 65536 greater than maximum 65535", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.Direction(false, PRIMITIVE),
                        "not a live capture, 'inbound' not supported on DLT_EN10MB (Ethernet)", PRIMITIVE),
                Arguments.of(LinkType.LINUX_SLL, new Primitive.IfIndex(3, PRIMITIVE),
                        "not a live capture, 'ifindex' not supported on DLT_LINUX_SLL (Linux cooked v1)", PRIMITIVE),
                Arguments.of(LinkType.IPV4, new Primitive.Llc(Primitive.Llc.Kind.ANY, 0, PRIMITIVE),
                        "'llc' not supported on DLT_IPV4 (Raw IPv4)", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.ByteOp(8, '=', 256, PRIMITIVE),
                        "byte argument 256 greater than maximum 255", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.PfReason(1, PRIMITIVE),
                        "'reason' supported only on PFLOG linktype", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.AtmField(Primitive.AtmField.Field.VPI, RelOp.EQ, 1,
                        PRIMITIVE), "'vpi' supported only on SUNATM", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.Mtp2Abbrev(Primitive.Mtp2Abbrev.Type.FISU, PRIMITIVE),
                        "'fisu' supported only on SS7", PRIMITIVE),
                Arguments.of(LinkType.EN10MB, new Primitive.WlanType(0, 0x0c, PRIMITIVE),
                        "'type/subtype' not supported on DLT_EN10MB (Ethernet)", PRIMITIVE));
    }

    static Primitive.Encapsulation encap(Primitive.Encapsulation.Kind kind, long v) {
        return new Primitive.Encapsulation(kind, OptionalLong.of(v), PRIMITIVE);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("errors")
    void libpcapsMessageAtThePartItIsAbout(LinkType type, FilterExpr ast, String message, Span span) {
        Result<Cfg> r = Lowering.lower(Optional.of(ast), CompileOptions.of(type).withNames(NAMES));
        assertThat(r).isInstanceOf(Result.Failed.class);
        Diagnostic d = ((Result.Failed<Cfg>) r).diagnostics().getFirst();
        assertThat(d.message()).isEqualTo(message);
        assertThat(d.span()).isEqualTo(span);
    }

    @Test
    void theFirstErrorFromTheLeftWins() {
        FilterExpr e = and(qa(ProtoQualifier.DEFAULT, AddrQualifier.PORT, num(70000)),
                qa(ProtoQualifier.IPV6, AddrQualifier.HOST, ipv4("10.0.0.1")));
        Result<Cfg> r = Lowering.lower(Optional.of(e), CompileOptions.of(LinkType.EN10MB).withNames(NAMES));
        assertThat(((Result.Failed<Cfg>) r).diagnostics().getFirst().message()).startsWith("port number 70000");
    }

    @Test
    void whatLibpcapAcceptsHereIsNoError() {
        CompileOptions raw = CompileOptions.of(LinkType.RAW).withNames(NAMES);
        // No EtherType field on DLT_RAW: libpcap makes any other link protocol false, unchecked.
        assertThat(Lowering.lower(Optional.of(qa(ProtoQualifier.LINK, AddrQualifier.PROTO, num(70000))), raw))
                .isInstanceOf(Result.Ok.class);
        assertThat(Lowering.lower(Optional.of(new Primitive.Broadcast(ProtoQualifier.IP, PRIMITIVE)),
                CompileOptions.of(LinkType.EN10MB).withNetmask(0xffffff00))).isInstanceOf(Result.Ok.class);
        assertThat(Lowering.lower(Optional.of(relation(nested(14), lit(1))), raw)).isInstanceOf(Result.Ok.class);
        assertThat(Lowering.lower(Optional.of(new Primitive.Direction(true, PRIMITIVE)),
                CompileOptions.of(LinkType.EN10MB).withLinuxExtensions(true))).isInstanceOf(Result.Ok.class);
    }

    @Test
    void anEmptyExpressionAcceptsEverything() {
        Result<Cfg> r = Lowering.lower(Optional.empty(), CompileOptions.of(LinkType.EN10MB).withSnaplen(96));
        Cfg cfg = ((Result.Ok<Cfg>) r).value();
        assertThat(cfg.size()).isEqualTo(1);
        assertThat(dev.jfilter.cfg.CfgInterpreter.run(cfg, new byte[0], 0, 0)).isEqualTo(96);
    }

    @Test
    void aZeroSnaplenIsDiagnosed() {
        assertThat(((Result.Failed<Cfg>) Lowering.lower(Optional.empty(),
                CompileOptions.of(LinkType.EN10MB).withSnaplen(0))).diagnostics().getFirst().message())
                .isEqualTo("snaplen of 0 rejects all packets");
    }
}
