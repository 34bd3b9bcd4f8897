package dev.jfilter.cli;

import dev.jfilter.cbpf.listing.Listing;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgDiff;
import dev.jfilter.cfg.CfgPrinter;
import dev.jfilter.cfg.opt.Optimization;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.AstPrinter;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.Explanation;
import java.util.List;
import java.util.Objects;

/**
 * The text {@code jfilter explain} prints: the expression and options, the AST, the graph before optimization,
 * each optimizer step that changed it as a diff, the graph after, and the program with its size beside the
 * unoptimized one. Each section starts with a {@code == title ==} line.
 */
final class ExplainReport {
    private ExplainReport() {}

    static String text(Explanation e, ListingFormat format) {
        StringBuilder out = new StringBuilder();
        section(out, "Expression");
        out.append(indent(e.expression().isBlank() ? "(empty: accepts every packet)" : e.expression()));
        out.append(indent(options(e.options())));

        section(out, "AST (LINE:COLUMN of each node in the expression)");
        out.append(e.ast().map(ast -> AstPrinter.print(ast, e.expression())).orElse("(no expression)\n"));

        section(out, "CFG before optimization: " + size(e.lowered()));
        out.append(CfgPrinter.print(e.lowered()));

        e.optimization().ifPresentOrElse(o -> {
            section(out, "Optimizer: " + o.steps().size() + " step" + (o.steps().size() == 1 ? "" : "s")
                    + " changed the graph, instruction estimate " + o.before().instructionEstimate() + " -> "
                    + o.after().instructionEstimate());
            steps(out, o);
            if (e.optimized() != o.after()) {
                CfgDiff trees = CfgDiff.between(o.after(), e.optimized());
                out.append("-- then: SearchTrees (jeq chains on one value as jgt/jeq trees, sized for the kernel's"
                        + " limit), instruction estimate ").append(o.after().instructionEstimate()).append(" -> ")
                        .append(e.optimized().instructionEstimate()).append(" (blocks: ")
                        .append(trees.removed().size()).append(" removed, ").append(trees.added().size())
                        .append(" added, ").append(trees.rewritten().size()).append(" changed)\n");
                out.append(indent(trees.format()));
            }
            section(out, "CFG after optimization: " + size(e.optimized()));
            out.append(CfgPrinter.print(e.optimized()));
        }, () -> section(out, "Optimizer: off (-O)"));

        switch (e.compiled()) {
            case Result.Ok<CompiledFilter> ok -> {
                int size = ok.value().program().size();
                section(out, "cBPF program: " + size + " instruction" + (size == 1 ? "" : "s")
                        + " (unoptimized: " + e.unoptimizedProgram().size() + ")");
                out.append(Listing.format(ok.value().program(), format));
            }
            case Result.Failed<CompiledFilter> failed -> {
                section(out, "cBPF program: none (unoptimized: " + e.unoptimizedProgram().size() + " instructions)");
                out.append(indent(failed.diagnostics().getFirst().message()));
            }
        }
        return out.toString();
    }

    private static void steps(StringBuilder out, Optimization o) {
        Cfg previous = o.before();
        List<Optimization.Step> steps = o.steps();
        for (int i = 0; i < steps.size(); i++) {
            Optimization.Step step = steps.get(i);
            out.append("-- step ").append(i + 1).append(": ").append(step.pass()).append(", instruction estimate ")
                    .append(step.sizeBefore()).append(" -> ").append(step.sizeAfter());
            Cfg result = Objects.requireNonNull(step.result(), "JFilter.explain records the graph of every step");
            CfgDiff diff = CfgDiff.between(previous, result);
            out.append(" (blocks: ").append(diff.removed().size()).append(" removed, ").append(diff.added().size())
                    .append(" added, ").append(diff.rewritten().size()).append(" changed)\n");
            out.append(indent(diff.format()));
            previous = result;
        }
    }

    private static void section(StringBuilder out, String title) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append("== ").append(title).append(" ==\n");
    }

    private static String size(Cfg cfg) {
        return cfg.size() + " block" + (cfg.size() == 1 ? "" : "s") + ", instruction estimate "
                + cfg.instructionEstimate();
    }

    private static String options(CompileOptions o) {
        return "link type " + o.linkType().name() + ", snapshot length " + o.snaplen()
                + (o.netmask() == CompileOptions.NETMASK_UNKNOWN ? "" : ", netmask "
                        + ((o.netmask() >>> 24) & 0xff) + "." + ((o.netmask() >>> 16) & 0xff) + "."
                        + ((o.netmask() >>> 8) & 0xff) + "." + (o.netmask() & 0xff))
                + (o.linuxExtensions() ? ", Linux live-capture extensions" : "");
    }

    /** Every line indented by two spaces, ending with a newline. */
    private static String indent(String text) {
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                s.append("  ").append(line).append('\n');
            }
        }
        return s.toString();
    }
}
