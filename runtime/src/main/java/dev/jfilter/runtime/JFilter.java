package dev.jfilter.runtime;

import dev.jfilter.cbpf.CbpfGenerator;
import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cbpf.validate.Validator;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.opt.Optimization;
import dev.jfilter.cfg.opt.Optimizer;
import dev.jfilter.cfg.opt.Reasoning;
import dev.jfilter.cfg.opt.SearchTrees;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.Span;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.lower.Lowering;
import dev.jfilter.frontend.parse.FilterParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Compiles tcpdump filter expressions to classic BPF: the library entry point of jfilter.
 *
 * <pre>{@code
 * Result<CompiledFilter> r = JFilter.compile("tcp port 443", CompileOptions.of(LinkType.EN10MB));
 * switch (r) {
 *     case Result.Ok<CompiledFilter> ok -> ok.value().matches(packet, wireLength);
 *     case Result.Failed<CompiledFilter> failed -> failed.diagnostics().forEach(d -> ...);
 * }
 * }</pre>
 *
 * <p>The program returns, for every packet, what libpcap's program for the same expression returns: the snapshot
 * length to accept, 0 to reject. Expressions libpcap rejects are rejected with a {@link Diagnostic} that names the
 * reason and the place.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 * @see <a href="https://www.tcpdump.org/manpages/pcap_compile.3pcap.html">pcap_compile(3PCAP)</a>
 */
public final class JFilter {
    private JFilter() {}

    /** Compiles and optimizes {@code expression} for Ethernet with libpcap's defaults. */
    public static Result<CompiledFilter> compile(String expression) {
        return compile(expression, CompileOptions.of(LinkType.EN10MB), true);
    }

    /** Compiles and optimizes {@code expression}. */
    public static Result<CompiledFilter> compile(String expression, CompileOptions options) {
        return compile(expression, options, true);
    }

    /**
     * Compiles {@code expression}.
     *
     * @param optimize whether to run the optimizer (tcpdump's {@code -O} turns it off)
     */
    public static Result<CompiledFilter> compile(String expression, CompileOptions options, boolean optimize) {
        return FilterParser.parse(expression).then(ast -> Lowering.lower(ast, options)
                .then(cfg -> optimize ? optimized(expression, ast, cfg, options, optimize(cfg, false))
                        : Result.ok(finish(expression, options, cfg, Generated.of(cfg), List.of()))));
    }

    /**
     * Compiles {@code expression} and keeps every stage for {@code jfilter explain}: the AST, the graph straight
     * from the frontend, each optimizer pass that changed it with the graph it produced, and the program with and
     * without optimization. The filter in the explanation is what {@link #compile(String, CompileOptions, boolean)}
     * gives, failure included (a filter that rejects every packet still has an explanation, which says why).
     *
     * @return a failure only when the expression does not parse or lower
     */
    public static Result<Explanation> explain(String expression, CompileOptions options, boolean optimize) {
        return FilterParser.parse(expression).then(ast -> Lowering.lower(ast, options).map(cfg -> {
            Optional<Optimization> optimization = optimize
                    ? Optional.of(optimize(cfg, true))
                    : Optional.empty();
            Result<CompiledFilter> compiled = optimization
                    .map(o -> optimized(expression, ast, cfg, options, o))
                    .orElseGet(() -> Result.ok(finish(expression, options, cfg, Generated.of(cfg), List.of())));
            return new Explanation(expression, options, ast, cfg, optimization, CbpfGenerator.generate(cfg),
                    compiled);
        }));
    }

    /**
     * The optimizer's fixpoint, as compile and explain both run it; the search trees come after it, sized for the
     * kernel's limit ({@link #withSearchTrees}).
     */
    private static Optimization optimize(Cfg cfg, boolean recordGraphs) {
        return Optimizer.optimize(cfg, Reasoning.FULL, recordGraphs, Optimizer.NO_SEARCH_TREES);
    }

