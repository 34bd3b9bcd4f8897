package dev.jfilter.frontend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.Span;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trees, written as {@link AstPrinter} prints them. Each was checked against bison's reading of grammar.y.in
 * (the reference harness of {@code oracle/}).
 */
class ParseShapeTest {

    static String tree(String expression) {
        Result<Optional<FilterExpr>> result = FilterParser.parse(expression);
        assertThat(result).as(expression).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Optional<FilterExpr>>) result).value().map(AstPrinter::print).orElse("");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // and/or: equal precedence, left-associative; not binds tighter
        "tcp or udp and icmp => (and (or (proto tcp) (proto udp)) (proto icmp))",
        "tcp and udp or icmp => (or (and (proto tcp) (proto udp)) (proto icmp))",
        "not tcp and udp => (and (not (proto tcp)) (proto udp))",
        "! ! tcp => (not (not (proto tcp)))",
        "tcp && (udp || icmp) => (and (proto tcp) (or (proto udp) (proto icmp)))",
        // arithmetic precedence: | < & < << >> < + - < * / < unary minus
        "1 + 2 * 3 = 7 => (rel = (+ 1 (* 2 3)) 7)",
        "1 | 2 & 3 << 4 + 5 * -6 = 0 => (rel = (| 1 (& 2 (<< 3 (+ 4 (* 5 (neg 6)))))) 0)",
        "1 - 2 - 3 = 0 => (rel = (- (- 1 2) 3) 0)",
        // '%' and '^' have no precedence in bison: it shifts, so they take everything after them
        "len % 3 + 1 = 0 => (rel = (% len (+ 3 1)) 0)",
        "1 + len % 3 * 2 = 0 => (rel = (+ 1 (% len (* 3 2))) 0)",
        "1 ^ 2 ^ 3 = 0 => (rel = (^ 1 (^ 2 3)) 0)",
        "-len % 2 = 0 => (rel = (neg (% len 2)) 0)",
        "2 * 3 ^ 1 | 4 = 0 => (rel = (* 2 (^ 3 (| 1 4))) 0)",
        // relations
        "len > 1 and len >= 2 and len == 3 and len <= 4 and len < 5 and len != 6 => (and (and (and (and (and (rel > len 1) (rel >= len 2)) (rel = len 3)) (rel <= len 4)) (rel < len 5)) (rel != len 6))",
        // packet data
        "ip[0] & 0xf != 5 => (rel != (& (idx ip 0 1) 15) 5)",
        "tcp[tcpflags] & (tcp-syn|tcp-ack) != 0 => (rel != (& (idx tcp 13 1) (| 2 16)) 0)",
        "ether[12:2] = 0x800 => (rel = (idx link 12 2) 2048)",
        "ip[ip[0] & 0xf : 4] = 1 => (rel = (idx ip (& (idx ip 0 1) 15) 4) 1)",
        "(len) = 1 => (rel = len 1)",
        "((1)) = ((len)) => (rel = 1 len)",
        // qualifier inheritance
        "host a or b => (or (q - - host name:a) (q - - host name:b))",
        "tcp dst port 80 or 8080 => (or (q tcp dst port num:80) (q tcp dst port num:8080))",
        "port (80 or 443) => (or (q - - port num:80) (q - - port num:443))",
        "host a and not b => (and (q - - host name:a) (not (q - - host name:b)))",
        "src net 10.0.0.0/8 and not 192.168.0.0/16 => (and (q - src net ip4:10.0.0.0/8) (not (q - src net ip4:192.168.0.0/16)))",
        "host (a or b and c) => (and (or (q - - host name:a) (q - - host name:b)) (q - - host name:c))",
        "host (a or (b or c)) => (or (q - - host name:a) (or (q - - host name:b) (q - - host name:c)))",
        "port ((80) or 443) => (or (q - - port num:80) (q - - port num:443))",
        "host not a => (not (q - - host name:a))",
        "host a and (tcp) or b => (or (and (q - - host name:a) (proto tcp)) (q - - host name:b))",
        "host a and (port 80) or b => (or (and (q - - host name:a) (q - - port num:80)) (q - - host name:b))",
        "host a and (port 80 or 443) => (and (q - - host name:a) (or (q - - port num:80) (q - - port num:443)))",
        "ip src or dst host a or b => (or (q ip src-or-dst host name:a) (q ip src-or-dst host name:b))",
        "dst and src a => (q - src-and-dst - name:a)",
        "src a => (q - src - name:a)",
        "ether proto \\ip => (q link - proto name:ip)",
        "ip protochain 6 => (q ip - protochain num:6)",
        "gateway g => (q - - gateway name:g)",
        "net 10.1 mask 255.255.0.0 => (q - - net ip4:10.1/mask/255.255.0.0)",
        "ip6 net fe80::/10 => (q ip6 - net ip6:fe80::/10)",
        "ether host aa:bb:cc:dd:ee:ff or 1:2:3:4:5:6 => (or (q link - host mac:aa:bb:cc:dd:ee:ff) (q link - host mac:1:2:3:4:5:6))",
        "link host $1f => (q link - host aid:$1f)",
        "wlan addr2 a => (q link addr2 - name:a)",
        // every 'other' form
        "broadcast or ip multicast or ether broadcast => (or (or (broadcast -) (multicast ip)) (broadcast link))",
        "less 100 or greater 200 => (or (less 100) (greater 200))",
        "byte 2 & 1 or byte 3 == 4 => (or (byte 2 & 1) (byte 3 = 4))",
        "inbound or outbound or ifindex 3 => (or (or (inbound) (outbound)) (ifindex 3))",
        "vlan or vlan 10 or vlan (20) or mpls or mpls 5 => (or (or (or (or (vlan) (vlan 10)) (vlan 20)) (mpls)) (mpls 5))",
        "pppoed or pppoes or pppoes 7 or geneve 1 or vxlan => (or (or (or (or (pppoed) (pppoes)) (pppoes 7)) (geneve 1)) (vxlan))",
        "on eth0 or rset r or rnr 1 or srnr 2 => (or (or (or (ifname eth0) (ruleset r)) (rnr 1)) (srnr 2))",
        "reason match or reason 3 or action block => (or (or (reason 0) (reason 3)) (action 1))",
        "type mgt or type ctl subtype ack or subtype beacon or type data subtype QOS => (or (or (or (wlantype 0 12) (wlantype 212 252)) (wlantype 128 252)) (wlantype 200 252))",
        "subtype data or dir tods or dir 3 => (or (or (wlantype 8 252) (wlandir 1)) (wlandir 3))",
        "llc or llc i or llc S or llc rnr or llc RNR or llc ui => (or (or (or (or (or (llc) (llc i)) (llc s)) (llc s 5)) (llc s 5)) (llc u 3))",
        "lane or oam or vpi 1 or vci > 2 or vpi (1 or 2) => (or (or (or (or (atm lane) (atm oam)) (atmfield vpi = 1)) (atmfield vci > 2)) (or (atmfield vpi = 1) (atmfield vpi = 2)))",
        "fisu or lsu or sio 3 or hdpc != 4 or sls (1 or 2) => (or (or (or (or (mtp2 fisu) (mtp2 lssu)) (mtp3 sio = 3)) (mtp3 hdpc != 4)) (or (mtp3 sls = 1) (mtp3 sls = 2)))",
    })
    void shapes(String expression, String expected) {
        assertThat(tree(expression)).isEqualTo(expected);
    }

    @Test
    void blankTextIsNoExpression() {
        assertThat(FilterParser.parse("")).isEqualTo(Result.ok(Optional.empty()));
        assertThat(FilterParser.parse(" \t\n\r ")).isEqualTo(Result.ok(Optional.empty()));
    }

    @Test
    void inheritedQualifiersKeepWhereTheyWereWritten() {
        FilterExpr.Or or = (FilterExpr.Or) ((Result.Ok<Optional<FilterExpr>>) FilterParser.parse("tcp dst port 80 or 8080"))
                .value().orElseThrow();
        Primitive.Qualified first = (Primitive.Qualified) or.left();
        Primitive.Qualified second = (Primitive.Qualified) or.right();
        assertThat(first.qualifiers().span()).isEqualTo(new Span(0, 12));
        assertThat(second.qualifiers()).isSameAs(first.qualifiers());
        assertThat(first.span()).isEqualTo(new Span(0, 15));
        assertThat(second.span()).isEqualTo(new Span(19, 23));
        assertThat(second.operand().span()).isEqualTo(new Span(19, 23));
    }
}
