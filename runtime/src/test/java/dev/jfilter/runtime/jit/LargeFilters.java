package dev.jfilter.runtime.jit;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The large filters of the benchmarks (bench's {@code BenchFilters}, same seed, so the same addresses and ports):
 * {@code host A or host B or ...} and {@code port A or port B or ...}, compiled for Ethernet.
 */
final class LargeFilters {
    private static final long SEED = 20260101L;

    private LargeFilters() {}

    /** {@code host A or host B or ...} with {@code n} distinct random IPv4 addresses. */
    static String hosts(int n) {
        Random r = new Random(SEED);
        Set<Integer> addresses = new LinkedHashSet<>();
        while (addresses.size() < n) {
            addresses.add(r.nextInt());
        }
        return addresses.stream()
                .map(a -> "host " + (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "."
                        + (a & 0xff))
                .collect(Collectors.joining(" or "));
    }

    /** {@code port A or port B or ...} with {@code n} distinct random ports from 1 to 65535. */
    static String ports(int n) {
        Random r = new Random(SEED);
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < n) {
            ports.add(1 + r.nextInt(65535));
        }
        return ports.stream().map(p -> "port " + p).collect(Collectors.joining(" or "));
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
