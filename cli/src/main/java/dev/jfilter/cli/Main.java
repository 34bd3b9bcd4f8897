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
        description = "Compiles tcpdump filter expressions (pcap-filter(7)) to classic BPF.",
        subcommands = {CompileCommand.class, CommandLine.HelpCommand.class},
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
        try {
            return new CommandLine(new Main()).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
                    .execute(args);
        } finally {
            // Diagnostics are printed with print(), which autoflush does not flush; exit() would lose them.
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, such as 'compile'");
    }
}
