package dev.jfilter.cli;

import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.cli.print.PacketPrinter;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.capture.CaptureError;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.CaptureFormat;
import dev.jfilter.runtime.capture.CaptureInterface;
import dev.jfilter.runtime.capture.CaptureWriter;
import dev.jfilter.runtime.capture.FileLinkType;
import dev.jfilter.runtime.capture.FilePart;
import dev.jfilter.runtime.capture.PacketCursor;
import dev.jfilter.runtime.capture.PcapWriter;
import dev.jfilter.runtime.capture.PcapngWriter;
import dev.jfilter.runtime.capture.SecondsOverflow;
import dev.jfilter.runtime.capture.TimestampResolution;
import dev.jfilter.runtime.jit.PacketFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jfilter filter}: reads capture files, runs the compiled filter on every packet, and writes the packets it
 * accepts to a capture file (pcap, or pcapng when the name ends in {@code .pcapng}), prints one line for each in
 * tcpdump's style, or counts them. Like {@code tcpdump -r FILE -w OUT EXPRESSION}, the output holds the same records
 * as tcpdump writes. Without an expression every packet matches, whatever its link type (no program is needed).
 * A timestamp a pcap file cannot hold (before 1970, after 2106-02-07) is written as tcpdump writes it, its seconds
 * modulo 2^32, with one warning. A file that breaks off or is not a capture stops the command with one line naming
 * the file, the offset and the problem, and status 2; the packets before it are written. A large pcap file is
 * filtered in parts by several threads ({@link PartScan}), with the same output in the same order.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -r, -w, -c, -y, -s</a>
 */
