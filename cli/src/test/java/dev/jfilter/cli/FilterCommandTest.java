package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.runtime.CompiledFilter;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.FileLinkType;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.runtime.capture.PcapWriter;
import dev.jfilter.runtime.capture.PcapngWriter;
import dev.jfilter.runtime.capture.TimestampResolution;
import dev.jfilter.testpcaps.TestPcap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jfilter filter}: its options, its outputs, and what it does with damaged input (one line naming the file,
 * the offset and the problem; status 2; the packets before the damage written, in a valid capture).
 */
class FilterCommandTest {
    @TempDir
    Path dir;

    private static final Path MIXED = TestPcap.valueOf("EN10MB_MIXED").path();

    private static List<Packet> packets(Path capture) {
        return Packets.of(capture);
    }

    /** The packets of {@code all} that {@code expression} accepts, by jfilter's program for their link type. */
    private static List<Packet> accepted(List<Packet> all, String expression) {
        List<Packet> out = new ArrayList<>();
        for (Packet p : all) {
            LinkType type = p.linkType().known().orElseThrow();
            CompiledFilter f = ((Result.Ok<CompiledFilter>) JFilter.compile(expression, CompileOptions.of(type)
                    .withLoopback(new LoopbackEncoding.Savefile(p.captureInterface().byteOrder()
                            != ByteOrder.nativeOrder())), true)).value();
            if (f.apply(p.bytes(), p.capturedLength(), (int) p.wireLength()) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** Two packet lists are the same records: timestamps (to the microsecond), wire lengths and bytes. */
    private static void assertSameRecords(List<Packet> actual, List<Packet> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            Packet a = actual.get(i);
            Packet e = expected.get(i);
            assertThat(a.timestampNanos() / 1000).as("timestamp of record %d", i).isEqualTo(e.timestampNanos() / 1000);
            assertThat(a.wireLength()).as("wire length of record %d", i).isEqualTo(e.wireLength());
            assertThat(a.bytes()).as("bytes of record %d", i).isEqualTo(e.bytes());
        }
    }

    private static Optional<ExternalTool> tcpdump() {
        return ExternalTool.tcpdump();
    }

    // --- outputs ---

    @Test
    void writesTheMatchingPacketsToAPcapFile() {
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "-w", out.toString(), "tcp", "or", "arp");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        List<Packet> expected = accepted(packets(MIXED), "tcp or arp");
        assertThat(expected).isNotEmpty();
        assertSameRecords(packets(out), expected);
    }

    @Test
    void aNameEndingInPcapngGetsPcapngKeepingTheInterface() throws IOException {
        Path out = dir.resolve("out.pcapng");
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "-w", out.toString(), "udp");
        assertThat(r.status()).isZero();
        try (CaptureFile f = CaptureFile.open(out)) {
            assertThat(f.format()).hasValue(dev.jfilter.runtime.capture.CaptureFormat.PCAPNG);
        }
        List<Packet> written = packets(out);
        assertSameRecords(written, accepted(packets(MIXED), "udp"));
        assertThat(written).allMatch(p -> p.linkType().linktype() == 1);
    }

