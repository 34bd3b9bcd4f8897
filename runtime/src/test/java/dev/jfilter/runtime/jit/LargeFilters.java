package dev.jfilter.runtime.jit;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.testing.LargeExpressions;

/**
 * The large filters of the benchmarks ({@link LargeExpressions}, which bench's {@code BenchFilters} uses too):
 * {@code host A or host B or ...} and {@code port A or port B or ...}, compiled for Ethernet.
 */
final class LargeFilters {
    private LargeFilters() {}

    /** {@code host A or host B or ...} with {@code n} distinct random IPv4 addresses. */
    static String hosts(int n) {
        return LargeExpressions.hosts(n);
    }

    /** {@code port A or port B or ...} with {@code n} distinct random ports from 1 to 65535. */
    static String ports(int n) {
        return LargeExpressions.ports(n);
    }

    /** {@code expression} compiled for Ethernet, optimized or not. */
    static CompiledFilter compile(String expression, boolean optimize) {
        Result<CompiledFilter> r = JFilter.compile(expression, CompileOptions.of(LinkType.EN10MB), optimize);
        if (!(r instanceof Result.Ok<CompiledFilter> ok)) {
            throw new AssertionError("jfilter rejects a large filter: " + r);
        }
        return ok.value();
    }
}
