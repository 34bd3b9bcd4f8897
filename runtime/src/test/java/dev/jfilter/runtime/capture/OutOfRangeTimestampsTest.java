package dev.jfilter.runtime.capture;

import static dev.jfilter.runtime.capture.CaptureBuilder.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timestamps pcap's unsigned 32-bit seconds do not hold, which pcapng's 64-bit timestamps and {@code if_tsoffset}
 * reach: a {@link PcapWriter} refuses them unless told to {@linkplain SecondsOverflow#WRAP wrap} them, and then
 * writes what {@code tcpdump -r in.pcapng -w out.pcap} writes; a {@link PcapngWriter} keeps them.
 */
class OutOfRangeTimestampsTest {
    private static final long WRAP = 1L << 32;
    private static final long NANOS = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Ethernet, in microseconds: interface 0 plain, interface 1 with if_tsoffset -100000 s. */
    private Path crafted() throws IOException {
        byte[] offset = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-100_000).array();
        return CaptureBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
                .idb(1, 65535)
                .idb(1, 65535, new CaptureBuilder.Option(PcapngCursor.IF_TSOFFSET, offset))
                .epb(0, 1_700_000_000_000_001L, data(60, 1))
                .epb(0, (WRAP + 5) * 1_000_000 + 789, data(60, 2)) // 2106-02-07T06:28:21Z
                .epb(1, 5_000_007, data(60, 3)) // 5.000007 s - 100000 s: 1969-12-30
                .epb(0, (2 * WRAP - 1) * 1_000_000 + 999_999, data(60, 4))
                .write(dir.resolve("out-of-range.pcapng"));
    }

    private static List<Packet> packets(CaptureFile file) {
        CaptureFile.Contents contents = file.readAll();
        assertThat(contents.error()).isEmpty();
        return contents.packets();
    }

    @Test
    void pcapHoldsTheSecondsFrom1970To2106() {
        assertThat(PcapWriter.holds(0)).isTrue();
        assertThat(PcapWriter.holds(WRAP * NANOS - 1)).isTrue();
        assertThat(PcapWriter.holds(WRAP * NANOS)).isFalse();
        assertThat(PcapWriter.holds(-1)).isFalse();
        assertThat(PcapWriter.holds(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void aPcapWriterRefusesThemByDefault() throws IOException {
        try (CaptureFile in = CaptureFile.open(crafted());
                PcapWriter out = PcapWriter.create(dir.resolve("x.pcap"), packets(in).getFirst().captureInterface(),
                        TimestampResolution.MICROSECONDS)) {
            List<Packet> packets = packets(in);
            out.write(packets.get(0));
            assertThatThrownBy(() -> out.write(packets.get(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timestamp " + ((WRAP + 5) * NANOS + 789_000) + " ns is outside pcap's range");
            assertThatThrownBy(() -> out.write(packets.get(2))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void wrappingWritesTheSecondsModulo2To32AsTcpdumpDoes() throws Exception {
        Path source = crafted();
        Path pcap = dir.resolve("wrapped.pcap");
        try (CaptureFile in = CaptureFile.open(source);
                PcapWriter out = PcapWriter.create(pcap, packets(in).getFirst().captureInterface(),
                        TimestampResolution.MICROSECONDS, SecondsOverflow.WRAP)) {
            for (Packet p : packets(in)) {
                out.write(p);
            }
        }
        byte[] written = Files.readAllBytes(pcap);
        assertThat(records(written)).containsExactly(tuple(1_700_000_000L, 1L), tuple(5L, 789L),
                tuple(WRAP - 99_995, 7L), tuple(WRAP - 1, 999_999L));
        Optional<Path> tcpdump = Tcpdump.find();
        if (tcpdump.isPresent()) {
            Path reference = dir.resolve("tcpdump.pcap");
            Tcpdump.Run run = Tcpdump.run(tcpdump.get(), "-r", source.toString(), "-w", reference.toString());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(written).as("tcpdump 4.99's file").isEqualTo(Files.readAllBytes(reference));
        }
    }

    @Test
    void aPcapngWriterKeepsThemAndTheInterfacesOffset() throws Exception {
        Path source = crafted();
        Path copy = dir.resolve("copy.pcapng");
        List<Long> timestamps;
        try (CaptureFile in = CaptureFile.open(source);
                PcapngWriter out = PcapngWriter.create(copy, packets(in).getFirst().linkType(), 65535,
                        TimestampResolution.MICROSECONDS)) {
            timestamps = packets(in).stream().map(Packet::timestampNanos).toList();
            for (Packet p : packets(in)) {
                out.write(p);
            }
        }
        assertThat(timestamps.get(2)).isEqualTo(5_000_007_000L - 100_000 * NANOS);
        try (CaptureFile back = CaptureFile.open(copy)) {
            List<Packet> packets = packets(back);
            assertThat(packets).extracting(Packet::timestampNanos).containsExactlyElementsOf(timestamps);
            assertThat(packets).extracting(p -> p.captureInterface().timestampOffsetSeconds())
                    .containsExactly(0L, 0L, -100_000L, 0L);
        }
        Optional<Path> tcpdump = Tcpdump.find();
        if (tcpdump.isPresent()) {
            Path fromSource = dir.resolve("source.pcap");
            Path fromCopy = dir.resolve("copy.pcap");
            assertThat(Tcpdump.run(tcpdump.get(), "-r", source.toString(), "-w", fromSource.toString()).exitCode())
                    .isZero();
            assertThat(Tcpdump.run(tcpdump.get(), "-r", copy.toString(), "-w", fromCopy.toString()).exitCode())
                    .isZero();
            assertThat(Files.readAllBytes(fromCopy)).as("what tcpdump reads from the copy and from the source")
                    .isEqualTo(Files.readAllBytes(fromSource));
        }
    }

    /** The seconds and fraction fields of each record of a little-endian pcap file. */
    private static List<Tuple> records(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        List<Tuple> out = new ArrayList<>();
        for (int at = 24; at + 16 <= pcap.length; at += 16 + b.getInt(at + 8)) {
            out.add(tuple(Integer.toUnsignedLong(b.getInt(at)), Integer.toUnsignedLong(b.getInt(at + 4))));
        }
        return out;
    }
}