    private static Result<CompiledFilter> optimized(String expression, Optional<FilterExpr> ast, Cfg cfg,
            CompileOptions options, Optimization optimization) {
        List<Diagnostic> warnings = List.of();
        if (optimization.rejectsEveryPacket()) {
            Diagnostic rejects = new Diagnostic(new Span(0, expression.length()), "expression rejects all packets");
            // libpcap refuses such a filter only when its own optimizer, which runs unless the expression needs a
            // backward jump (protochain) or a jump inside a block (geneve), proves it; where ours proves more, the
            // filter compiles to "ret #0".
            boolean libpcapWouldProveIt = ast.map(e -> !libpcapSkipsItsOptimizer(e)).orElse(false)
                    && Optimizer.optimize(cfg, Reasoning.LIBPCAP, false).rejectsEveryPacket();
            if (libpcapWouldProveIt) {
                return Result.failed(rejects);
            }
            warnings = List.of(rejects);
        }
        return Result.ok(finish(expression, options, cfg, withSearchTrees(optimization.after()), warnings));
    }

    /** Leaf sizes for {@link SearchTrees}, from the fastest program to the smallest. */
    private static final int[] SEARCH_TREE_LEAVES = {SearchTrees.DEFAULT_LEAF, 32, 128, SearchTrees.RANGES_ONLY};

    /**
     * The optimized graph with its long {@code jeq} chains as search trees: with the default leaf size when the
     * program then fits in the kernel's limit, else with larger leaves (fewer tests added), down to range tests
     * only, which never make a program longer; if even that does not fit, whichever is shorter.
     */
    private static Generated withSearchTrees(Cfg optimized) {
        Generated candidate = null;
        for (int leaf : SEARCH_TREE_LEAVES) {
            Cfg trees = SearchTrees.rewrite(optimized, leaf);
            if (trees == optimized) {
                return Generated.of(optimized);
            }
            candidate = Generated.of(trees);
            if (candidate.program().size() <= Opcodes.MAX_INSNS) {
                return candidate;
            }
        }
        Generated without = Generated.of(optimized);
        return candidate.program().size() <= without.program().size() ? candidate : without;
    }

    /** A graph and the program generated from it, so that a program is generated once. */
    private record Generated(Cfg cfg, CbpfProgram program) {
        static Generated of(Cfg cfg) {
            return new Generated(cfg, CbpfGenerator.generate(cfg));
        }
    }

    private static CompiledFilter finish(String expression, CompileOptions options, Cfg lowered, Generated generated,
            List<Diagnostic> warnings) {
        Cfg cfg = generated.cfg();
        CbpfProgram program = generated.program();
        List<Diagnostic> all = new ArrayList<>(warnings);
        for (Problem problem : Validator.kernel(program)) {
            if (problem.kind() != Problem.Kind.LENGTH) {
                // The code generator's contract is a program the kernel accepts; anything else is a jfilter bug.
                throw new IllegalStateException("jfilter generated a program the kernel would refuse for '"
                        + expression + "': " + problem);
            }
            // libpcap compiles such filters too: they run offline, but no socket takes them.
            all.add(CompiledFilter.classicLengthWarning(expression, program));
        }
        return new CompiledFilter(expression, options, lowered, cfg, program, all);
    }

    /** Whether libpcap sets {@code no_optimize} for the expression: it uses {@code protochain} or {@code geneve}. */
    private static boolean libpcapSkipsItsOptimizer(FilterExpr root) {
        Deque<FilterExpr> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            switch (todo.pop()) {
                case FilterExpr.And a -> {
                    todo.push(a.left());
                    todo.push(a.right());
                }
                case FilterExpr.Or o -> {
                    todo.push(o.left());
                    todo.push(o.right());
                }
                case FilterExpr.Not n -> todo.push(n.operand());
                case Primitive.Qualified q when q.qualifiers().addr() == AddrQualifier.PROTOCHAIN -> {
                    return true;
                }
                case Primitive.Encapsulation e when e.kind() == Primitive.Encapsulation.Kind.GENEVE -> {
                    return true;
                }
                case Primitive p -> {}
            }
        }
        return false;
    }
}
