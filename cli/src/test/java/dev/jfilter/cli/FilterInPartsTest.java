package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.FilePart;
import dev.jfilter.runtime.capture.Packet;
import dev.jfilter.testpcaps.TestPcap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jfilter filter} on a pcap file cut into parts, one thread each ({@code --threads}): whatever the number of
 * parts, the command writes, prints and counts exactly what one thread does, also when the file breaks off in a
 * later part, when {@code -c} stops it, and when a guessed part boundary is not a record boundary. Small parts
 * ({@code --min-part-bytes}) make the test files split as a large capture does.
 */
class FilterInPartsTest {
    @TempDir
    Path dir;

    private static final List<TestPcap> CAPTURES = List.of(TestPcap.valueOf("EN10MB_MIXED"),
            TestPcap.valueOf("EN10MB_ENCAP"), TestPcap.valueOf("RAW"), TestPcap.valueOf("LINUX_SLL"));
    private static final List<String> EXPRESSIONS = List.of("", "tcp or arp", "udp port 53 or icmp6", "ip[8] = 1");

    static Stream<Arguments> capturesAndExpressions() {
        return CAPTURES.stream().flatMap(c -> EXPRESSIONS.stream().map(e -> Arguments.of(c, e)));
    }

    /** The arguments of one run: the input and the output options, then {@code --threads N}, then the expression. */
    private static Cli.Run filter(Path input, List<String> outputOptions, int threads, String expression) {
        List<String> args = new ArrayList<>(List.of("filter", "-r", input.toString()));
        args.addAll(outputOptions);
        args.addAll(List.of("--threads", Integer.toString(threads), "--min-part-bytes", "8192"));
        if (!expression.isEmpty()) {
            args.add(expression);
        }
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("capturesAndExpressions")
    void everyOutputIsTheSameWithAnyNumberOfParts(TestPcap capture, String expression) throws IOException {
        Path input = capture.path();
        try (CaptureFile f = CaptureFile.open(input)) {
            assertThat(f.parts(5, 8192)).as("the file is cut").hasSizeGreaterThan(2);
        }
        Path one = dir.resolve("one.pcap");
        Cli.Run written = filter(input, List.of("-w", one.toString()), 1, expression);
        Cli.Run printed = filter(input, List.of(), 1, expression);
        Cli.Run counted = filter(input, List.of("--count"), 1, expression);
        Cli.Run stdout = filter(input, List.of("-w", "-"), 1, expression);
        assertThat(written.status()).as(written.err()).isZero();
        for (int threads = 2; threads <= 5; threads++) {
            Path many = dir.resolve("many-" + threads + ".pcap");
            Cli.Run r = filter(input, List.of("-w", many.toString()), threads, expression);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(Files.readAllBytes(many)).as("pcap written by %d threads", threads)
                    .isEqualTo(Files.readAllBytes(one));
            assertSameText(filter(input, List.of(), threads, expression), printed);
            assertThat(filter(input, List.of("--count"), threads, expression).out()).isEqualTo(counted.out());
            assertThat(filter(input, List.of("-w", "-"), threads, expression).binary())
                    .isEqualTo(stdout.binary());
        }
    }

    @Test
    void dashCStopsAtTheSamePacketInAnyPart() throws IOException {
        Path input = TestPcap.valueOf("EN10MB_MIXED").path();
        long all = Long.parseLong(filter(input, List.of("--count"), 1, "tcp").out().strip());
        for (long limit : new long[] {1, all / 3, all / 2, all - 1, all, all + 1}) {
            Path one = dir.resolve("one.pcap");
            Path many = dir.resolve("many.pcap");
            List<String> limitOption = List.of("-c", Long.toString(limit));
            filter(input, concat(limitOption, List.of("-w", one.toString())), 1, "tcp");
            Cli.Run r = filter(input, concat(limitOption, List.of("-w", many.toString())), 4, "tcp");
            assertThat(r.status()).isZero();
            assertThat(Files.readAllBytes(many)).as("-c %d", limit).isEqualTo(Files.readAllBytes(one));
            assertThat(filter(input, concat(limitOption, List.of("--count")), 4, "tcp").out().strip())
                    .isEqualTo(Long.toString(Math.min(limit, all)));
        }
    }

    @Test
    void damageInALaterPartStopsWhereOneThreadStopsAndKeepsTheSamePackets() throws IOException {
        Path source = TestPcap.valueOf("EN10MB_MIXED").path();
        byte[] whole = Files.readAllBytes(source);
        List<Packet> packets = packets(source);
        // Cut short in the last part, and a record with an impossible length in the middle.
        Path truncated = dir.resolve("truncated.pcap");
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 7));
        Path corrupt = dir.resolve("corrupt.pcap");
        byte[] bad = whole.clone();
        long middle = packets.get(packets.size() / 2).offset();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt((int) middle + 8, 0x7fff0000);
        Files.write(corrupt, bad);
        for (Path input : List.of(truncated, corrupt)) {
            Path one = dir.resolve("one.pcap");
            Cli.Run sequential = filter(input, List.of("-w", one.toString()), 1, "ip or ip6");
            assertThat(sequential.status()).isEqualTo(2);
            for (int threads = 2; threads <= 4; threads++) {
                Path many = dir.resolve("many.pcap");
                Cli.Run r = filter(input, List.of("-w", many.toString()), threads, "ip or ip6");
                assertThat(r.status()).isEqualTo(2);
                assertThat(r.err()).isEqualTo(sequential.err());
                assertThat(Files.readAllBytes(many)).isEqualTo(Files.readAllBytes(one));
                assertSameText(filter(input, List.of(), threads, "ip or ip6"),
                        filter(input, List.of(), 1, "ip or ip6"));
            }
        }
    }

    @Test
    void aPacketThatLooksLikeRecordsAtTheGuessedBoundaryChangesNothing() throws IOException {
        // One big packet in the middle whose payload is a chain of well-formed record headers: the guess for the
        // second part's start lands inside it, the first part's walk steps over it, and the command must read on
        // from where that walk stopped.
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            frames.add(frame(200 + i));
        }
        byte[] decoy = frame(60000);
        ByteBuffer fake = ByteBuffer.wrap(decoy).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 64; at + 16 + 100 <= decoy.length; at += 16 + 100) {
            fake.putInt(at, 1_700_000_000).putInt(at + 4, 5).putInt(at + 8, 100).putInt(at + 12, 100);
        }
        frames.add(decoy);
        for (int i = 0; i < 40; i++) {
            frames.add(frame(300 + i));
        }
        Path input = dir.resolve("decoy.pcap");
        Files.write(input, pcap(frames));
        List<Long> offsets = packets(input).stream().map(Packet::offset).toList();
        try (CaptureFile f = CaptureFile.open(input)) {
            List<FilePart> parts = f.parts(2, 8192);
            assertThat(parts).hasSize(2);
            assertThat(offsets).as("the guessed boundary is inside the decoy").doesNotContain(parts.get(1).start());
        }
        Path one = dir.resolve("one.pcap");
        Path two = dir.resolve("two.pcap");
        filter(input, List.of("-w", one.toString()), 1, "");
        Cli.Run r = filter(input, List.of("-w", two.toString()), 2, "");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(input));
    }

    @Test
    void pcapngFilesAreReadByOneThread() throws IOException {
        Path ng = dir.resolve("in.pcapng");
        Cli.run("filter", "-r", TestPcap.valueOf("EN10MB_MIXED").path().toString(), "-w", ng.toString());
        try (CaptureFile f = CaptureFile.open(ng)) {
            assertThat(f.parts(4, 8192)).containsExactly(new FilePart(0, Files.size(ng)));
        }
    }

    @Test
    void theBoundariesOfAnOrdinaryFileAreRecordBoundaries() {
        for (TestPcap capture : CAPTURES) {
            Set<Long> offsets = packets(capture.path()).stream().map(Packet::offset).collect(Collectors.toSet());
            try (CaptureFile f = CaptureFile.open(capture.path())) {
                List<FilePart> parts = f.parts(6, 8192);
                assertThat(parts).hasSizeGreaterThan(1);
                assertThat(parts.getFirst().start()).isEqualTo(24);
                assertThat(parts.getLast().end()).isEqualTo(f.contents().byteSize());
                for (int i = 1; i < parts.size(); i++) {
                    assertThat(parts.get(i).start()).isEqualTo(parts.get(i - 1).end()).isIn(offsets);
                }
            }
        }
    }

    @Test
    void threadsMustBePositive() {
        Cli.Run r = Cli.run("filter", "-r", TestPcap.valueOf("RAW").path().toString(), "--threads", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--threads needs a positive number");
    }

    /** The same status and the same text on both streams. */
    private static void assertSameText(Cli.Run actual, Cli.Run expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.out()).isEqualTo(expected.out());
        assertThat(actual.err()).isEqualTo(expected.err());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<Packet> packets(Path capture) {
        try (CaptureFile f = CaptureFile.open(capture)) {
            return f.readAll().packets().stream().map(p -> new Packet(p.captureInterface(), p.offset(),
                    p.timestampNanos(), p.capturedLength(), p.wireLength(),
                    java.lang.foreign.MemorySegment.ofArray(p.bytes()))).toList();
        }
    }

    /** An Ethernet frame of {@code length} bytes carrying IPv4/UDP. */
    private static byte[] frame(int length) {
        byte[] f = new byte[length];
        ByteBuffer b = ByteBuffer.wrap(f);
        b.position(12);
        b.putShort((short) 0x0800).put((byte) 0x45).put((byte) 0).putShort((short) (length - 14)).putInt(0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x0a000001).putInt(0x0a000002);
        return f;
    }

    private static byte[] pcap(List<byte[]> frames) {
        int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        int i = 0;
        for (byte[] f : frames) {
            b.putInt(1_700_000_000 + i).putInt(i++).putInt(f.length).putInt(f.length).put(f);
        }
        return b.array();
    }
}
