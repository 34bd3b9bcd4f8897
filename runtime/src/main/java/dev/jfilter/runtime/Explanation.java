package dev.jfilter.runtime;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.opt.Optimization;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import java.util.Optional;

/**
 * Every stage of compiling one expression, for {@code jfilter explain}: what the parser read, what the frontend
 * lowered it to, what each optimizer pass changed, and the program that came out.
 *
 * @param ast the expression's tree; empty for a blank expression (which accepts every packet)
 * @param lowered the graph straight from the frontend
 * @param optimization the optimizer's run with the graph after each step that changed something; empty when
 *     optimization was off
 * @param unoptimizedProgram the program generated from {@code lowered}, to compare sizes with
 * @param compiled what {@link JFilter#compile(String, CompileOptions, boolean)} gives for the same arguments: the
 *     filter, or the diagnostic of a filter the optimizer proves rejects every packet
 * @see <a href="https://www.tcpdump.org/manpages/pcap_compile.3pcap.html">pcap_compile(3PCAP)</a>
 */
public record Explanation(
        String expression, CompileOptions options, Optional<FilterExpr> ast, Cfg lowered,
        Optional<Optimization> optimization, CbpfProgram unoptimizedProgram, Result<CompiledFilter> compiled) {

    /**
     * The graph the program comes from: the optimizer's result with its long {@code jeq} chains made search trees
     * (what {@code compile} generates from), or {@link #lowered()} when the optimizer did not run.
     */
    public Cfg optimized() {
        return switch (compiled) {
            case Result.Ok<CompiledFilter> ok -> ok.value().cfg();
            case Result.Failed<CompiledFilter> failed -> optimization.map(Optimization::after).orElse(lowered);
        };
    }
}
