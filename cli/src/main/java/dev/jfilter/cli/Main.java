package dev.jfilter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jfilter} command: tcpdump's filter language compiled by jfilter.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1)</a>
 */
@Command(
        name = "jfilter",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Compiles tcpdump filter expressions (pcap-filter(7)) to classic BPF and eBPF, filters capture files"
                + " with them, and captures live with them running in the kernel.",
        subcommands = {CompileCommand.class, ExplainCommand.class, FilterCommand.class, CaptureCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.USAGE)
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the standard streams and returns its exit status. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams, and returns its exit status. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(out, err, System.out, args);
    }

    /**
     * Runs the command line writing text to {@code out} and {@code err}, and the capture {@code filter -w -} writes
     * to {@code binaryOut}; returns its exit status.
     */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, java.io.OutputStream binaryOut,
            String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == FilterCommand.class) {
                    return type.cast(new FilterCommand(binaryOut));
                }
                if (type == CaptureCommand.class) {
                    return type.cast(new CaptureCommand(binaryOut));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        try {
            return new CommandLine(new Main(), factory).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
                    .setParameterExceptionHandler(Main::usageError)
                    .execute(args);
        } finally {
            // Diagnostics are printed with print(), which autoflush does not flush; exit() would lose them.
            out.flush();
            err.flush();
        }
    }

    /** A bad option or argument: one line, in the command's style, and where to look. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println("jfilter: " + e.getMessage() + " (see '" + name + " --help')");
        return ExitCodes.USAGE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, such as 'compile'");
    }
}
