package dev.jfilter.runtime.capture;

import static dev.jfilter.runtime.capture.CaptureBuilder.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.capture.CaptureBuilder.Option;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-made pcap and pcapng files, well-formed and not, and what the reader must make of them. */
class CraftedCaptureTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final FileLinkType ETHERNET = FileLinkType.of(LinkType.EN10MB);

    @TempDir
    Path dir;

    private CaptureFile.Contents read(CaptureBuilder builder) throws IOException {
        Path file = builder.write(Files.createTempFile(dir, "crafted", ".cap"));
        try (CaptureFile capture = CaptureFile.open(file)) {
            CaptureFile.Contents contents = capture.readAll();
            // The cursor, the record iterator and readAll agree.
            List<CaptureRecord> records = capture.stream().toList();
            assertThat(records).hasSize(contents.packets().size() + (contents.error().isPresent() ? 1 : 0));
            contents.error().ifPresent(e -> assertThat(records.getLast()).isEqualTo(e));
            // Copy the bytes out: the mapping goes when the file closes.
            return new CaptureFile.Contents(contents.packets().stream().map(CraftedCaptureTest::copy).toList(),
                    contents.error());
        }
    }

    private static Packet copy(Packet p) {
        return new Packet(p.captureInterface(), p.offset(), p.timestampNanos(), p.capturedLength(), p.wireLength(),
                java.lang.foreign.MemorySegment.ofArray(p.bytes()));
    }

    static Stream<Arguments> pcapVariants() {
        return Stream.of(Arguments.of(LE, false), Arguments.of(BE, false), Arguments.of(LE, true),
                Arguments.of(BE, true));
    }

    @ParameterizedTest(name = "{0} nanoseconds={1}")
    @MethodSource("pcapVariants")
    void pcapInEitherByteOrderAndResolution(ByteOrder order, boolean nano) throws IOException {
        var contents = read(CaptureBuilder.pcap(order, nano, 65535, 1)
                .record(1_700_000_000L, 123_456, data(60, 1))
                .record(0xfffffffeL, nano ? 999_999_999 : 999_999, 40, 1514, data(40, 2)));
        assertThat(contents.error()).isEmpty();
        assertThat(contents.packets())
                .extracting(Packet::offset, Packet::timestampNanos, Packet::capturedLength, Packet::wireLength,
                        Packet::interfaceIndex, Packet::linkType)
                .containsExactly(
                        tuple(24L, nano ? 1_700_000_000_000_123_456L : 1_700_000_000_123_456_000L, 60, 60L, 0,
                                ETHERNET),
                        tuple(24L + 16 + 60, 4_294_967_294_999_999_999L - (nano ? 0 : 999), 40, 1514L, 0,
                                ETHERNET));
        assertThat(contents.packets().get(0).bytes()).isEqualTo(data(60, 1));
        assertThat(contents.packets().get(1).bytes()).isEqualTo(data(40, 2));
        CaptureInterface iface = contents.packets().get(0).captureInterface();
        assertThat(iface.snaplen()).isEqualTo(65535);
        assertThat(iface.resolution())
                .isEqualTo(nano ? TimestampResolution.NANOSECONDS : TimestampResolution.MICROSECONDS);
        assertThat(iface.fcsLengthBits()).isEmpty();
        assertThat(iface.byteOrder()).isEqualTo(order);
    }

    @Test
    void pcapLinkTypeFieldCarriesFcsLengthAndUnknownTypesStayNumbers() throws IOException {
        int withFcs = 1 | 0x04000000 | (2 << 28); // Ethernet, FCS present, 2 16-bit words
        var fcs = read(CaptureBuilder.pcap(LE, 0xa1b2c3d4, 2, 4, 100, withFcs).record(1, 0, data(10, 0)));
        assertThat(fcs.packets().getFirst().captureInterface().fcsLengthBits()).hasValue(32);
        assertThat(fcs.packets().getFirst().linkType()).isEqualTo(ETHERNET);

        var unknown = read(CaptureBuilder.pcap(BE, false, 100, 65000).record(1, 0, data(10, 0)));
        assertThat(unknown.packets().getFirst().linkType()).isEqualTo(new FileLinkType.Unknown(65000));
        assertThat(unknown.packets().getFirst().linkType().known()).isEmpty();
    }

    @Test
    void pcapPacketsLongerThanTheSnapshotAreCutToItAsLibpcapDoes() throws IOException {
        var contents = read(CaptureBuilder.pcap(LE, false, 10, 1)
                .record(1, 0, 20, 20, data(20, 3))
                .record(2, 0, data(8, 4)));
        assertThat(contents.error()).isEmpty();
        assertThat(contents.packets()).extracting(Packet::capturedLength, Packet::wireLength)
                .containsExactly(tuple(10, 20L), tuple(8, 8L));
        assertThat(contents.packets().get(0).bytes()).isEqualTo(java.util.Arrays.copyOf(data(20, 3), 10));
        assertThat(contents.packets().get(1).bytes()).isEqualTo(data(8, 4));
    }

    @Test
    void pcapBefore2Point3HasCaplenAndLenSwapped() throws IOException {
        // Version 2.2 stores len before caplen; 2.3 only when caplen > len.
        var old = read(CaptureBuilder.pcap(LE, 0xa1b2c3d4, 2, 2, 65535, 1).record(1, 0, 100, 10, data(10, 5)));
        assertThat(old.packets()).extracting(Packet::capturedLength, Packet::wireLength)
                .containsExactly(tuple(10, 100L));
        var maybe = read(CaptureBuilder.pcap(LE, 0xa1b2c3d4, 2, 3, 65535, 1)
                .record(1, 0, 100, 10, data(10, 5))
                .record(1, 0, 10, 100, data(10, 5)));
        assertThat(maybe.packets()).extracting(Packet::capturedLength, Packet::wireLength)
                .containsExactly(tuple(10, 100L), tuple(10, 100L));
    }

    @Test
    void kuznetzovRecordsHaveEightMoreHeaderBytes() throws IOException {
        byte[] record = new byte[24 + 6];
        java.nio.ByteBuffer.wrap(record).order(LE).putInt(5).putInt(6).putInt(6).putInt(6).putInt(2).putInt(0)
                .put(data(6, 9));
        var contents = read(CaptureBuilder.pcap(LE, 0xa1b2cd34, 2, 4, 65535, 1).raw(record));
        assertThat(contents.error()).isEmpty();
        assertThat(contents.packets()).extracting(Packet::timestampNanos, Packet::capturedLength)
                .containsExactly(tuple(5_000_006_000L, 6));
        assertThat(contents.packets().getFirst().bytes()).isEqualTo(data(6, 9));
    }

    static Stream<Arguments> brokenPcaps() {
        return Stream.of(
                Arguments.of("version 1.0", CaptureBuilder.pcap(LE, 0xa1b2c3d4, 1, 0, 100, 1), 4L,
                        "archaic pcap file format, version 1.0"),
                Arguments.of("version 2.5", CaptureBuilder.pcap(BE, 0xa1b2c3d4, 2, 5, 100, 1), 4L,
                        "unsupported pcap file version 2.5"),
                Arguments.of("caplen above 262144, snaplen 0", CaptureBuilder.pcap(LE, false, 0, 1)
                        .record(1, 0, data(4, 0)).record(1, 0, 262145, 262145, data(4, 0)), 44L,
                        "captured length 262145 is bigger than the snapshot length 262144"),
                Arguments.of("caplen above 262144, snaplen above it", CaptureBuilder.pcap(LE, false, 300000, 1)
                        .record(1, 0, 262145, 262145, data(4, 0)), 24L,
                        "captured length 262145 is bigger than the maximum 262144 for EN10MB"),
                Arguments.of("caplen above the snapshot and the maximum", CaptureBuilder.pcap(LE, false, 1000, 1)
                        .record(1, 0, 300000, 300000, data(4, 0)), 24L,
                        "captured length 300000 is bigger than the snapshot length 1000"),
                Arguments.of("packet cut short", CaptureBuilder.pcap(LE, false, 1000, 1)
                        .record(1, 0, 100, 100, data(30, 0)), 24L,
                        "truncated packet: captured length 100, 30 bytes remain after the record header"),
                Arguments.of("record header cut short", CaptureBuilder.pcap(BE, true, 1000, 1)
                        .raw(new byte[] {1, 2, 3}), 24L,
                        "truncated record header: 16 bytes needed, 3 remain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPcaps")
    void brokenPcapFilesEndWithOneErrorAtTheRightOffset(String why, CaptureBuilder file, long offset,
            String problem) throws IOException {
        var contents = read(file);
        long good = file.units().stream().filter(u -> u.packet() && u.end() <= offset).count();
        assertThat(contents.packets()).hasSize((int) good);
        assertThat(contents.error()).get().extracting(CaptureError::offset, CaptureError::problem)
                .containsExactly(offset, problem);
    }

    @Test
    void packetDataLiveAsLongAsTheArenaTheFileWasMappedIn() throws IOException {
        Path file = CaptureBuilder.pcap(LE, false, 100, 1).record(1, 0, data(10, 7)).write(dir.resolve("a.pcap"));
        Packet own;
        try (CaptureFile capture = CaptureFile.open(file)) {
            own = capture.readAll().packets().getFirst();
        }
        assertThatThrownBy(own::bytes).as("the file's own arena is closed").isInstanceOf(IllegalStateException.class);
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            Packet borrowed;
            try (CaptureFile capture = CaptureFile.open(file, arena)) {
                borrowed = capture.readAll().packets().getFirst();
            }
            assertThat(borrowed.bytes()).as("the caller's arena is still open").isEqualTo(data(10, 7));
        }
    }

    @Test
    void aCursorWalksWithoutRecordsAndStopsForGood() throws IOException {
        Path file = CaptureBuilder.pcap(BE, true, 100, 1).record(1, 5, data(10, 1)).record(2, 6, data(20, 2))
                .write(dir.resolve("b.pcap"));
        try (CaptureFile capture = CaptureFile.open(file)) {
            PacketCursor cursor = capture.cursor();
            List<String> seen = new java.util.ArrayList<>();
            while (cursor.next()) {
                seen.add(cursor.recordOffset() + ":" + cursor.dataOffset() + ":" + cursor.capturedLength() + ":"
                        + cursor.timestampNanos() + ":" + cursor.file().get(java.lang.foreign.ValueLayout.JAVA_BYTE,
                                cursor.dataOffset()));
            }
            assertThat(seen).containsExactly("24:40:10:1000000005:" + data(10, 1)[0],
                    "50:66:20:2000000006:" + data(20, 2)[0]);
            assertThat(cursor.finished()).isTrue();
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.error()).isEmpty();
        }
    }

    @Test
    void filesThatAreNotCapturesSayWhatTheyAre() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is text\n");
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        Path tiny = Files.write(dir.resolve("tiny.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3});
        Path missing = dir.resolve("missing.pcap");
        Path directory = dir;
        assertThat(Stream.of(text, empty, tiny, missing, directory).map(this::onlyError))
                .containsExactly(
                        "not a pcap or pcapng capture: unknown magic number 0x68656c6c",
                        "empty file, not a pcap or pcapng capture",
                        "not a pcap or pcapng capture: 2 bytes, too short for a magic number",
                        "no such file",
                        "cannot read: is a directory");
        try (CaptureFile file = CaptureFile.open(text)) {
            assertThat(file.format()).isEmpty();
            assertThat(file.cursor().error()).as("no error before the walk").isEmpty();
            assertThat(file.readAll().error()).get().hasToString(text + ": offset 0: "
                    + "not a pcap or pcapng capture: unknown magic number 0x68656c6c");
        }
    }

    private String onlyError(Path path) {
        try (CaptureFile file = CaptureFile.open(path)) {
            var contents = file.readAll();
            assertThat(contents.packets()).isEmpty();
            assertThat(contents.error()).get().extracting(CaptureError::offset, CaptureError::file)
                    .containsExactly(0L, path);
            return contents.error().get().problem();
        }
    }

    /**
     * Two sections of opposite byte order; the first with two interfaces of different link types and resolutions,
     * an EPB with options, an SPB, an obsolete PB, and blocks the reader skips; the second with a binary
     * resolution.
     */
    static CaptureBuilder twoSections() {
        return CaptureBuilder.pcapng(LE)
                .block(0x00000005, new byte[16]) // interface statistics before any interface: skipped
                .idb(1, 0)
                .idb(101, 96, Option.text(2, "tun0"), Option.u8(9, 9),
                        new Option(14, new byte[] {100, 0, 0, 0, 0, 0, 0, 0}), Option.u8(13, 32))
                .epb(0, 1_500_000_123L, data(60, 1), Option.text(1, "a comment"),
                        new Option(2, new byte[] {1, 0, 0, 0}))
                .epb(1, 2_000_000_007L, 50, 1500, data(50, 2))
                .block(0x00000004, new byte[] {0, 0, 0, 0}) // name resolution: skipped
                .spb(1514, data(1514, 3))
                .block(0x40000BAD, data(7, 0)) // a custom block: skipped
                .pb(1, 3, 42L, data(20, 4))
                .shb(BE, Option.text(4, "crafted"))
                .idb(113, 65535, Option.u8(9, 0x80 | 10))
                .epb(0, (7L << 10) + 512, data(30, 5));
    }

    @Test
    void pcapngSectionsInterfacesAndEveryPacketBlock() throws IOException {
        var contents = read(twoSections());
        assertThat(contents.error()).isEmpty();
        assertThat(contents.packets())
                .extracting(p -> p.captureInterface().section(), Packet::interfaceIndex,
                        p -> p.linkType().linktype(), Packet::timestampNanos, Packet::capturedLength,
                        Packet::wireLength)
                .containsExactly(
                        tuple(0, 0, 1, 1_500_000_123_000L, 60, 60L), // µs by default
                        tuple(0, 1, 101, 102_000_000_007L, 50, 1500L), // ns, plus 100 s if_tsoffset
                        tuple(0, 0, 1, 0L, 1514, 1514L), // SPB: interface 0, no timestamp, snaplen 0 = 262144
                        tuple(0, 1, 101, 100_000_000_042L, 20, 20L), // PB on interface 1
                        tuple(1, 0, 113, 7_500_000_000L, 30, 30L)); // 2^-10 s units: 7.5 s
        assertThat(contents.packets()).extracting(Packet::bytes).containsExactly(data(60, 1), data(50, 2),
                data(1514, 3), data(20, 4), data(30, 5));
        CaptureInterface tun = contents.packets().get(1).captureInterface();
        assertThat(tun).isEqualTo(new CaptureInterface(0, 1, FileLinkType.of(LinkType.RAW), 96,
                TimestampResolution.NANOSECONDS, 100, OptionalInt.of(32), Optional.of("tun0"), LE));
        assertThat(contents.packets().get(4).linkType()).isEqualTo(FileLinkType.of(LinkType.LINUX_SLL));
        assertThat(contents.packets().get(4).captureInterface().resolution())
                .isEqualTo(new TimestampResolution(2, 10));
        assertThat(contents.packets().get(4).captureInterface().byteOrder()).isEqualTo(BE);
    }

    @Test
    void simplePacketBlocksAreCutToTheSnapshotOfInterfaceZero() throws IOException {
        var contents = read(CaptureBuilder.pcapng(BE).idb(1, 64).spb(100, data(64, 1)));
        assertThat(contents.error()).isEmpty();
        assertThat(contents.packets()).extracting(Packet::capturedLength, Packet::wireLength)
                .containsExactly(tuple(64, 100L));
    }

    static Stream<Arguments> brokenPcapngs() {
        CaptureBuilder base = CaptureBuilder.pcapng(LE).idb(1, 0);
        long afterIdb = base.units().getLast().end();
        return Stream.of(
                Arguments.of("packet on an interface the section lacks",
                        CaptureBuilder.pcapng(LE).idb(1, 0).epb(0, 1, data(4, 0)).epb(1, 1, data(4, 0)),
                        afterIdb + 36,
                        "a packet on interface 1, but section 0 has only 1 interface description block"),
                Arguments.of("packet before any interface", CaptureBuilder.pcapng(BE).spb(4, data(4, 0)), 28L,
                        "a packet on interface 0, but section 0 has no interface description blocks"),
                Arguments.of("interfaces belong to their section",
                        CaptureBuilder.pcapng(LE).idb(1, 0).shb(LE).epb(0, 1, data(4, 0)), afterIdb + 28,
                        "a packet on interface 0, but section 1 has no interface description blocks"),
                Arguments.of("block length not a multiple of 4",
                        CaptureBuilder.pcapng(LE).idb(1, 0).raw(new byte[] {6, 0, 0, 0, 30, 0, 0, 0}), afterIdb,
                        "block of type EPB has a length of 30 that is not a multiple of 4"),
                Arguments.of("block length below 12",
                        CaptureBuilder.pcapng(BE).raw(new byte[] {0, 0, 0, 6, 0, 0, 0, 8}), 28L,
                        "block of type EPB has a length of 8 < 12"),
                Arguments.of("trailer disagrees",
                        CaptureBuilder.pcapng(LE).raw(new byte[] {9, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0}),
                        28L, "block of type 0x00000009 has a length of 16 in its header but 20 in its trailer"),
                Arguments.of("block longer than the file",
                        CaptureBuilder.pcapng(LE).raw(new byte[] {9, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0}), 28L,
                        "truncated block of type 0x00000009: length 64, 12 bytes remain"),
                Arguments.of("captured length above the snapshot",
                        CaptureBuilder.pcapng(LE).idb(1, 8).epb(0, 1, 12, 12, data(12, 0)), afterIdb,
                        "captured length 12 is bigger than the snapshot length 8 of interface 0"),
                Arguments.of("captured length beyond the block",
                        CaptureBuilder.pcapng(LE).idb(1, 0).epb(0, 1, 40, 40, data(12, 0)), afterIdb,
                        "enhanced packet block is too short for its captured length 40: 12 bytes of data"),
                Arguments.of("if_tsresol of two bytes",
                        CaptureBuilder.pcapng(LE).idb(1, 0, new Option(9, new byte[] {6, 0})), 28L,
                        "interface description block has if_tsresol with length 2 != 1"),
                Arguments.of("if_tsresol too fine",
                        CaptureBuilder.pcapng(LE).idb(1, 0, Option.u8(9, 20)), 28L,
                        "interface description block has if_tsresol 10^-20, too fine"),
                Arguments.of("second section with a bad byte-order magic",
                        CaptureBuilder.pcapng(LE).idb(1, 0).epb(0, 1, data(4, 0))
                                .raw(new byte[] {10, 13, 13, 10, 28, 0, 0, 0, 1, 2, 3, 4}),
                        afterIdb + 36, "section header block with a bad byte-order magic 0x04030201"),
                Arguments.of("pcapng version 2.0", CaptureBuilder.pcapng(LE).raw(new byte[] {
                        10, 13, 13, 10, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 2, 0, 0, 0,
                        -1, -1, -1, -1, -1, -1, -1, -1, 28, 0, 0, 0}), 28L, "unsupported pcapng version 2.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPcapngs")
    void brokenPcapngFilesEndWithOneErrorAtTheRightOffset(String why, CaptureBuilder file, long offset,
            String problem) throws IOException {
        var contents = read(file);
        long good = file.units().stream().filter(u -> u.packet() && u.end() <= offset).count();
        assertThat(contents.packets()).as("packets before the error").hasSize((int) good);
        assertThat(contents.error()).get().extracting(CaptureError::offset, CaptureError::problem)
                .containsExactly(offset, problem);
    }
}