    @Test
    void dashWritesThePcapToStandardOutput() throws IOException {
        Path out = dir.resolve("out.pcap");
        Cli.run("filter", "-r", MIXED.toString(), "-w", out.toString(), "icmp");
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "-w", "-", "icmp");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.binary()).isEqualTo(Files.readAllBytes(out));
    }

    @Test
    void countPrintsTheNumberOfMatches() {
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "--count", "ip6");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(accepted(packets(MIXED), "ip6").size() + System.lineSeparator());
    }

    @Test
    void dashCStopsAfterThatManyMatches() {
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "-w", out.toString(), "-c", "7", "tcp");
        assertThat(r.status()).isZero();
        assertSameRecords(packets(out), accepted(packets(MIXED), "tcp").subList(0, 7));
        assertThat(Cli.run("filter", "-r", MIXED.toString(), "--count", "-c", "7", "tcp").out().strip()).isEqualTo("7");
    }

    @Test
    void withoutAnOutputItPrintsOneLinePerMatch() {
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "arp");
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(accepted(packets(MIXED), "arp").size());
        assertThat(lines).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} (vlan \\d+, )*ARP, .*"));
    }

    @Test
    void severalInputsAreReadInOrder() {
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "-r", MIXED.toString(), "-w", out.toString(), "udp");
        assertThat(r.status()).isZero();
        List<Packet> once = accepted(packets(MIXED), "udp");
        List<Packet> twice = new ArrayList<>(once);
        twice.addAll(once);
        assertSameRecords(packets(out), twice);
    }

    @Test
    void eachPcapngInterfaceGetsTheProgramOfItsLinkType() throws IOException {
        Path mixed = dir.resolve("two-link-types.pcapng");
        List<Packet> ethernet = packets(MIXED).subList(0, 300);
        List<Packet> raw = packets(TestPcap.valueOf("RAW").path());
        List<Packet> all = new ArrayList<>();
        try (PcapngWriter w = PcapngWriter.create(mixed, FileLinkType.of(LinkType.EN10MB), 262144)) {
            for (int i = 0; i < Math.max(ethernet.size(), raw.size()); i++) {
                for (List<Packet> source : List.of(ethernet, raw)) {
                    if (i < source.size()) {
                        w.write(source.get(i));
                        all.add(source.get(i));
                    }
                }
            }
        }
        Path out = dir.resolve("out.pcapng");
        Cli.Run r = Cli.run("filter", "-r", mixed.toString(), "-w", out.toString(), "tcp port 80 or udp");
        assertThat(r.status()).as(r.err()).isZero();
        List<Packet> expected = accepted(all, "tcp port 80 or udp");
        assertThat(expected).extracting(p -> p.linkType().linktype()).contains(1, 101);
        assertSameRecords(packets(out), expected);

        // A pcap file holds one link type: the first packet of another stops the command, the rest is kept.
        Path pcap = dir.resolve("out.pcap");
        Cli.Run single = Cli.run("filter", "-r", mixed.toString(), "-w", pcap.toString(), "tcp port 80 or udp");
        assertThat(single.status()).isEqualTo(2);
        assertThat(single.err()).startsWith("jfilter: " + mixed + ": offset ")
                .contains("cannot go in a pcap file of link type EN10MB").hasLineCount(1);
        List<Packet> kept = packets(pcap);
        assertSameRecords(kept, expected.subList(0, kept.size()));
    }

    @Test
    void withoutAnExpressionEveryPacketIsCopiedWhateverTheLinkType() throws IOException {
        // No program is needed: a link type whose header libpcap does not interpret (so "ip" cannot be compiled for it),
        // or one jfilter does not know, is copied as it is.
        List<Packet> source = packets(MIXED).subList(0, 30);
        for (FileLinkType type : List.of(FileLinkType.of(LinkType.USB_LINUX), new FileLinkType.Unknown(65000))) {
            Path in = dir.resolve("in-" + type.linktype() + ".pcap");
            try (PcapWriter w = PcapWriter.create(in, type, 262144)) {
                for (Packet p : source) {
                    w.write(p.timestampNanos(), p.data(), p.wireLength());
                }
            }
            Path out = dir.resolve("out.pcap");
            Cli.Run r = Cli.run("filter", "-r", in.toString(), "-w", out.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
            assertThat(Cli.run("filter", "-r", in.toString(), "--count").out())
                    .isEqualTo("30" + System.lineSeparator());
            assertThat(Cli.run("filter", "-r", in.toString(), "--count", "ip").status())
                    .as("'ip' needs the link type's protocol field").isNotZero();
        }
    }

    @Test
    void timestampsAPcapFileCannotHoldAreWrittenModulo2To32WithOneWarning() throws Exception {
        Path in = UnusualCaptures.outsidePcapSeconds(dir.resolve("in.pcapng"));
        List<Packet> source = packets(in);
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", in.toString(), "-w", out.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("jfilter: warning: " + in + ": offset " + source.get(1).offset()
                + ": timestamp after 2106-02-07 does not fit a pcap file; written modulo 2^32 seconds as tcpdump does"
                + " (write pcapng to keep it)" + System.lineSeparator());
        long wrap = 1L << 32;
        assertThat(PcapBytes.parse(Files.readAllBytes(out)).records())
                .extracting(PcapBytes.Rec::seconds, PcapBytes.Rec::fraction)
                .containsExactly(tuple(1_700_000_000L, 123_456L), tuple(5L, 789L), tuple(wrap - 1, 999_999L),
                        tuple(0L, 2_000L), tuple(wrap - 99_995, 7L), tuple(0L, 0L), tuple(wrap - 1, 999_999L),
                        tuple(1_700_000_001L, 0L));
        Optional<ExternalTool> tcpdump = tcpdump();
        if (tcpdump.isPresent()) {
            Path ref = dir.resolve("ref.pcap");
            assertThat(tcpdump.get().run("-r", in.toString(), "-w", ref.toString()).exitCode()).isZero();
            assertThat(Files.readAllBytes(out)).as("tcpdump's file").isEqualTo(Files.readAllBytes(ref));
        }

        Path ng = dir.resolve("out.pcapng");
        Cli.Run kept = Cli.run("filter", "-r", in.toString(), "-w", ng.toString());
        assertThat(kept.status()).isZero();
        assertThat(kept.err()).isEmpty();
        assertThat(packets(ng)).extracting(Packet::timestampNanos)
                .containsExactlyElementsOf(source.stream().map(Packet::timestampNanos).toList());
    }

    @Test
    void aTimestampBeyondJfiltersClockStopsTheOutput() throws IOException {
        Path in = UnusualCaptures.year3000(dir.resolve("in.pcapng"));
        List<Packet> source = packets(in);
        assertThat(source.get(1).timestampNanos()).as("the reader saturates").isEqualTo(Long.MAX_VALUE);
        for (String name : List.of("out.pcap", "out.pcapng")) {
            Path out = dir.resolve(name);
            Cli.Run r = Cli.run("filter", "-r", in.toString(), "-w", out.toString());
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("jfilter: " + in + ": offset " + source.get(1).offset() + ": the packet"
                    + " cannot be written: its timestamp is after 2262-04-11, beyond jfilter's clock (nanoseconds in"
                    + " 64 bits)" + System.lineSeparator());
            assertSameRecords(packets(out), source.subList(0, 1));
        }
        assertThat(Cli.run("filter", "-r", in.toString(), "--count").out()).isEqualTo("3" + System.lineSeparator());
    }

    // --- damaged input ---

    @Test
    void aTruncatedRecordStopsWithItsOffsetAndKeepsThePacketsBefore() throws Exception {
        byte[] whole = Files.readAllBytes(MIXED);
        List<Packet> all = packets(MIXED);
        Packet cut = all.get(500);
        Path truncated = dir.resolve("truncated.pcap");
        Files.write(truncated, Arrays.copyOf(whole, (int) cut.offset() + 16 + 5));
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", truncated.toString(), "-w", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("jfilter: " + truncated + ": offset " + cut.offset()
                + ": truncated packet: captured length " + cut.capturedLength() + ", 5 bytes remain after the record"
                + " header" + System.lineSeparator());
        assertSameRecords(packets(out), all.subList(0, 500));
        Optional<ExternalTool> tcpdump = tcpdump();
        if (tcpdump.isPresent()) {
            // tcpdump also writes the packets before the damage: the same file.
            Path ref = dir.resolve("ref.pcap");
            tcpdump.get().run("-r", truncated.toString(), "-w", ref.toString());
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(ref));
        }
    }

    @Test
    void aBadBlockLengthInPcapngStopsWithItsOffset() throws IOException {
        Path pcapng = dir.resolve("in.pcapng");
        List<Packet> source = packets(MIXED).subList(0, 20);
        try (PcapngWriter w = PcapngWriter.create(pcapng, FileLinkType.of(LinkType.EN10MB), 262144)) {
            for (Packet p : source) {
                w.write(p);
            }
        }
        List<Packet> read = packets(pcapng);
        long damaged = read.get(12).offset();
        byte[] bytes = Files.readAllBytes(pcapng);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) damaged + 4, 0x7fff_fff0);
        Files.write(pcapng, bytes);
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", pcapng.toString(), "-w", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("jfilter: " + pcapng + ": offset " + damaged
                + ": truncated block of type EPB: length 2147483632").hasLineCount(1);
        assertSameRecords(packets(out), source.subList(0, 12));
    }

    @Test
    void aFileThatIsNotACaptureIsOneLineAndTheOutputIsAnEmptyCapture() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, not a capture\n");
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", text.toString(), "-w", out.toString(), "ip");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("jfilter: " + text + ": offset 0: not a pcap or pcapng capture: unknown magic"
                + " number 0x68656c6c" + System.lineSeparator());
        assertThat(packets(out)).isEmpty();
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = dir.resolve("missing.pcap");
        Cli.Run r = Cli.run("filter", "-r", missing.toString(), "--count");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("jfilter: " + missing + ": offset 0: no such file" + System.lineSeparator());
    }

    @Test
    void anUnknownLinkTypeIsOneLineUnlessDashYNamesOne() throws IOException {
        Path unknown = dir.resolve("unknown.pcap");
        List<Packet> source = packets(MIXED).subList(0, 50);
        try (PcapWriter w = PcapWriter.create(unknown, new FileLinkType.Unknown(65000), 262144)) {
            for (Packet p : source) {
                w.write(p.timestampNanos(), p.data(), p.wireLength());
            }
        }
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", unknown.toString(), "-w", out.toString(), "ip");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("jfilter: " + unknown + ": offset 20: unknown link type LINKTYPE_65000: jfilter"
                + " cannot compile for it (-y names a link type to use)" + System.lineSeparator());
        assertThat(packets(out)).isEmpty();

        Cli.Run forced = Cli.run("filter", "-r", unknown.toString(), "-y", "EN10MB", "-w", out.toString(), "ip");
        assertThat(forced.status()).isZero();
        List<Packet> written = packets(out);
        assertThat(written).hasSize(accepted(source, "ip").size()).allMatch(p -> p.linkType().linktype() == 65000);
    }

    // --- the command line ---

    @Test
    void aBadExpressionIsADiagnosticWithStatusOne() {
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "tcp", "port");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("jfilter: 1:9: ").contains("tcp port\n").endsWith("^\n");
    }

    @Test
    void anExpressionTheSecondFilesLinkTypeRefusesIsStatusOne() {
        Path raw = TestPcap.valueOf("RAW").path();
        Path out = dir.resolve("out.pcap");
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "-r", raw.toString(), "-w", out.toString(),
                "ether", "broadcast");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("jfilter: 1:1: ");
        assertSameRecords(packets(out), accepted(packets(MIXED), "ether broadcast"));
    }

    @Test
    void bothEnginesWriteTheSamePackets() {
        for (String expression : List.of("ip", "tcp port 80 or udp port 53", "vlan and ip6", "ip[2:2] + 14 = len")) {
            Path jit = dir.resolve("jit.pcap");
            Path interp = dir.resolve("interp.pcap");
            Cli.Run a = Cli.run("filter", "-r", MIXED.toString(), "--engine", "jit", "-w", jit.toString(), expression);
            Cli.Run b = Cli.run("filter", "-r", MIXED.toString(), "--engine", "interp", "-w", interp.toString(),
                    expression);
            assertThat(a.status()).as(a.err()).isZero();
            assertThat(b.status()).as(b.err()).isZero();
            assertSameRecords(packets(jit), accepted(packets(MIXED), expression));
            assertSameRecords(packets(interp), accepted(packets(MIXED), expression));
        }
        assertThat(Cli.run("filter", "-r", MIXED.toString(), "--engine", "bogus", "ip").status()).isEqualTo(2);
    }

    @Test
    void countDoesNotGoWithAnOutputFile() {
        Cli.Run r = Cli.run("filter", "-r", MIXED.toString(), "--count", "-w", dir.resolve("o.pcap").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--count").hasLineCount(1);
    }

    @Test
    void anInputIsRequired() {
        Cli.Run r = Cli.run("filter", "ip");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("-r");
    }
}
