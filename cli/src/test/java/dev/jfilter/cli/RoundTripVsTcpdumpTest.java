package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.CaptureFormat;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.capture.PcapWriter;
import dev.jfilter.testpcaps.TestPcap;
import dev.jfilter.testpcaps.TestPcaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's round trips, through the command: {@code jfilter filter -r X -w OUT} with no expression (every packet)
 * for every capture of test-pcaps, of {@code ../shared} ({@code captures/} and libpcap's {@code savefiles/},
 * capture or not) and of {@link UnusualCaptures} (cut short, two link types, timestamps out of pcap's range).
 *
 * <ol>
 *   <li>{@code -w out.pcap} against {@code tcpdump -r X -w ref.pcap}: the same bytes; or the same bytes once the
 *       {@link PcapDifference}s are applied to tcpdump's; or, where tcpdump refuses the file or stops in it, jfilter
 *       stops too (status 2, {@code FILE: offset N: problem}) with the same packets before; or jfilter stops where
 *       tcpdump does not, for a documented reason (a second link type, which a pcap file cannot hold; a timestamp
 *       beyond jfilter's nanosecond clock), having written the first of tcpdump's packets.</li>
 *   <li>{@code -w out.pcapng}: jfilter reads back every packet it read from X (nanosecond timestamps, lengths,
 *       bytes, link types); tcpdump reads from it the records of {@code out.pcap}; Wireshark ({@link Wireshark})
 *       reads it without a warning, with the timestamps and lengths it reads from X.</li>
 *   <li>{@code -w -} for the first file of each set and the out-of-range timestamps: the bytes of {@code out.pcap}.
 *   </li>
 * </ol>
 * How many files ended each way is printed at the end.
 */
class RoundTripVsTcpdumpTest {
    /** By set of files, how many files ended each way. */
    private static final Map<String, Map<String, AtomicInteger>> OUTCOMES = new ConcurrentHashMap<>();
    private static final Pattern CAPTURE_ERROR = Pattern.compile("jfilter: .+: offset \\d+: .+");

    private static ExternalTool tcpdump;
    private static Optional<Wireshark> wireshark;

    @TempDir
    Path dir;

    /** The set of files this factory tries, for the outcome counts. */
    private String set;

    @BeforeAll
    static void findTools() {
        Optional<ExternalTool> found = ExternalTool.tcpdump();
        Assumptions.assumeTrue(found.isPresent(), "no tcpdump on this machine: it is the reference");
        tcpdump = found.get();
        wireshark = Wireshark.find();
        if (wireshark.isEmpty()) {
            System.out.println("RoundTripVsTcpdumpTest: tshark, capinfos or mergecap is not installed: Wireshark's"
                    + " reading of the pcapng outputs is not checked");
        }
    }

    @AfterAll
    static void summary() {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(OUTCOMES).forEach((set, outcomes) -> {
            s.append("RoundTripVsTcpdumpTest, ").append(set).append(" (files):\n");
            new TreeMap<>(outcomes).forEach((k, v) -> s.append(String.format("  %4d  %s%n", v.get(), k)));
        });
        System.out.print(s);
    }

    @TestFactory
    Stream<DynamicTest> committedCaptures() {
        return roundTrips("test-pcaps' committed captures", TestPcaps.all().stream().map(TestPcap::path).toList());
    }

    @TestFactory
    Stream<DynamicTest> sharedCaptures() throws IOException {
        Captures.requireShared();
        Path shared = Captures.shared().orElseThrow();
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("captures", "libpcap-tests/savefiles")) {
            Path folder = shared.resolve(sub);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> list = Files.list(folder)) {
                    list.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        }
        Assumptions.assumeTrue(!files.isEmpty(), "no files under " + shared);
        return roundTrips("../shared: captures/ and libpcap-tests/savefiles/", files);
    }

    @TestFactory
    Stream<DynamicTest> unusualCaptures() throws IOException {
        return roundTrips("unusual captures (cut, two link types, timestamps out of range)",
                UnusualCaptures.write(Files.createDirectories(dir.resolve("unusual"))));
    }

    /** What tcpdump did with an input: its run, and the file it wrote, if it wrote one. */
    private record Reference(ExternalTool.Run run, Optional<byte[]> file) {}

    /** What the pcapng leg leaves for the Wireshark comparison. */
    private record Written(int index, Path input, Path pcapng, List<Packet> packets) {}

    private Stream<DynamicTest> roundTrips(String set, List<Path> files) {
        this.set = set;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Optional<Future<Map<Path, Wireshark.Reading>>> inputsForWireshark =
                wireshark.map(w -> pool.submit(() -> w.read(files, dir)));
        List<Future<Reference>> references = IntStream.range(0, files.size())
                .mapToObj(i -> pool.submit(() -> reference(files.get(i), dir.resolve(i + ".tcpdump.pcap"))))
                .toList();
        List<Written> written = Collections.synchronizedList(new ArrayList<>());
        Stream<DynamicTest> each = IntStream.range(0, files.size()).mapToObj(i -> DynamicTest.dynamicTest(
                files.get(i).getParent().getFileName() + "/" + files.get(i).getFileName(),
                () -> written.add(roundTrip(i, files.get(i), references.get(i).get()))));
        DynamicTest byWireshark = DynamicTest.dynamicTest("Wireshark reads each pcapng jfilter wrote as it reads the"
                + " input", () -> {
                    Assumptions.assumeTrue(wireshark.isPresent(), "Wireshark's tools are not installed");
                    compareWithWireshark(wireshark.get(), written, inputsForWireshark.orElseThrow().get());
                });
        return Stream.concat(each, Stream.of(byWireshark)).onClose(pool::shutdownNow);
    }

    private static Reference reference(Path input, Path out) throws IOException, InterruptedException {
        ExternalTool.Run run = tcpdump.run("-r", input.toString(), "-w", out.toString());
        return new Reference(run, Files.exists(out) ? Optional.of(Files.readAllBytes(out)) : Optional.empty());
    }

    private Written roundTrip(int index, Path input, Reference reference) throws Exception {
        List<Packet> read = Packets.before(input);
        Path pcap = dir.resolve(index + ".jfilter.pcap");
        Cli.Run run = Cli.run("filter", "-r", input.toString(), "-w", pcap.toString());
        byte[] ours = Files.readAllBytes(pcap);
        count("pcap: " + comparePcap(input, read, run, ours, reference));

        if (index == 0 || input.getFileName().toString().startsWith("outside-pcap-seconds")) {
            Cli.Run stdout = Cli.run("filter", "-r", input.toString(), "-w", "-");
            assertThat(stdout.binary()).as("-w - writes what -w FILE writes").isEqualTo(ours);
            assertThat(stdout.status()).isEqualTo(run.status());
            assertThat(stdout.err()).isEqualTo(run.err());
            count("pcap: -w - writes the bytes of -w FILE (checked on this file)");
        }

        Path pcapng = dir.resolve(index + ".jfilter.pcapng");
        Cli.Run runNg = Cli.run("filter", "-r", input.toString(), "-w", pcapng.toString());
        List<Packet> packets = comparePcapng(run, runNg, pcapng, ours, read);
        return new Written(index, input, pcapng, packets);
    }

    /** The pcap leg: jfilter's file against tcpdump's; the outcome. */
    private static String comparePcap(Path input, List<Packet> read, Cli.Run run, byte[] ours,
            Reference reference) {
        ExternalTool.Run ref = reference.run();
        String tcpdumpSaid = ref.err().lines().filter(l -> !l.startsWith("reading from file")).findFirst()
                .orElse("");
        if (run.status() == 0 && ref.exitCode() == 0) {
            Optional<Packet> outOfRange = read.stream().filter(p -> !PcapWriter.holds(p.timestampNanos()))
                    .findFirst();
            assertThat(run.err()).as("jfilter's messages").isEqualTo(outOfRange.map(p -> "jfilter: warning: "
                    + input + ": offset " + p.offset() + ": timestamp "
                    + (p.timestampNanos() < 0 ? "before 1970" : "after 2106-02-07") + " does not fit a pcap file;"
                    + " written modulo 2^32 seconds as tcpdump does (write pcapng to keep it)" + System.lineSeparator())
                    .orElse(""));
            String wrapped = outOfRange.isPresent() ? " (seconds out of pcap's range written modulo 2^32, with"
                    + " one warning)" : "";
            byte[] theirs = reference.file().orElseThrow();
            if (Arrays.equals(ours, theirs)) {
                return "byte for byte tcpdump's file" + wrapped;
            }
            return "tcpdump's file but for " + sameUpToDifferences(ours, theirs) + wrapped;
        }
        if (ref.exitCode() != 0) {
            assertThat(run.status()).as("jfilter's status where tcpdump says: %s; jfilter: %s", tcpdumpSaid,
                    run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(lastLine(run.err())).startsWith("jfilter: " + input + ": offset ").matches(CAPTURE_ERROR);
            if (reference.file().isEmpty()) {
                assertThat(ours).as("the output when neither opens the file: an empty capture").hasSize(24);
                return "tcpdump does not open the file; jfilter stops at once, writing an empty capture";
            }
            byte[] theirs = reference.file().get();
            // libpcap 1.10 stops at the interface block of a second link type, jfilter at its first packet.
            String where = run.err().contains("cannot go in a pcap file of link type")
                    ? "at a second link type" : "at damage";
            if (Arrays.equals(ours, theirs)) {
                return "tcpdump and jfilter stop in the file " + where + ", each writing the same bytes before";
            }
            return "tcpdump and jfilter stop in the file " + where + ", each writing the same bytes before but for "
                    + sameUpToDifferences(ours, theirs);
        }
        // jfilter stops where tcpdump does not: only for a documented reason, having written tcpdump's first ones.
        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        String problem = lastLine(run.err());
        assertThat(problem).startsWith("jfilter: " + input + ": offset ").matches(CAPTURE_ERROR);
        // (A second link type is no such reason: libpcap 1.10 stops at its interface block.)
        assertThat(problem).as("jfilter stops where tcpdump does not").contains("beyond jfilter's clock");
        byte[] theirs = PcapDifference.toJfilters(reference.file().orElseThrow()).bytes();
        assertThat(ours.length).as("jfilter writes fewer packets than tcpdump").isLessThan(theirs.length);
        assertThat(ours).as("jfilter's output is the start of tcpdump's")
                .isEqualTo(Arrays.copyOf(theirs, ours.length));
        assertThat(PcapBytes.parse(ours).end()).as("whole records").isEqualTo(ours.length);
        return "jfilter stops where tcpdump does not, after the same packets: a timestamp beyond jfilter's"
                + " nanosecond clock (after 2262), which tcpdump writes modulo 2^32 s";
    }

    /** Asserts that jfilter's pcap is tcpdump's once the differences are applied; which ones it took. */
    private static String sameUpToDifferences(byte[] ours, byte[] theirs) {
        PcapDifference.Applied expected = PcapDifference.toJfilters(theirs);
        assertThat(expected.differences()).as("the file differs from tcpdump's: for one of the known reasons?")
                .isNotEmpty();
        assertThat(ours).as("jfilter's pcap against tcpdump's with %s", expected.differences())
                .isEqualTo(expected.bytes());
        return String.join(" and ", expected.differences().stream().map(PcapDifference::description).toList());
    }

    /**
     * The pcapng leg: the run ends as the pcap one (but a second link type is no problem), jfilter reads back the
     * packets it read, and tcpdump reads from it the records of jfilter's pcap. The packets written.
     */
    private List<Packet> comparePcapng(Cli.Run run, Cli.Run runNg, Path pcapng, byte[] ours, List<Packet> read)
            throws Exception {
        boolean secondLinkType = run.err().contains("cannot go in a pcap file of link type");
        boolean beyondClock = run.err().contains("beyond jfilter's clock");
        String pcapProblem = run.err().lines().filter(l -> !l.startsWith("jfilter: warning:"))
                .reduce("", (a, b) -> a + b + "\n");
        if (secondLinkType) {
            assertThat(runNg.status()).as(runNg.err()).isZero();
            assertThat(runNg.err()).isEmpty();
        } else {
            assertThat(runNg.status()).as(runNg.err()).isEqualTo(run.status());
            assertThat(runNg.err()).as("jfilter's messages, as for pcap but for the warning of wrapped seconds")
                    .isEqualTo(pcapProblem);
        }
        if (beyondClock) {
            read = read.stream().takeWhile(p -> p.timestampNanos() != Long.MAX_VALUE
                    && p.timestampNanos() != Long.MIN_VALUE).toList();
        }
        List<Packet> back = Packets.of(pcapng);
        assertSamePackets(back, read);
        count("pcapng: jfilter reads back every packet it wrote, timestamps to the nanosecond");

        if (run.status() == 0 && !secondLinkType) {
            Path fromNg = dir.resolve(pcapng.getFileName() + ".tcpdump.pcap");
            ExternalTool.Run t = tcpdump.run("-r", pcapng.toString(), "-w", fromNg.toString());
            assertThat(t.exitCode()).as("tcpdump -r %s: %s", pcapng, t.err()).isZero();
            PcapBytes mine = PcapBytes.parse(ours);
            PcapBytes theirs = PcapBytes.parse(Files.readAllBytes(fromNg));
            assertThat(theirs.body()).as("tcpdump's records from jfilter's pcapng").isEqualTo(mine.body());
            assertThat(Arrays.copyOf(theirs.bytes(), PcapBytes.LINK_FIELD))
                    .as("tcpdump's file header from jfilter's pcapng").isEqualTo(Arrays.copyOf(ours,
                            PcapBytes.LINK_FIELD));
            assertThat(theirs.linkField() & 0xffff).isEqualTo(mine.linkField() & 0xffff);
            count("pcapng: tcpdump reads from it the records of jfilter's pcap");
        }
        return back;
    }

    /** Wireshark's reading of each pcapng jfilter wrote (one tshark run for all), against its reading of the input. */
    private void compareWithWireshark(Wireshark w, List<Written> all, Map<Path, Wireshark.Reading> inputs)
            throws Exception {
        List<Written> written = all.stream().sorted(java.util.Comparator.comparingInt(Written::index)).toList();
        Map<Path, Wireshark.Reading.Frames> outputs =
                w.readConcatenated(written.stream().map(Written::pcapng).toList(), dir);
        SoftAssertions soft = new SoftAssertions();
        for (Written wr : written) {
            String name = wr.input().getFileName().toString();
            Wireshark.Reading.Frames frames = outputs.get(wr.pcapng());
            if (!frames.warnings().isEmpty()) {
                frames = w.readOne(wr.pcapng()); // which file the warning is about
            }
            soft.assertThat(frames.warnings()).as("tshark's messages reading jfilter's pcapng of %s", name).isEmpty();
            soft.assertThat(frames.frames()).as("tshark's frames of jfilter's pcapng of %s", name)
                    .hasSameSizeAs(wr.packets());
            count("pcapng: " + compareFrames(soft, name, wr, frames.frames(), inputs.get(wr.input())));
        }
        soft.assertAll();
    }

    /** Frame by frame, Wireshark's reading of jfilter's pcapng against its reading of the input; the outcome. */
    private static String compareFrames(SoftAssertions soft, String name, Written wr, List<Wireshark.Frame> frames,
            Wireshark.Reading input) throws IOException {
        return switch (input) {
            case Wireshark.Reading.Unreadable(String reason) -> {
                // Then against jfilter's reading of the input, which tcpdump's file confirms.
                soft.assertThat(frames).as("Wireshark's frames of jfilter's pcapng of %s, jfilter's packets", name)
                        .isEqualTo(wr.packets().stream().map(p -> new Wireshark.Frame(epoch(p.timestampNanos()),
                                p.wireLength(), p.capturedLength())).toList());
                yield "Wireshark reads jfilter's pcapng as jfilter read the input, but not the input: "
                        + reason.replaceAll("network type \\d+", "network type N");
            }
            case Wireshark.Reading.Frames(List<Wireshark.Frame> inFrames, String warnings) -> {
                boolean[] malformed = fractionsOfASecondOrMore(wr.input(), inFrames.size());
                soft.assertThat(inFrames.size()).as("Wireshark's frames of %s (it warned: %s), jfilter's", name,
                        warnings).isGreaterThanOrEqualTo(frames.size());
                List<String> explained = new ArrayList<>();
                for (int i = 0; i < Math.min(inFrames.size(), frames.size()); i++) {
                    Wireshark.Frame a = frames.get(i);
                    Wireshark.Frame e = inFrames.get(i);
                    if (malformed[i] && !a.time().equals(e.time())) {
                        // wiretap multiplies the field by 1000 in 32 bits, and does not carry whole seconds.
                        explained.add("the timestamps it misreads in the input (a microseconds field of a second or"
                                + " more)");
                        e = new Wireshark.Frame(a.time(), e.length(), e.capturedLength());
                    }
                    int snapshot = wr.packets().get(i).captureInterface().snapshot();
                    if (e.capturedLength() > snapshot && a.capturedLength() == snapshot) {
                        // libpcap (so tcpdump's file) and jfilter cut a record to the snapshot length.
                        explained.add("records longer than the file's snapshot length, which libpcap and jfilter"
                                + " cut to it");
                        e = new Wireshark.Frame(e.time(), e.length(), snapshot);
                    }
                    soft.assertThat(a).as("frame %d of %s: jfilter's pcapng, the input", i, name).isEqualTo(e);
                }
                String outcome = warnings.isEmpty() ? "Wireshark reads the same timestamps and lengths from the input"
                        + " and from jfilter's pcapng" : "Wireshark reads the same frames from jfilter's pcapng as"
                        + " from the input up to the input's damage";
                yield explained.isEmpty() ? outcome : outcome + ", but for "
                        + String.join(" and ", explained.stream().distinct().toList());
            }
        };
    }

    /** For a pcap input, which of the first {@code n} records has a fraction field of a second or more. */
    private static boolean[] fractionsOfASecondOrMore(Path input, int n) throws IOException {
        boolean[] out = new boolean[n];
        byte[] bytes = Files.readAllBytes(input);
        Optional<CaptureFormat> format;
        try (CaptureFile f = CaptureFile.open(input)) {
            format = f.format();
        }
        if (format.orElse(null) != CaptureFormat.PCAP) {
            return out;
        }
        PcapBytes file = PcapBytes.parse(bytes);
        long second = file.nanoseconds() ? 1_000_000_000L : 1_000_000L;
        for (int i = 0; i < Math.min(n, file.records().size()); i++) {
            out[i] = file.records().get(i).fraction() >= second;
        }
        return out;
    }

    /** A timestamp as tshark prints {@code frame.time_epoch}: seconds (floored), a point, nine digits. */
    private static String epoch(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos,
                1_000_000_000L));
    }

    private static void assertSamePackets(List<Packet> actual, List<Packet> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < actual.size(); i++) {
            Packet a = actual.get(i);
            Packet e = expected.get(i);
            soft.assertThat(a.linkType()).as("link type of packet %d", i).isEqualTo(e.linkType());
            soft.assertThat(a.timestampNanos()).as("timestamp of packet %d", i).isEqualTo(e.timestampNanos());
            soft.assertThat(a.wireLength()).as("wire length of packet %d", i).isEqualTo(e.wireLength());
            soft.assertThat(a.bytes()).as("bytes of packet %d", i).isEqualTo(e.bytes());
        }
        soft.assertAll();
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private void count(String outcome) {
        OUTCOMES.computeIfAbsent(set, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }
}
