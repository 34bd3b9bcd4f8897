package dev.jfilter.cli;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jfilter compile}: prints the classic BPF program for an expression, in tcpdump's {@code -d}, {@code -dd} or
 * {@code -ddd} format.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -d, -y, -s, -O, -F</a>
 */
@Command(
        name = "compile",
        description = "Compiles a filter expression to classic BPF and prints the program, as tcpdump -d does.",
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class CompileCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    FilterOptions filter;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompileOptions options;
        String expression;
        try {
            options = filter.options();
            expression = filter.expression();
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Result<CompiledFilter> result = JFilter.compile(expression, options, filter.optimize());
        return switch (result) {
            case Result.Failed<CompiledFilter> failed -> {
                Diagnostics.print(err, failed.diagnostics(), expression);
                yield ExitCodes.EXPRESSION;
            }
            case Result.Ok<CompiledFilter> ok -> {
                Diagnostics.printWarnings(err, ok.value().warnings(), expression);
                out.print(ok.value().listing(filter.format()));
                out.flush();
                yield ExitCodes.OK;
            }
        };
    }
}
