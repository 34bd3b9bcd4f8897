package dev.jfilter.frontend;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.frontend.lower.Lowering;
import dev.jfilter.frontend.parse.FilterParser;

/**
 * The frontend in one call: parse a filter expression, then lower it for a link type, as libpcap's
 * {@code pcap_compile} does before optimizing. The result is the unoptimized program as a {@link Cfg}, or the
 * diagnostic (message and span) of the first problem.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class Frontend {
    private Frontend() {}

    /** The program for {@code expression} under {@code options}. */
    public static Result<Cfg> compile(String expression, CompileOptions options) {
        return FilterParser.parse(expression).then(ast -> Lowering.lower(ast, options));
    }
}
