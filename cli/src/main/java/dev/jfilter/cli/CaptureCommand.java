package dev.jfilter.cli;

import dev.jfilter.cbpf.Opcodes;
import dev.jfilter.cbpf.listing.ListingFormat;
import dev.jfilter.cli.print.PacketPrinter;
import dev.jfilter.ebpf.gen.GenerateOptions;
import dev.jfilter.ebpf.gen.Generation;
import dev.jfilter.ebpf.gen.OnMatch;
import dev.jfilter.ebpf.gen.Problem;
import dev.jfilter.ebpf.gen.Target;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.CaptureInterface;
import dev.jfilter.runtime.capture.CaptureWriter;
import dev.jfilter.runtime.capture.FileLinkType;
import dev.jfilter.runtime.capture.PcapWriter;
import dev.jfilter.runtime.capture.PcapngWriter;
import dev.jfilter.runtime.capture.TimestampResolution;
import dev.jfilter.runtime.kernel.CaptureStatistics;
import dev.jfilter.runtime.kernel.CookedPrograms;
import dev.jfilter.runtime.kernel.Direction;
import dev.jfilter.runtime.kernel.KernelError;
import dev.jfilter.runtime.kernel.KernelFilter;
import dev.jfilter.runtime.kernel.KernelResult;
import dev.jfilter.runtime.kernel.LiveCapture;
import dev.jfilter.runtime.kernel.LiveCaptureOptions;
import dev.jfilter.runtime.kernel.LivePacket;
import dev.jfilter.runtime.kernel.LoopEnd;
import dev.jfilter.runtime.kernel.NetworkDevice;
import dev.jfilter.runtime.kernel.NetworkDevices;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jfilter capture}: captures packets on a network interface, as {@code tcpdump -i IFACE}, with jfilter's
 * program attached in the kernel (classic BPF, or with {@code --ebpf} an eBPF socket filter), so packets the
 * expression rejects never reach this process. The expression is compiled for the interface's link type with Linux
 * extensions ({@code vlan}, {@code inbound}, {@code outbound} and {@code ifindex} read the kernel's metadata), as
 * libpcap compiles for a live handle. Packets are printed one a line, as {@code jfilter filter} prints them, or written
 * with {@code -w}. SIGINT (Ctrl-C) and SIGTERM end the capture cleanly: the file is complete, and the counts are
 * printed as tcpdump prints them. {@code -D} lists the interfaces as {@code tcpdump -D} does.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -i, -D, -c, -w, -s, -p, -Q, -B, -U</a>
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7)</a>
 */
