package dev.jfilter.cli;

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
        return filter.run(err, JFilter::compile, compiled -> {
            Diagnostics.printWarnings(err, compiled.warnings(), compiled.expression());
            out.print(compiled.listing(filter.format()));
            out.flush();
            return ExitCodes.OK;
        });
    }
}
