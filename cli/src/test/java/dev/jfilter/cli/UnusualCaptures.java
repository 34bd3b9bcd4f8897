package dev.jfilter.cli;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.capture.CaptureInterface;
import dev.jfilter.runtime.capture.FileLinkType;
import dev.jfilter.runtime.capture.Packet;
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
import java.util.OptionalInt;
import java.util.Random;

/**
 * Captures the committed and shared ones do not include, made from the committed ones: cut short at a seeded
 * random byte (pcap, or pcapng), a pcapng file with two link types, and pcapng timestamps a pcap file cannot hold
 * (before 1970 through {@code if_tsoffset}, after 2106) or that jfilter's nanosecond clock cannot (the year 3000).
 */
final class UnusualCaptures {
    private UnusualCaptures() {}

    static final long SECONDS_2_32 = 1L << 32;
    private static final long NANOS = 1_000_000_000L;

    /** Writes them all to {@code dir}; their paths. */
    static List<Path> write(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        Random random = new Random(20260605);
        for (TestPcap capture : TestPcap.values()) {
            // Every other one as pcapng, with nanosecond timestamps.
            boolean asPcapng = capture.ordinal() % 2 == 1;
            Path whole = asPcapng ? pcapng(dir.resolve(capture.pcapName() + ".pcapng"), Packets.of(capture.path()))
                    : capture.path();
            byte[] bytes = Files.readAllBytes(whole);
            int at = 28 + random.nextInt(bytes.length - 28);
            out.add(write(dir.resolve(capture.pcapName() + "-cut-at-" + at + (asPcapng ? ".pcapng" : ".pcap")),
                    Arrays.copyOf(bytes, at)));
        }
        out.add(twoLinkTypes(dir.resolve("two-link-types.pcapng")));
        out.add(outsidePcapSeconds(dir.resolve("outside-pcap-seconds.pcapng")));
        out.add(year3000(dir.resolve("year-3000.pcapng")));
        return out;
    }

    /** Ethernet packets, then raw IP ones, then Ethernet again: one IDB per link type. */
    static Path twoLinkTypes(Path file) throws IOException {
        List<Packet> ethernet = Packets.of(TestPcap.EN10MB_MIXED.path());
        List<Packet> raw = Packets.of(TestPcap.RAW.path());
        List<Packet> mixed = new ArrayList<>(ethernet.subList(0, 20));
        mixed.addAll(raw.subList(0, 20));
        mixed.addAll(ethernet.subList(20, 40));
        return pcapng(file, mixed);
    }

    /**
     * Ethernet packets whose timestamps pcap's unsigned 32-bit seconds do not hold: 2^32 s and after (2106-02-07),
     * the last second before 2^33, and on an interface with {@code if_tsoffset} of -100000 s, before 1970; others
     * between them.
     */
    static Path outsidePcapSeconds(Path file) throws IOException {
        List<Packet> source = Packets.of(TestPcap.EN10MB_MIXED.path()).subList(0, 8);
        CaptureInterface plain = source.getFirst().captureInterface();
        CaptureInterface offset = new CaptureInterface(0, 1, plain.linkType(), plain.snaplen(),
                TimestampResolution.MICROSECONDS, -100_000, OptionalInt.empty(), Optional.empty(),
                ByteOrder.LITTLE_ENDIAN);
        long[] nanos = {
            1_700_000_000_123_456_000L,
            (SECONDS_2_32 + 5) * NANOS + 789_000,
            (2 * SECONDS_2_32 - 1) * NANOS + 999_999_000,
            2_000_000L,
            5_000_007_000L - 100_000 * NANOS, // on the offset interface: 5.000007 s stored
            SECONDS_2_32 * NANOS,
            (SECONDS_2_32 - 1) * NANOS + 999_999_000,
            1_700_000_001_000_000_000L,
        };
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < nanos.length; i++) {
            Packet p = source.get(i);
            out.add(new Packet(i == 4 ? offset : plain, 0, nanos[i], p.capturedLength(), p.wireLength(), p.data()));
        }
        return pcapng(file, out, TimestampResolution.MICROSECONDS);
    }

    /**
     * Three Ethernet packets in microseconds, the second stamped in the year 3000: beyond a signed 64-bit count of
     * nanoseconds, where jfilter's reader saturates.
     */
    static Path year3000(Path file) throws IOException {
        List<Packet> source = Packets.of(TestPcap.EN10MB_MIXED.path()).subList(0, 3);
        pcapng(file, source, TimestampResolution.MICROSECONDS);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int shb = b.getInt(4);
        int idb = b.getInt(shb + 4);
        int firstEpb = shb + idb;
        int secondEpb = firstEpb + b.getInt(firstEpb + 4);
        long micros = 32_503_680_000L * 1_000_000 + 7; // 3000-01-01T00:00:00.000007Z
        b.putInt(secondEpb + 12, (int) (micros >>> 32)).putInt(secondEpb + 16, (int) micros);
        return write(file, bytes);
    }

    private static Path pcapng(Path file, List<Packet> packets) throws IOException {
        return pcapng(file, packets, TimestampResolution.NANOSECONDS);
    }

    private static Path pcapng(Path file, List<Packet> packets, TimestampResolution resolution) throws IOException {
        try (PcapngWriter w = PcapngWriter.create(file, FileLinkType.of(LinkType.EN10MB), 262144, resolution)) {
            for (Packet p : packets) {
                w.write(p);
            }
        }
        return file;
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