@Command(
        name = "capture",
        description = "Captures packets on a network interface with the filter running in the kernel; prints or"
                + " writes the matching packets.",
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class CaptureCommand implements Callable<Integer> {
    /** What {@code bpftool prog show} lists for the eBPF socket filter. */
    static final String PROGRAM_NAME = "jfilter";
    /**
     * The netmask tcpdump compiles a live capture's filter with: 0 (it asks the interface only for {@code -f}), so
     * {@code ip broadcast} matches 0.0.0.0 and 255.255.255.255.
     */
    private static final int TCPDUMP_LIVE_NETMASK = 0;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "The interface to capture on.")
    String device;

    @Option(names = {"-D", "--list-interfaces"}, description = "List the interfaces, as tcpdump -D does, and exit.")
    boolean list;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT matching packets.")
    Long limit;

    @Option(names = {"-w", "--write"}, paramLabel = "OUT",
            description = "Write the packets to OUT: pcap, or pcapng if OUT ends in .pcapng; '-' is standard output"
                    + " (pcap). Without -w, one line is printed per packet.")
    String output;

    @Option(names = {"-U", "--packet-buffered"},
            description = "With -w, write each packet to the file as it arrives instead of in buffers.")
    boolean packetBuffered;

    @Option(names = {"-s", "--snaplen"}, paramLabel = "SNAPLEN", defaultValue = "262144",
            description = "Keep at most SNAPLEN bytes of each packet; 0 means 262144. Default: ${DEFAULT-VALUE}.")
    int snaplen;

    @Option(names = {"-p", "--no-promiscuous-mode"}, description = "Do not put the interface in promiscuous mode.")
    boolean notPromiscuous;

    @Option(names = {"-Q", "--direction"}, paramLabel = "DIR", defaultValue = "inout",
            description = "Keep packets received (in), sent (out) or both (inout). Default: ${DEFAULT-VALUE}.")
    Direction direction;

    @Option(names = {"-B", "--buffer-size"}, paramLabel = "KIB",
            description = "The kernel's capture buffer, in KiB (default 2048, as libpcap's).")
    Integer bufferKib;

    @Option(names = "--ebpf", description = "Attach the filter as an eBPF socket filter (SO_ATTACH_BPF) instead of"
            + " classic BPF (SO_ATTACH_FILTER).")
    boolean ebpf;

    @Option(names = "-O", description = "Do not run the optimizer.")
    boolean noOptimize;

    @Option(names = "-d", description = "Print the program that would be attached to the interface, as tcpdump -i IFACE"
            + " -d does (-dd as a C array, -ddd as numbers; with --ebpf, the eBPF listing), and exit.")
    boolean[] dump = new boolean[0];

    @Option(names = {"-F", "--file"}, paramLabel = "FILE",
            description = "Read the expression from FILE ('#' starts a comment, as in tcpdump).")
    Path file;

    @Option(names = "--netmask", paramLabel = "ADDR",
            description = "The IPv4 netmask 'ip broadcast' uses; default 0, as tcpdump's.")
    String netmask;

    @Parameters(paramLabel = "EXPRESSION", arity = "0..*",
            description = "The filter expression; words are joined with spaces. None: every packet.")
    List<String> words = List.of();

    /** Where {@code -w -} writes: standard output, as bytes. */
    private final OutputStream binaryOut;

    /** The compiled expression and the program the kernel gets from it (for eBPF, the generation). */
    private record Prepared(CompiledFilter compiled, KernelFilter filter, Optional<Generation.Generated> generated) {}

    CaptureCommand() {
        this(System.out);
    }

    CaptureCommand(OutputStream binaryOut) {
        this.binaryOut = binaryOut;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            return listDevices(out, err);
        }
        String expression;
        try {
            expression = checkOptions();
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        NetworkDevice found;
        switch (NetworkDevices.find(device)) {
            case KernelResult.Failed<NetworkDevice> failed -> {
                err.println("jfilter: " + device + ": no such interface (" + failed.error().message() + ")");
                return ExitCodes.USAGE;
            }
            case KernelResult.Ok<NetworkDevice> ok -> found = ok.value();
        }
        if (found.linkType().isEmpty()) {
            err.println("jfilter: " + device + ": hardware type ARPHRD " + found.hardwareType()
                    + " is not one jfilter captures on yet (Ethernet, loopback and header-less interfaces are, and"
                    + " 'any')");
            return ExitCodes.USAGE;
        }
        LinkType linkType = found.linkType().get();
        Prepared prepared;
        try {
            prepared = compile(err, expression, found, linkType);
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (prepared == null) {
            return ExitCodes.EXPRESSION;
        }
        if (dump.length > 0) {
            return printProgram(out, err, prepared);
        }
        LiveCapture capture;
        LiveCaptureOptions options = LiveCaptureOptions.of(device, effectiveSnaplen(), prepared.filter())
                .withPromiscuous(!notPromiscuous).withDirection(direction)
                .withBufferBytes(bufferKib == null ? LiveCaptureOptions.DEFAULT_BUFFER_BYTES : bufferKib * 1024);
        switch (LiveCapture.open(options)) {
            case KernelResult.Failed<LiveCapture> failed -> {
                err.println("jfilter: " + device + ": " + failed.error().message() + hint(failed.error(), prepared));
                return ExitCodes.USAGE;
            }
            case KernelResult.Ok<LiveCapture> ok -> capture = ok.value();
        }
        try (capture) {
            return run(out, err, capture);
        }
    }

    /** Checks the options; the expression. */
    private String checkOptions() throws UsageError {
        if (device == null) {
            throw new UsageError("an interface is needed: -i IFACE (-D lists them)");
        }
        if (limit != null && limit <= 0) {
            throw new UsageError("invalid packet count " + limit + " (-c needs a positive number)");
        }
        if (snaplen < 0) {
            throw new UsageError("invalid snapshot length " + snaplen);
        }
        if (bufferKib != null && (bufferKib <= 0 || bufferKib > Integer.MAX_VALUE / 1024)) {
            throw new UsageError("invalid buffer size " + bufferKib + " KiB");
        }
        if (packetBuffered && output == null) {
            throw new UsageError("-U makes -w write each packet as it arrives; it needs -w");
        }
        return ExpressionFiles.expression(words, file);
    }

    private int effectiveSnaplen() {
        return snaplen == 0 ? CaptureInterface.MAXIMUM_SNAPLEN : snaplen;
    }

    /** What {@code --ebpf} generates: a socket filter that keeps the snapshot length of a matching packet. */
    private GenerateOptions socketFilterOptions() {
        return new GenerateOptions(Target.SOCKET, OnMatch.PASS, effectiveSnaplen());
    }

    /**
     * Compiles the expression for the interface as libpcap compiles for a live Linux handle; null after printing the
     * diagnostics of an expression that does not compile.
     */
    private Prepared compile(PrintWriter err, String expression, NetworkDevice target, LinkType linkType)
            throws UsageError {
        CompileOptions options = CompileOptions.of(linkType).withSnaplen(effectiveSnaplen()).withLinuxExtensions(true)
                .withNetmask(netmask != null ? Netmasks.parse(netmask) : TCPDUMP_LIVE_NETMASK);
        CompiledFilter compiled = switch (JFilter.compile(expression, options, !noOptimize)) {
            case Result.Failed<CompiledFilter> failed -> {
                Diagnostics.print(err, failed.diagnostics(), expression);
                yield null;
            }
            case Result.Ok<CompiledFilter> ok -> ok.value();
        };
        if (compiled == null) {
            return null;
        }
        if (!ebpf) {
            Diagnostics.printWarnings(err, compiled.warnings(), expression);
            return new Prepared(compiled, new KernelFilter.Classic(compiled.program()), Optional.empty());
        }
        Diagnostics.printWarnings(err, compiled.ebpfWarnings(), expression);
        GenerateOptions generate = socketFilterOptions();
        Generation generation;
        if (target.isAny()) {
            // The cooked socket's packets start at the network header: generate from the program made for it.
            Optional<Generation> cooked = CookedPrograms.ebpfForCookedSocket(compiled.program(), generate);
            if (cooked.isEmpty()) {
                err.println("jfilter: cannot make " + Target.SOCKET.withArticle() + " for 'any': the program reads"
                        + " what a cooked socket does not give the kernel (the link-layer address or hardware type, or"
                        + " the length); without --ebpf, jfilter runs such a program itself");
                return null;
            }
            generation = cooked.get();
        } else {
            generation = compiled.ebpf(generate);
        }
        return switch (generation) {
            case Generation.Refused(List<Problem> problems) -> {
                for (Problem p : problems) {
                    err.println("jfilter: cannot make " + Target.SOCKET.withArticle() + ": " + p.message());
                }
                yield null;
            }
            case Generation.Generated g ->
                    new Prepared(compiled, new KernelFilter.Extended(g.program(), PROGRAM_NAME), Optional.of(g));
        };
    }

    /** {@code -d}: the program as the kernel would get it, in the listing format asked for. */
    private int printProgram(PrintWriter out, PrintWriter err, Prepared prepared) {
        if (prepared.generated().isPresent()) {
            return EbpfCompilation.emit(prepared.generated().get(),
                    socketFilterOptions(), null, dump.length, out, err);
        }
        out.print(prepared.compiled().listing(switch (dump.length) {
            case 0, 1 -> ListingFormat.IMAGE;
            case 2 -> ListingFormat.C_ARRAY;
            default -> ListingFormat.DECIMAL;
        }));
        out.flush();
        return ExitCodes.OK;
    }

    /** What to try when the kernel refused: privileges, or eBPF for a classic program that is too long. */
    private static String hint(KernelError error, Prepared prepared) {
        String name = error.errno().map(e -> e.name()).orElse("");
        if (name.equals("EPERM") || (name.equals("EACCES") && error.operation().startsWith("socket"))) {
            return " (live capture needs CAP_NET_RAW, and CAP_BPF for --ebpf: run as root)";
        }
        int size = prepared.compiled().program().size();
        if (prepared.filter() instanceof KernelFilter.Classic && size > Opcodes.MAX_INSNS) {
            return " (the program has " + size + " instructions, more than the " + Opcodes.MAX_INSNS
                    + " a classic socket filter may have: --ebpf attaches it as eBPF)";
        }
        return "";
    }

    /** Captures until {@code -c} packets, a signal, or a kernel error; then prints the counts. */
    private int run(PrintWriter out, PrintWriter err, LiveCapture capture) {
        FileLinkType fileLinkType = FileLinkType.of(capture.linkType());
        GuardedWriter writer = null;
        try {
            if (output != null) {
                writer = new GuardedWriter(createWriter(fileLinkType));
            }
        } catch (IOException e) {
            err.println("jfilter: " + output + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("jfilter: listening on " + capture.device().name() + ", link-type "
                + capture.linkType().name() + " (" + capture.linkType().description() + "), snapshot length "
                + capture.options().snaplen() + " bytes");
        err.flush();
        PacketPrinter printer = new PacketPrinter(ZoneId.systemDefault());
        GuardedWriter sink = writer;
        int status = ExitCodes.OK;
        LoopEnd end;
        try (StopSignals signals = StopSignals.install(capture::stop)) {
            end = capture.loop(limit == null ? 0 : limit, packet -> deliver(out, sink, printer, fileLinkType, packet));
        } catch (OutputClosed closed) {
            end = null;
        } catch (IOException e) {
            err.println("jfilter: " + output + ": " + e.getMessage());
            end = null;
            status = ExitCodes.USAGE;
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                err.println("jfilter: " + output + ": " + e.getMessage());
                status = ExitCodes.USAGE;
            }
        }
        out.flush();
        if (end instanceof LoopEnd.Failed failed) {
            err.println("jfilter: " + failed.error().message());
            status = ExitCodes.USAGE;
        }
        printCounts(err, end == null ? -1 : end.packets(), capture);
        return status;
    }

    private void deliver(PrintWriter out, GuardedWriter writer, PacketPrinter printer, FileLinkType linkType,
            LivePacket packet) throws IOException {
        if (writer != null) {
            writer.write(packet.timestampNanos(), packet.data(), packet.wireLength());
            if (packetBuffered) {
                writer.flush();
            }
        } else {
            out.print(printer.line(linkType, packet.timestampNanos(), packet.data(), 0, packet.capturedLength(),
                    packet.wireLength()));
            out.print('\n');
            out.flush();
            if (out.checkError()) {
                // The reader went away (jfilter capture ... | head): end as tcpdump ends on SIGPIPE, quietly.
                throw new OutputClosed();
            }
        }
    }

    /** Standard output can no longer be written: the capture ends without an error. */
    private static final class OutputClosed extends IOException {
        OutputClosed() {
            super("standard output is closed", null);
        }
    }

    /** tcpdump's three lines: captured (handed to this process), received by filter, dropped by kernel. */
    private static void printCounts(PrintWriter err, long captured, LiveCapture capture) {
        if (captured >= 0) {
            err.println(count(captured) + " captured");
        }
        switch (capture.statistics()) {
            case KernelResult.Ok<CaptureStatistics> ok -> {
                err.println(count(ok.value().received()) + " received by filter");
                err.println(count(ok.value().dropped()) + " dropped by kernel");
            }
            case KernelResult.Failed<CaptureStatistics> failed ->
                    err.println("jfilter: cannot read the kernel's counts: " + failed.error().message());
        }
        err.flush();
    }

    private static String count(long n) {
        return n + (n == 1 ? " packet" : " packets");
    }

    private CaptureWriter createWriter(FileLinkType linkType) throws IOException {
        int snap = effectiveSnaplen();
        if (output.endsWith(".pcapng")) {
            return PcapngWriter.create(Path.of(output), linkType, snap, TimestampResolution.MICROSECONDS);
        }
        CaptureInterface header = CaptureInterface.of(linkType, snap);
        return output.equals("-")
                ? PcapWriter.create(Channels.newChannel(binaryOut), header, TimestampResolution.MICROSECONDS)
                : PcapWriter.create(Path.of(output), header, TimestampResolution.MICROSECONDS);
    }

    /** {@code tcpdump -D}: a line per interface, its flags and connection status in brackets. */
    private static int listDevices(PrintWriter out, PrintWriter err) {
        switch (NetworkDevices.list()) {
            case KernelResult.Failed<List<NetworkDevice>> failed -> {
                err.println("jfilter: cannot list the interfaces: " + failed.error().message());
                return ExitCodes.USAGE;
            }
            case KernelResult.Ok<List<NetworkDevice>> ok -> {
                int number = 1;
                for (NetworkDevice d : ok.value()) {
                    out.println(number++ + "." + d.name() + DeviceFlags.describe(d));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
