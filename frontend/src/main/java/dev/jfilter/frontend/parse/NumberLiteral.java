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

    /**
     * libpcap's {@code stoulen()}: a leading {@code 0x}/{@code 0X} means hexadecimal, another leading {@code 0}
     * octal, anything else decimal. Each digit is checked before the overflow test, as in scanner.l.
     */
    static Literal stoulen(String text) {
        long n = 0;
        if (text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            for (int i = 2; i < text.length(); i++) {
                int digit = hexValue(text.charAt(i));
                if (digit < 0) {
                    return new Literal.Invalid("number " + text + " contains non-hex digit");
                }
                if (n > 0x0FFF_FFFFL) {
                    return new Literal.Invalid("hexadecimal number " + text + " overflows 32 bits");
                }
                n = (n << 4) + digit;
            }
        } else if (!text.isEmpty() && text.charAt(0) == '0') {
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '7') {
                    return new Literal.Invalid("number " + text + " contains non-octal digit");
                }
                if (n > 03777777777L) {
                    return new Literal.Invalid("octal number " + text + " overflows 32 bits");
                }
                n = (n << 3) + (c - '0');
            }
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return new Literal.Invalid("number " + text + " contains non-decimal digit");
                }
                int digit = c - '0';
                if (n > 0xFFFF_FFFFL / 10 || (n == 0xFFFF_FFFFL / 10 && digit > 0xFFFF_FFFFL % 10)) {
                    return new Literal.Invalid("decimal number " + text + " overflows 32 bits");
                }
                n = n * 10 + digit;
            }
        }
        return new Literal.Value(n);
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
