package dev.jfilter.frontend.oracle;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.Terminator;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.lower.Lowering;
import dev.jfilter.frontend.parse.FilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The general form of libpcap master's Boolean-constant folding (commit 1687065d, gen_and/gen_or): where a
 * primitive is constant on a link type ({@code ipx} on DLT_RAW, {@code ip} on DLT_IPV4), master drops the other
 * operand of {@code and}/{@code or} with its loads, while 1.10.3 runs them. The two can then differ only one way:
 * 1.10.3 ends on a failed load (returning 0) where master goes on to accept. A mismatch counts as this difference
 * when the expression has such a constant primitive, jfilter accepts, and 1.10.3's unoptimized program, run on the
 * packet, ends on a fault rather than a {@code ret}.
 */
public final class Folding {
    private Folding() {}

    private static final Map<String, Optional<CbpfText>> LISTINGS = new ConcurrentHashMap<>();

    /** Whether the mismatch is explained by constant folding. */
    public static boolean explains(String expression, LinkType type, Differential.Mismatch m, int wireLength) {
        return m.jfilter() && !m.libpcap() && hasConstantPrimitive(expression, type)
                && libpcapFaulted(expression, type, m);
    }

    /**
     * Whether libpcap 1.10.3's unoptimized program (its {@code tcpdump -d} listing, run here) ends on a fault
     * (a load past the captured bytes) for the mismatching packet.
     */
    public static synchronized boolean libpcapFaulted(String expression, LinkType type, Differential.Mismatch m) {
        Optional<CbpfText> old = LISTINGS.computeIfAbsent(type + " " + expression, k -> Libpcap.listing(type,
                CompileOptions.DEFAULT_SNAPLEN, expression, false).map(CbpfText::parse));
        if (old.isEmpty()) {
            return false;
        }
        long v = old.get().run(m.bytes(), m.wireLength());
        return v == 0 && old.get().lastEndedOnFault();
    }

    /** Whether some primitive of the expression lowers, on its own, to a constant program. */
    static boolean hasConstantPrimitive(String expression, LinkType type) {
        if (!(FilterParser.parse(expression) instanceof Result.Ok<Optional<FilterExpr>> ok) || ok.value().isEmpty()) {
            return false;
        }
        List<Primitive> primitives = new ArrayList<>();
        collect(ok.value().get(), primitives);
        CompileOptions options = CompileOptions.of(type);
        for (Primitive p : primitives) {
            if (Lowering.lower(Optional.of(p), options) instanceof Result.Ok<Cfg> cfg && cfg.value().size() == 1
                    && cfg.value().entryBlock().terminator() instanceof Terminator.Return) {
                return true;
            }
        }
        return false;
    }

    private static void collect(FilterExpr e, List<Primitive> out) {
        switch (e) {
            case FilterExpr.And a -> {
                collect(a.left(), out);
                collect(a.right(), out);
            }
            case FilterExpr.Or o -> {
                collect(o.left(), out);
                collect(o.right(), out);
            }
            case FilterExpr.Not n -> collect(n.operand(), out);
            case Primitive p -> out.add(p);
        }
    }
}
