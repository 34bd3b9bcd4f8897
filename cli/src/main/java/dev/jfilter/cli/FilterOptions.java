package dev.jfilter.cli;

import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options that say what to compile and how, shared by {@code jfilter compile} and {@code jfilter explain}:
 * tcpdump's {@code -y}, {@code -s}, {@code -O}, {@code -d}, {@code -F}, and the expression.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -d, -y, -s, -O, -F</a>
 */
final class FilterOptions {
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

    /** A compiler stage: {@code JFilter.compile} or {@code JFilter.explain}. */
    @FunctionalInterface
    interface Stage<T> {
        Result<T> run(String expression, CompileOptions options, boolean optimize);
    }

    /**
     * Runs {@code stage} on the expression and options given, the way every command does: a bad option or file is
     * one line on {@code err} and status 2; an expression the stage refuses, its diagnostics and status 1;
     * otherwise what {@code then} does with the result.
     */
    <T> int run(PrintWriter err, Stage<T> stage, Function<T, Integer> then) {
        CompileOptions options;
        String expression;
        try {
            options = options();
            expression = expression();
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return switch (stage.run(expression, options, optimize())) {
            case Result.Failed<T> failed -> {
                Diagnostics.print(err, failed.diagnostics(), expression);
                yield ExitCodes.EXPRESSION;
            }
            case Result.Ok<T> ok -> then.apply(ok.value());
        };
    }

    /** Whether the optimizer runs. */
    boolean optimize() {
        return !noOptimize;
    }

    /** The listing format {@code -d}, {@code -dd} or {@code -ddd} asked for; {@code -d} by default. */
    ListingFormat format() {
        return switch (dump.length) {
            case 0, 1 -> ListingFormat.IMAGE;
            case 2 -> ListingFormat.C_ARRAY;
            default -> ListingFormat.DECIMAL;
        };
    }

    /** The compiler's options. */
    CompileOptions options() throws UsageError {
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

    /** The expression: the words joined with spaces, or the {@code -F} file with its comments blanked. */
    String expression() throws UsageError {
        return ExpressionFiles.expression(words, file);
    }
}
