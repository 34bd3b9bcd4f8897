package dev.jfilter.frontend.parse;

import java.util.Map;

/**
 * {@code NUM} tokens: decimal, {@code 0x} hexadecimal or leading-zero octal numbers of 32 bits, converted as
 * libpcap's {@code stoulen()} does (scanner.l), and the named constants such as {@code tcp-syn} that the scanner
 * returns as {@code NUM}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
final class NumberLiteral {

    /** The named constants of scanner.l (lines 406-465). */
    static final Map<String, Long> NAMED = Map.ofEntries(
            Map.entry("icmptype", 0L),
            Map.entry("icmpcode", 1L),
            Map.entry("icmp-echoreply", 0L),
            Map.entry("icmp-unreach", 3L),
            Map.entry("icmp-sourcequench", 4L),
            Map.entry("icmp-redirect", 5L),
            Map.entry("icmp-echo", 8L),
            Map.entry("icmp-routeradvert", 9L),
            Map.entry("icmp-routersolicit", 10L),
            Map.entry("icmp-timxceed", 11L),
            Map.entry("icmp-paramprob", 12L),
            Map.entry("icmp-tstamp", 13L),
            Map.entry("icmp-tstampreply", 14L),
            Map.entry("icmp-ireq", 15L),
            Map.entry("icmp-ireqreply", 16L),
            Map.entry("icmp-maskreq", 17L),
            Map.entry("icmp-maskreply", 18L),
            Map.entry("icmp6type", 0L),
            Map.entry("icmp6code", 1L),
            Map.entry("icmp6-destinationunreach", 1L),
            Map.entry("icmp6-packettoobig", 2L),
            Map.entry("icmp6-timeexceeded", 3L),
            Map.entry("icmp6-parameterproblem", 4L),
            Map.entry("icmp6-echo", 128L),
            Map.entry("icmp6-echoreply", 129L),
            Map.entry("icmp6-multicastlistenerquery", 130L),
            Map.entry("icmp6-multicastlistenerreportv1", 131L),
            Map.entry("icmp6-multicastlistenerdone", 132L),
            Map.entry("icmp6-routersolicit", 133L),
            Map.entry("icmp6-routeradvert", 134L),
            Map.entry("icmp6-neighborsolicit", 135L),
            Map.entry("icmp6-neighboradvert", 136L),
            Map.entry("icmp6-redirect", 137L),
            Map.entry("icmp6-routerrenum", 138L),
            Map.entry("icmp6-nodeinformationquery", 139L),
            Map.entry("icmp6-nodeinformationresponse", 140L),
            Map.entry("icmp6-ineighbordiscoverysolicit", 141L),
            Map.entry("icmp6-ineighbordiscoveryadvert", 142L),
            Map.entry("icmp6-multicastlistenerreportv2", 143L),
            Map.entry("icmp6-homeagentdiscoveryrequest", 144L),
            Map.entry("icmp6-homeagentdiscoveryreply", 145L),
            Map.entry("icmp6-mobileprefixsolicit", 146L),
            Map.entry("icmp6-mobileprefixadvert", 147L),
            Map.entry("icmp6-certpathsolicit", 148L),
            Map.entry("icmp6-certpathadvert", 149L),
            Map.entry("icmp6-multicastrouteradvert", 151L),
            Map.entry("icmp6-multicastroutersolicit", 152L),
            Map.entry("icmp6-multicastrouterterm", 153L),
            Map.entry("tcpflags", 13L),
            Map.entry("tcp-fin", 0x01L),
            Map.entry("tcp-syn", 0x02L),
            Map.entry("tcp-rst", 0x04L),
            Map.entry("tcp-push", 0x08L),
            Map.entry("tcp-ack", 0x10L),
            Map.entry("tcp-urg", 0x20L),
            Map.entry("tcp-ece", 0x40L),
            Map.entry("tcp-cwr", 0x80L));

    private NumberLiteral() {}

    /** The value of a {@code NUM} token's text, or stoulen()'s error. */
    static Literal parse(String text) {
        Long named = NAMED.get(text);
        if (named != null) {
            return new Literal.Value(named);
        }
        return stoulen(text);
    }

    /** libpcap's {@code stoulen()}: a valid literal, or its error. */
    static Literal stoulen(String text) {
        return switch (Stoulen.parse(text)) {
            case Stoulen.Parsed.Value v -> new Literal.Value(v.value());
            case Stoulen.Parsed.BadDigit b -> new Literal.Invalid(b.message());
            case Stoulen.Parsed.Overflow o -> new Literal.Invalid(o.message());
        };
    }
}