@Command(
        name = "filter",
        description = "Filters capture files (pcap, pcapng) with a tcpdump expression: writes, prints or counts the"
                + " matching packets.",
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class FilterCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-r", "--read"}, paramLabel = "FILE", required = true,
            description = "A capture file to read (pcap or pcapng); repeat for several, read in order.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-w", "--write"}, paramLabel = "OUT",
            description = "Write the matching packets to OUT: pcap, or pcapng if OUT ends in .pcapng; '-' is standard"
                    + " output (pcap). Without -w, one line is printed per matching packet.")
    String output;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT matching packets.")
    Long limit;

    @Option(names = "--count", description = "Print only the number of matching packets.")
    boolean countOnly;

    @Option(names = {"-y", "--linktype"}, paramLabel = "LINKTYPE",
            description = "Compile for this link type (DLT name or number) instead of each file's own.")
    String linkType;

    @Option(names = {"-s", "--snaplen"}, paramLabel = "SNAPLEN",
            description = "The snapshot length to compile with (what an accepting program returns); default: each"
                    + " interface's, as libpcap does for a file. Packets are written whole either way.")
    Integer snaplen;

    @Option(names = "-O", description = "Do not run the optimizer.")
    boolean noOptimize;

    @Option(names = {"-F", "--file"}, paramLabel = "FILE",
            description = "Read the expression from FILE ('#' starts a comment, as in tcpdump).")
    Path file;

    @Option(names = "--netmask", paramLabel = "ADDR", description = "The IPv4 netmask 'ip broadcast' needs.")
    String netmask;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "jit",
            description = "How the program runs: jit (JVM bytecode, the interpreter for programs it declines) or"
                    + " interp (the classic BPF interpreter). Default: ${DEFAULT-VALUE}.")
    Engine engine;

    @Parameters(paramLabel = "EXPRESSION", arity = "0..*",
            description = "The filter expression; words are joined with spaces. None: every packet matches.")
    List<String> words = List.of();

    /** The {@code -y} link type and the expression, once the options are checked. */
    private Optional<LinkType> forcedType = Optional.empty();
    private String expressionText = "";

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that filter a large pcap file at once, each a part of it (default: one per"
                    + " processor, at most 8, less the one that writes the file with -w). The output is the same, in"
                    + " the same order.")
    Integer threads;

    /** The smallest part a thread takes: below it, threads cost more than they save. Hidden: for tests. */
    @Option(names = "--min-part-bytes", hidden = true)
    long minimumPartBytes = 32L << 20;

    /** Where {@code -w -} writes: standard output, as bytes. */
    private final OutputStream binaryOut;

    FilterCommand() {
        this(System.out);
    }

    FilterCommand(OutputStream binaryOut) {
        this.binaryOut = binaryOut;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Programs programs;
        try {
            programs = programs(err);
        } catch (UsageError e) {
            err.println("jfilter: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Input> opened = new ArrayList<>();
        try {
            for (Path path : inputs) {
                opened.add(Input.open(path));
            }
            return new Run(out, err, programs, opened).execute();
        } finally {
            opened.forEach(Input::close);
        }
    }

    private Programs programs(PrintWriter err) throws UsageError {
        if (countOnly && output != null) {
            throw new UsageError("--count prints the number of matching packets; it does not go with -w");
        }
        if (limit != null && limit <= 0) {
            throw new UsageError("invalid packet count " + limit + " (-c needs a positive number)");
        }
        if (threads != null && threads < 1) {
            throw new UsageError("invalid thread count " + threads + " (--threads needs a positive number)");
        }
        if (snaplen != null && snaplen < 0) {
            throw new UsageError("invalid snapshot length " + snaplen);
        }
        Optional<LinkType> forced = linkType == null ? Optional.empty() : Optional.of(LinkTypes.parse(linkType));
        Optional<Integer> mask = netmask == null ? Optional.empty() : Optional.of(Netmasks.parse(netmask));
        String expression = ExpressionFiles.expression(words, file);
        forcedType = forced;
        expressionText = expression;
        return new Programs(expression, forced, Optional.ofNullable(snaplen), mask, !noOptimize, engine,
                warnings -> Diagnostics.printWarnings(err, warnings, expression));
    }

    /** An input file and a cursor already on its first packet (if it has one), to learn its interface early. */
    private record Input(CaptureFile file, PacketCursor cursor, boolean hasPacket) {
        static Input open(Path path) {
            CaptureFile file = CaptureFile.open(path);
            PacketCursor cursor = file.cursor();
            return new Input(file, cursor, cursor.next());
        }

        /** The first packet's interface, or the pcap header's when there is no packet. */
        Optional<CaptureInterface> firstInterface() {
            return hasPacket ? Optional.of(cursor.captureInterface()) : file.headerInterface();
        }

        void close() {
            file.close();
        }
    }

    /** One execution: the inputs in order, the output, the counts. */
    private final class Run {
        private final PrintWriter out;
        private final PrintWriter err;
        private final Programs programs;
        private final List<Input> inputs;
        private final PacketPrinter printer = new PacketPrinter(ZoneId.systemDefault());
        private GuardedWriter writer;
        /** The link type of a pcap output; null for pcapng, which holds any. */
        private FileLinkType pcapLinkType;
        private long packets;
        private long matches;
        private boolean warnedOfWrappedSeconds;

        Run(PrintWriter out, PrintWriter err, Programs programs, List<Input> inputs) {
            this.out = out;
            this.err = err;
            this.programs = programs;
            this.inputs = inputs;
        }

        int execute() {
            // Like tcpdump, refuse a bad expression before reading: compile for the first interface's link type.
            Optional<CaptureInterface> first = inputs.stream().map(Input::firstInterface)
                    .flatMap(Optional::stream).findFirst();
            Programs.Outcome upfront = first.map(programs::of).orElseGet(() -> programs.of(
                    linkTypeOption().orElse(LinkType.EN10MB), CaptureInterface.MAXIMUM_SNAPLEN, false));
            if (upfront instanceof Programs.Outcome.Refused refused) {
                Diagnostics.print(err, refused.diagnostics(), expression());
                return ExitCodes.EXPRESSION;
            }
            int status;
            try {
                if (output != null) {
                    writer = new GuardedWriter(createWriter(first));
                }
                status = filter();
            } catch (IOException e) {
                err.println("jfilter: " + output + ": " + e.getMessage());
                status = ExitCodes.USAGE;
            }
            status = closeOutput(status);
            if (status == ExitCodes.OK && countOnly) {
                out.println(matches);
            }
            out.flush();
            return status;
        }

        private int closeOutput(int status) {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    err.println("jfilter: " + output + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                }
            }
            return status;
        }

        private int filter() throws IOException {
            long total = inputs.stream().mapToLong(i -> i.file().contents().byteSize()).sum();
            Progress progress = Progress.forInput(err, total);
            try {
                long before = 0;
                for (Input input : inputs) {
                    int status = filter(input, before, progress);
                    if (status != MORE) {
                        return status;
                    }
                    before += input.file().contents().byteSize();
                }
                return ExitCodes.OK;
            } finally {
                progress.finish();
            }
        }

        /**
         * Filters one input: a large pcap file in parts, one thread each (see {@link CaptureFile#parts}); others
         * from start to end on this thread.
         */
        private int filter(Input input, long before, Progress progress) throws IOException {
            List<FilePart> parts = input.file().parts(threadCount(), minimumPartBytes);
            Optional<PacketFilter> common = input.file().headerInterface()
                    .map(programs::of)
                    .flatMap(o -> o instanceof Programs.Outcome.Ready ready ? Optional.of(ready.filter())
                            : Optional.empty());
            if (parts.size() == 1 || common.isEmpty() || pcapLinkTypeMismatch(input)) {
                return scan(input, input.cursor(), input.hasPacket(), before, progress);
            }
            // The parts after the first are scanned by threads of their own; this thread scans the first, writing
            // as it goes, then takes the others' matches in order, each once the part before it has ended exactly
            // where it starts. If a guessed boundary proves wrong, it reads on from the last confirmed one itself.
            long keep = countOnly ? 0 : limit == null ? Long.MAX_VALUE : limit;
            List<PartScan> scans = new ArrayList<>();
            for (FilePart part : parts.subList(1, parts.size())) {
                scans.add(PartScan.start(input.file(), part, common.get().copy(), keep));
            }
            try {
                PacketCursor first = input.file().cursor(parts.getFirst());
                int status = scan(input, first, first.next(), before, progress);
                if (status != MORE) {
                    return status;
                }
                long confirmed = first.nextRecordOffset();
                PacketCursor replay = input.file().cursor();
                for (PartScan scan : scans) {
                    if (scan.part().start() != confirmed) {
                        break;
                    }
                    PartScan.Found found = scan.join();
                    packets += found.packets();
                    if (countOnly) {
                        matches += found.matches();
                        if (limit != null && matches >= limit) {
                            matches = limit;
                            return ExitCodes.OK;
                        }
                    } else {
                        for (long offset : found.matchOffsets()) {
                            replay.seek(offset);
                            replay.next();
                            status = accept(input, replay);
                            if (status != MORE) {
                                return status;
                            }
                        }
                    }
                    progress.update(before + found.end(), packets, matches);
                    if (found.error().isPresent()) {
                        return fail(found.error().get());
                    }
                    confirmed = found.end();
                }
                if (confirmed == input.file().contents().byteSize()) {
                    return MORE;
                }
                PacketCursor rest = input.file().cursor(new FilePart(confirmed, input.file().contents().byteSize()));
                return scan(input, rest, rest.next(), before, progress);
            } finally {
                scans.forEach(PartScan::cancel);
            }
        }

        /**
         * The threads to filter with: {@code --threads}, else one per processor (at most 8) less one for the output
         * buffer's writer thread when packets are written (measured: on two processors, writing half of a 1 GiB
         * capture takes 0.8 s with one filtering thread and 1.0 s with two).
         */
        private int threadCount() {
            if (threads != null) {
                return threads;
            }
            int processors = Math.min(8, Runtime.getRuntime().availableProcessors());
            return Math.max(1, writer != null ? processors - 1 : processors);
        }

        /** Whether a pcap output cannot hold this pcap input's packets: the sequential scan reports it. */
        private boolean pcapLinkTypeMismatch(Input input) {
            return pcapLinkType != null && input.file().headerInterface()
                    .map(i -> i.linkType().linktype() != pcapLinkType.linktype()).orElse(true);
        }

        /**
         * Filters the packets from the cursor's current one ({@code has}: whether there is one) to where it stops;
         * {@link #MORE} if it stopped cleanly, else the command's exit status.
         */
        private int scan(Input input, PacketCursor cursor, boolean has, long before, Progress progress)
                throws IOException {
            CaptureInterface current = null;
            PacketFilter filter = null;
            while (has) {
                CaptureInterface iface = cursor.captureInterface();
                if (iface != current) {
                    switch (programs.of(iface)) {
                        case Programs.Outcome.Ready ready -> filter = ready.filter();
                        case Programs.Outcome.Refused refused -> {
                            Diagnostics.print(err, refused.diagnostics(), expression());
                            return ExitCodes.EXPRESSION;
                        }
                        case Programs.Outcome.UnknownLinkType unknown -> {
                            return fail(new CaptureError(input.file().path(), linkTypeOffset(input, cursor),
                                    "unknown link type " + unknown.name()
                                            + ": jfilter cannot compile for it (-y names a link type to use)"));
                        }
                    }
                    if (pcapLinkType != null && iface.linkType().linktype() != pcapLinkType.linktype()) {
                        return fail(new CaptureError(input.file().path(), cursor.recordOffset(),
                                "a packet of link type " + iface.linkType().displayName()
                                        + " cannot go in a pcap file of link type "
                                        + pcapLinkType.displayName() + " (write pcapng: -w OUT.pcapng)"));
                    }
                    current = iface;
                }
                packets++;
                if (filter.run(cursor.file(), cursor.dataOffset(), cursor.capturedLength(),
                        (int) cursor.wireLength(), AncillarySource.NONE) != 0) {
                    int status = accept(input, cursor);
                    if (status != MORE) {
                        return status;
                    }
                }
                if ((packets & 0xfff) == 0) {
                    progress.update(before + cursor.dataOffset(), packets, matches);
                }
                has = cursor.next();
            }
            return cursor.error().isPresent() ? fail(cursor.error().get()) : MORE;
        }

        /** Counts, writes or prints the cursor's packet, which matched; {@link #MORE} unless the command ends. */
        private int accept(Input input, PacketCursor cursor) throws IOException {
            matches++;
            Optional<String> unwritable = checkTimestamp(input, cursor);
            if (unwritable.isEmpty()) {
                try {
                    deliver(cursor);
                } catch (IllegalArgumentException e) {
                    unwritable = Optional.of(e.getMessage());
                }
            }
            if (unwritable.isPresent()) {
                // Stop as at a bad record: the packets before it are in the output.
                return fail(new CaptureError(input.file().path(), cursor.recordOffset(),
                        "the packet cannot be written: " + unwritable.get()));
            }
            return limit != null && matches >= limit ? ExitCodes.OK : MORE;
        }

        private void deliver(PacketCursor cursor) throws IOException {
            if (writer != null) {
                writer.write(cursor.packet());
            } else if (!countOnly) {
                CaptureInterface iface = cursor.captureInterface();
                FileLinkType type = linkTypeOption().<FileLinkType>map(FileLinkType.Known::new)
                        .orElse(iface.linkType());
                out.print(printer.line(type, cursor.timestampNanos(), cursor.file(), cursor.dataOffset(),
                        cursor.capturedLength(), cursor.wireLength()));
                out.print('\n');
            }
        }

        /**
         * Why a packet's timestamp cannot be written, if it cannot: the reader's nanosecond clock saturated (before
         * 1677, after 2262), so the output would state another time. A timestamp pcap's 32-bit seconds do not hold
         * is written as tcpdump writes it, modulo 2^32 seconds, with one warning for the run.
         */
        private Optional<String> checkTimestamp(Input input, PacketCursor cursor) {
            if (writer == null) {
                return Optional.empty();
            }
            long nanos = cursor.timestampNanos();
            if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE) {
                return Optional.of("its timestamp is " + (nanos > 0 ? "after 2262-04-11" : "before 1677-09-21")
                        + ", beyond jfilter's clock (nanoseconds in 64 bits)");
            }
            if (pcapLinkType != null && !warnedOfWrappedSeconds && !PcapWriter.holds(nanos)) {
                warnedOfWrappedSeconds = true;
                err.println("jfilter: warning: " + input.file().path() + ": offset " + cursor.recordOffset()
                        + ": timestamp " + (nanos < 0 ? "before 1970" : "after 2106-02-07")
                        + " does not fit a pcap file; written modulo 2^32 seconds as tcpdump does"
                        + " (write pcapng to keep it)");
            }
            return Optional.empty();
        }

        /** Reports a problem with an input: one line; the packets before it are written (the caller closes). */
        private int fail(CaptureError error) {
            if (!countOnly && writer == null) {
                out.flush();
            }
            err.println("jfilter: " + error.message());
            return ExitCodes.USAGE;
        }

        /** Where a file states an interface's link type: the pcap header's field, or the packet's block. */
        private long linkTypeOffset(Input input, PacketCursor cursor) {
            return input.file().format().orElse(null) == CaptureFormat.PCAP ? 20 : cursor.recordOffset();
        }

        private CaptureWriter createWriter(Optional<CaptureInterface> first) throws IOException {
            CaptureInterface like = first.orElse(CaptureInterface.of(
                    FileLinkType.of(linkTypeOption().orElse(LinkType.EN10MB)), CaptureInterface.MAXIMUM_SNAPLEN));
            boolean pcapng = output.endsWith(".pcapng");
            if (pcapng) {
                return PcapngWriter.create(Path.of(output), like.linkType(), like.snapshot());
            }
            // A pcap file holds one link type and one snapshot length: the largest of the inputs' for that type,
            // so that no packet is cut. tcpdump writes microseconds, and no FCS length it did not read from a pcap
            // header.
            int snap = like.snapshot();
            for (Input input : inputs) {
                Optional<CaptureInterface> f = input.firstInterface();
                if (f.isPresent() && f.get().linkType().linktype() == like.linkType().linktype()) {
                    snap = Math.max(snap, f.get().snapshot());
                }
            }
            boolean fromPcap = first.isPresent() && inputs.stream().filter(i -> i.firstInterface().isPresent())
                    .findFirst().flatMap(i -> i.file().format()).orElse(null) == CaptureFormat.PCAP;
            CaptureInterface header = new CaptureInterface(0, 0, like.linkType(), snap, like.resolution(), 0,
                    fromPcap ? like.fcsLengthBits() : OptionalInt.empty(), Optional.empty(), like.byteOrder());
            pcapLinkType = like.linkType();
            // Seconds past pcap's 32 bits wrap, as in tcpdump's file (checkTimestamp warns).
            return output.equals("-")
                    ? PcapWriter.create(Channels.newChannel(binaryOut), header, TimestampResolution.MICROSECONDS,
                            SecondsOverflow.WRAP)
                    : PcapWriter.create(Path.of(output), header, TimestampResolution.MICROSECONDS,
                            SecondsOverflow.WRAP);
        }
    }

    /** What a scan returns when it reached the end of what it reads and the command goes on. */
    private static final int MORE = -1;

    private Optional<LinkType> linkTypeOption() {
        return forcedType;
    }

    private String expression() {
        return expressionText;
    }
}
