package dev.jfilter.cli;

import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Diagnostic;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Option(names = {"-y", "--linktype"}, paramLabel = "LINKTYPE", defaultValue = "EN10MB",
            description = "Link-layer type by DLT name (EN10MB, LINUX_SLL2, RAW, ...) or number. Default: ${DEFAULT-VALUE}.")
    String linkType;

    @Option(names = {"-s", "--snaplen"}, paramLabel = "SNAPLEN", defaultValue = "262144",
            description = "What an accepting program returns; 0 means 262144. Default: ${DEFAULT-VALUE}.")
    int snaplen;

    @Option(names = "-O", description = "Do not run the optimizer.")
    boolean noOptimize;

    @Option(names = "-d", description = "Dump the program as assembly; -dd as a C array, -ddd as decimal numbers.")
    boolean[] dump = new boolean[0];

    @Option(names = {"-F", "--file"}, paramLabel = "FILE",
            description = "Read the expression from FILE ('#' starts a comment, as in tcpdump).")
    Path file;

    @Option(names = "--netmask", paramLabel = "ADDR", description = "The IPv4 netmask 'ip broadcast' needs, such as 255.255.255.0.")
    String netmask;

    @Option(names = "--linux-ext", description = "Compile for a live Linux capture: 'vlan', 'inbound', 'outbound' and"
            + " 'ifindex' read the packet's metadata (SKF_AD_* loads), as libpcap does for live Linux handles.")
    boolean linuxExtensions;

    @Parameters(paramLabel = "EXPRESSION", arity = "0..*", description = "The filter expression; words are joined with spaces.")
    List<String> words = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompileOptions options;
        String expression;
        try {
            options = options();
            expression = expression();
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Result<CompiledFilter> result = JFilter.compile(expression, options, !noOptimize);
        return switch (result) {
            case Result.Failed<CompiledFilter> failed -> {
                for (Diagnostic d : failed.diagnostics()) {
                    err.print(d.format("jfilter", expression));
                }
                yield ExitCodes.EXPRESSION;
            }
            case Result.Ok<CompiledFilter> ok -> {
                for (Diagnostic w : ok.value().warnings()) {
                    err.print(w.format("jfilter: warning", expression));
                }
                out.print(ok.value().listing(format()));
                out.flush();
                yield ExitCodes.OK;
            }
        };
    }

    private ListingFormat format() {
        return switch (dump.length) {
            case 0, 1 -> ListingFormat.IMAGE;
            case 2 -> ListingFormat.C_ARRAY;
            default -> ListingFormat.DECIMAL;
        };
    }

    private CompileOptions options() throws UsageError {
        LinkType type = LinkTypes.parse(linkType);
        if (snaplen < 0) {
            throw new UsageError("invalid snapshot length " + snaplen);
        }
        CompileOptions options = CompileOptions.of(type).withSnaplen(snaplen == 0 ? CompileOptions.DEFAULT_SNAPLEN : snaplen);
        if (netmask != null) {
            options = options.withNetmask(Netmasks.parse(netmask));
        }
        return options.withLinuxExtensions(linuxExtensions);
    }

    private String expression() throws UsageError {
        if (file == null) {
            return String.join(" ", words);
        }
        if (!words.isEmpty()) {
            throw new UsageError("give the expression either in a file (-F) or on the command line, not both");
        }
        try {
            return ExpressionFiles.stripComments(Files.readString(file));
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
