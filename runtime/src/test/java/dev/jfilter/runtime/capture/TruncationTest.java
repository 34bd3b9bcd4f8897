package dev.jfilter.runtime.capture;

import static dev.jfilter.runtime.capture.CaptureBuilder.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.runtime.capture.CaptureBuilder.Option;
import dev.jfilter.runtime.capture.CaptureBuilder.Unit;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.core.PcapHandle.TimestampPrecision;

/**
 * Cuts small files at every byte offset: every packet that ends before the cut is delivered, unchanged; then, unless
 * the cut falls between two records or blocks, exactly one error at the offset of the record or block it cuts.
 * Where libpcap reads the same file, it must deliver as many packets and fail alike.
 */
class TruncationTest {

    @TempDir
    Path dir;

    /** A file, and whether libpcap 1.10 can read it whole (one byte order, one link type). */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("pcap little-endian µs",
                        CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                                .record(1, 2, data(14, 1)).record(3, 4, 20, 60, data(20, 2))
                                .record(5, 6, data(1, 3)), true),
                Arguments.of("pcap big-endian ns",
                        CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, true, 65535, 101)
                                .record(1, 2, data(21, 1)).record(3, 4, data(0, 2)).record(5, 6, data(9, 3)),
                        true),
                Arguments.of("pcapng big-endian, EPB, SPB, PB, skipped blocks",
                        CaptureBuilder.pcapng(ByteOrder.BIG_ENDIAN)
                                .idb(1, 0, Option.u8(9, 3), Option.text(2, "eth0"))
                                .epb(0, 12345, data(13, 1), Option.text(1, "hi"))
                                .block(5, new byte[20]).spb(10, data(10, 2)).pb(0, 0, 7, data(5, 3)), true),
                Arguments.of("pcapng two sections of opposite byte order, several link types",
                        CraftedCaptureTest.twoSections(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyCutDeliversWhatPrecedesItThenOneError(String name, CaptureBuilder builder, boolean libpcapReadsIt)
            throws IOException {
        byte[] whole = builder.bytes();
        List<Unit> units = builder.units();
        List<byte[]> allPackets;
        Path wholeFile = Files.write(dir.resolve("whole"), whole);
        try (CaptureFile file = CaptureFile.open(wholeFile)) {
            CaptureFile.Contents contents = file.readAll();
            assertThat(contents.error()).isEmpty();
            allPackets = contents.packets().stream().map(Packet::bytes).toList();
        }
        assertThat(allPackets).hasSize((int) units.stream().filter(Unit::packet).count());
        long firstInterfaceEnd = units.size() > 1 ? units.get(1).end() : 0;
        int comparedWithLibpcap = 0;
        for (int cut = 0; cut < whole.length; cut++) {
            final int at = cut;
            Path file = Files.write(dir.resolve("cut" + cut), Arrays.copyOf(whole, cut));
            int expectedPackets = (int) units.stream().filter(u -> u.packet() && u.end() <= at).count();
            Optional<Long> expectedError = cut == 0
                    ? Optional.of(0L)
                    : units.stream().filter(u -> u.start() < at && at < u.end()).map(Unit::start).findFirst();
            List<CaptureRecord> records;
            try (CaptureFile capture = CaptureFile.open(file)) {
                records = capture.stream().map(r -> r instanceof Packet p ? copy(p) : r).toList();
            }
            List<Packet> packets = records.stream().filter(Packet.class::isInstance).map(Packet.class::cast).toList();
            List<CaptureError> errors = records.stream().filter(CaptureError.class::isInstance)
                    .map(CaptureError.class::cast).toList();
            assertThat(packets).as("packets before cut %d", cut).hasSize(expectedPackets);
            for (int i = 0; i < expectedPackets; i++) {
                assertThat(packets.get(i).bytes()).as("packet %d before cut %d", i, cut).isEqualTo(allPackets.get(i));
            }
            if (expectedError.isPresent()) {
                assertThat(errors).as("errors at cut %d", cut).singleElement()
                        .satisfies(e -> assertThat(e.offset()).isEqualTo(expectedError.get()))
                        .satisfies(e -> assertThat(e.file()).isEqualTo(file));
                assertThat(records.getLast()).as("the error comes last").isInstanceOf(CaptureError.class);
            } else {
                assertThat(errors).as("errors at cut %d (a boundary)", cut).isEmpty();
            }
            // libpcap wants an interface before it reads any packet; jfilter accepts a section without one.
            boolean libpcapComparable = libpcapReadsIt && (expectedError.isPresent() || cut >= firstInterfaceEnd);
            if (libpcapComparable) {
                var reference = LibpcapReader.read(file, TimestampPrecision.NANO);
                assertThat(reference.packets()).as("libpcap's packets before cut %d", cut).hasSize(expectedPackets);
                assertThat(reference.error().isPresent()).as("libpcap fails at cut %d: %s", cut, reference.error())
                        .isEqualTo(expectedError.isPresent());
                comparedWithLibpcap++;
            }
            Files.delete(file);
        }
        if (libpcapReadsIt) {
            assertThat(comparedWithLibpcap).isGreaterThan(whole.length / 2);
        }
    }

    private static Packet copy(Packet p) {
        return new Packet(p.captureInterface(), p.offset(), p.timestampNanos(), p.capturedLength(), p.wireLength(),
                java.lang.foreign.MemorySegment.ofArray(p.bytes()));
    }
}
