package dev.jfilter.frontend.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.parse.FilterParser;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AstPrinter}: the tree {@code jfilter explain} prints, with each node's place in the source. */
class AstPrinterTest {
    /** A line's columns and quoted text: {@code 1:5-12  'text'} or {@code 1:5-2:3  'text'}. */
    private static final Pattern WHERE = Pattern.compile(" {2,}(\\d+):(\\d+)(?:-(?:(\\d+):)?(\\d+))? {2,}'(.*)'$");

    private static FilterExpr parse(String text) {
        Result<Optional<FilterExpr>> r = FilterParser.parse(text);
        return ((Result.Ok<Optional<FilterExpr>>) r).value().orElseThrow();
    }

    /** An arithmetic node's span ends with its last operand, so a closing parenthesis is not in it. */
    @Test
    void printsOneNodeALineWithItsColumnsAndText() {
        String text = "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 and not src host 10.0.0.1";
        assertThat(AstPrinter.print(parse(text), text)).isEqualTo("""
                and                                                           1:1-64   'tcp[tcpflags] & (tcp-syn|tcp-fin) != ...'
                |-- Relation !=                                               1:1-38   'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0'
                |   |-- Binary &                                              1:1-32   'tcp[tcpflags] & (tcp-syn|tcp-fin'
                |   |   |-- PacketIndex tcp[...:1]                            1:1-13   'tcp[tcpflags]'
                |   |   |   `-- Literal 13 (0xd)                              1:5-12   'tcpflags'
                |   |   `-- Binary |                                          1:18-32  'tcp-syn|tcp-fin'
                |   |       |-- Literal 2                                     1:18-24  'tcp-syn'
                |   |       `-- Literal 1                                     1:26-32  'tcp-fin'
                |   `-- Literal 0                                             1:38     '0'
                `-- not                                                       1:44-64  'not src host 10.0.0.1'
                    `-- Qualified proto=- dir=src type=host id=ipv4 10.0.0.1  1:48-64  'src host 10.0.0.1'
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "host 10.0.0.1 and tcp port 80",
        "ip6 and udp dst portrange 5000-6000 or (vlan 100 and icmp)",
        "not (ether host 00:11:22:33:44:55 or arp)\n  and len > 100\nor net 10.0.0.0/8",
        "ip[2:2] - (ip[0] & 0xf) * 4 > 40 and -len < 3",
        "host a or b or c and port 1"})
    void theColumnsOfEveryNodeCoverTheTextItQuotes(String text) {
        String[] lines = text.split("\n", -1);
        String printed = AstPrinter.print(parse(text), text);
        assertThat(printed.lines()).isNotEmpty().allSatisfy(line -> {
            Matcher m = WHERE.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            int startLine = Integer.parseInt(m.group(1));
            int startCol = Integer.parseInt(m.group(2));
            int endLine = m.group(3) != null ? Integer.parseInt(m.group(3)) : startLine;
            int endCol = m.group(4) != null ? Integer.parseInt(m.group(4)) : startCol;
            StringBuilder covered = new StringBuilder();
            for (int l = startLine; l <= endLine; l++) {
                String s = lines[l - 1];
                int from = l == startLine ? startCol - 1 : 0;
                int to = l == endLine ? endCol : s.length();
                covered.append(l == startLine ? "" : " ").append(s, from, to);
            }
            String quoted = m.group(5);
            String expected = covered.toString().replaceAll("\\s+", " ");
            if (quoted.endsWith("...")) {
                assertThat(expected).startsWith(quoted.substring(0, quoted.length() - 3));
            } else {
                assertThat(quoted).isEqualTo(expected);
            }
        });
    }

    @Test
    void aLeftChainOfOneOperatorIsOneNodeButParenthesesOnTheRightStay() {
        assertThat(AstPrinter.print(parse("tcp or udp or icmp"), "tcp or udp or icmp").lines().toList())
                .hasSize(4).first().asString().startsWith("or (3 operands, left to right)");
        String nested = "tcp or (udp or icmp)";
        assertThat(AstPrinter.print(parse(nested), nested).lines().toList())
                .extracting(l -> l.replaceAll(" {2,}\\d+:.*$", ""))
                .containsExactly("or", "|-- ProtoAbbrev tcp", "`-- or", "    |-- ProtoAbbrev udp",
                        "    `-- ProtoAbbrev icmp");
        String mixed = "tcp and udp or icmp";
        assertThat(AstPrinter.print(parse(mixed), mixed).lines().toList())
                .extracting(l -> l.replaceAll(" {2,}\\d+:.*$", ""))
                .containsExactly("or", "|-- and", "|   |-- ProtoAbbrev tcp", "|   `-- ProtoAbbrev udp",
                        "`-- ProtoAbbrev icmp");
    }

    @Test
    void aVeryDeepTreePrintsWithoutRecursion() {
        FilterExpr e = new Primitive.ProtoAbbrev(ProtoQualifier.TCP, new Span(0, 3));
        for (int i = 0; i < 50_000; i++) {
            e = new FilterExpr.Not(e, new Span(0, 3));
        }
        String printed = AstPrinter.print(e, "tcp");
        assertThat(printed.lines().count()).isEqualTo(50_001);
        assertThat(printed.lines()).last().asString().matches(" +\\[depth 50000\\] `-- ProtoAbbrev tcp  1:1-3  'tcp'");
        assertThat(printed.lines().mapToInt(String::length).max().orElseThrow()).isLessThan(150);
    }
}
