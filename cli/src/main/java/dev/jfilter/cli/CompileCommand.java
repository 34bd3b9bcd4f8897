package dev.jfilter.cli;

import dev.jfilter.cbpf.lift.LiftResult;
import dev.jfilter.ebpf.gen.EbpfGenerator;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.OnMatch;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.runtime.JFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jfilter compile}: prints the classic BPF program for an expression, in tcpdump's {@code -d}, {@code -dd} or
 * {@code -ddd} format; with {@code --target ebpf-*}, generates an eBPF socket filter, tc classifier or XDP program
 * and prints its listing or writes it as an ELF object ({@code -o}), from an expression or from an existing classic
 * BPF program ({@code --from-cbpf}).
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -d, -y, -s, -O, -F</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/tc-bpf.8.html">tc-bpf(8): the bytecode form --from-cbpf reads</a>
 */
@Command(
        name = "compile",
        description = {"Compiles a filter expression to classic BPF and prints the program, as tcpdump -d does;"
                + " with --target ebpf-socket|ebpf-tc|ebpf-xdp, to an eBPF program (listing, or an ELF object with -o)."},
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class CompileCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    FilterOptions filter;

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "cbpf", converter = CompileTarget.Converter.class,
            description = "cbpf (classic BPF, the default), ebpf-socket, ebpf-tc or ebpf-xdp.")
    CompileTarget target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the eBPF program to FILE as an ELF object (section socket, tc or xdp) for bpftool,"
                    + " ip and tc; -d also prints its listing.")
    Path output;

    @Option(names = "--on-match", paramLabel = "ACTION", defaultValue = "pass",
            description = "What the eBPF program does with matching packets: pass (default; the rest are dropped)"
                    + " or drop (the rest pass).")
    OnMatch onMatch;

    @Option(names = "--from-cbpf", paramLabel = "FILE",
            description = "Generate eBPF from the classic BPF program in FILE ('-' for standard input), in tcpdump's"
                    + " -ddd form or the one-line bytecode form of tc and xt_bpf, instead of from an expression.")
    Path fromCbpf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (target.ebpf().isEmpty()) {
            if (output != null || fromCbpf != null || onMatch != OnMatch.PASS) {
                err.println("jfilter: -o, --on-match and --from-cbpf need an eBPF --target (ebpf-socket, ebpf-tc or"
                        + " ebpf-xdp)");
                return ExitCodes.USAGE;
            }
            return filter.run(err, JFilter::compile, compiled -> {
                Diagnostics.printWarnings(err, compiled.warnings(), compiled.expression());
                out.print(compiled.listing(filter.format()));
                out.flush();
                return ExitCodes.OK;
            });
        }
        Target type = target.ebpf().orElseThrow();
        int snaplen = filter.snaplen == 0 ? GenerateOptions.DEFAULT_SNAP_LENGTH : filter.snaplen;
        if (snaplen < 0) {
            err.println("jfilter: invalid snapshot length " + snaplen);
            return ExitCodes.USAGE;
        }
        GenerateOptions options = new GenerateOptions(type, onMatch, snaplen);
        int dumps = filter.dump.length;
        if (fromCbpf == null) {
            return filter.run(err, JFilter::compile, compiled -> {
                Diagnostics.printWarnings(err, compiled.ebpfWarnings(), compiled.expression());
                return EbpfCompilation.emit(compiled.ebpf(options), options, output, dumps, out, err);
            });
        }
        if (!filter.words.isEmpty() || filter.file != null) {
            err.println("jfilter: give either an expression or --from-cbpf, not both");
            return ExitCodes.USAGE;
        }
        LiftResult lifted;
        try {
            lifted = EbpfCompilation.lift(fromCbpf, System.in);
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return switch (lifted) {
            case LiftResult.Failed(var problems) -> EbpfCompilation.printLiftProblems(err, fromCbpf, problems);
            case LiftResult.Lifted(var cfg) -> EbpfCompilation.emit(EbpfGenerator.generate(cfg, options), options,
                    output, dumps, out, err);
        };
    }
}
