package dev.jfilter.cli;

import dev.jfilter.cfg.CfgDot;
import dev.jfilter.frontend.Result;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jfilter explain}: shows how an expression compiles: its AST, the control-flow graph before optimization,
 * what each optimizer pass changed, the graph after, and the classic BPF program; or, with {@code --dot}, the graph
 * as a Graphviz digraph.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 * @see <a href="https://graphviz.org/doc/info/lang.html">The DOT language</a>
 */
@Command(
        name = "explain",
        description = "Shows how a filter expression compiles: the AST, the control-flow graph before and after"
                + " optimization with what each optimizer pass changed, and the classic BPF program.",
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {
    /** Which graph {@code --dot} draws. */
    enum DotGraph {
        /** The graph from the frontend. */
        BEFORE,
        /** The graph the program is generated from. */
        AFTER
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    FilterOptions filter;

    @Option(names = "--dot", arity = "0..1", paramLabel = "before|after", preprocessor = DotValue.class,
            description = "Print the control-flow graph before or after optimization (default: after) as a Graphviz"
                    + " digraph, for 'dot -Tsvg', instead of the explanation.")
    DotGraph dot;

    /**
     * {@code --dot} takes its value only when attached ({@code --dot=before}), so that {@code --dot tcp port 80}
     * keeps {@code tcp} as the start of the expression.
     */
    static final class DotValue implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(java.util.Stack<String> args, CommandLine.Model.CommandSpec command,
                CommandLine.Model.ArgSpec option, java.util.Map<String, Object> info) {
            if (!"=".equals(info.get("separator"))) {
                args.push(DotGraph.AFTER.name());
            }
            return false;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return filter.run(err, JFilter::explain, e -> {
            out.print(dot == null ? ExplainReport.text(e, filter.format()) : switch (dot) {
                case BEFORE -> CfgDot.render(e.lowered(), "before optimization: " + oneLine(e.expression()));
                case AFTER -> CfgDot.render(e.optimized(), (e.optimization().isPresent() ? "after optimization: "
                        : "unoptimized (-O): ") + oneLine(e.expression()));
            });
            out.flush();
            // The explanation shows why a filter fails (one the optimizer proves rejects every packet); the status
            // and the diagnostic are compile's.
            return switch (e.compiled()) {
                case Result.Ok<CompiledFilter> c -> {
                    Diagnostics.printWarnings(err, c.value().warnings(), e.expression());
                    yield ExitCodes.OK;
                }
                case Result.Failed<CompiledFilter> f -> {
                    Diagnostics.print(err, f.diagnostics(), e.expression());
                    yield ExitCodes.EXPRESSION;
                }
            };
        });
    }

    private static String oneLine(String expression) {
        String text = expression.strip().replaceAll("\\s+", " ");
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
