package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.link.LinkType;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/** Packets for the differential tests: the shared captures, read with libpcap, and seeded mutations of them. */
public final class Captures {
    private Captures() {}

    /** A packet as captured: its bytes and its length on the wire. */
    public record Packet(byte[] bytes, int wireLength, String origin) {}

    /**
     * Skips the calling test, saying why, when the shared reference material is not there (libpcap's test suite and
     * the real captures).
     */
    public static void requireShared() {
        org.junit.jupiter.api.Assumptions.assumeTrue(shared().isPresent(), "the shared reference material ("
                + System.getProperty("jfilter.shared") + ": libpcap's test suite and real captures) is not available");
    }

    /** The shared directory ({@code jfilter.shared}), if it is there. */
    public static Optional<Path> shared() {
        String dir = System.getProperty("jfilter.shared");
        if (dir == null) {
            return Optional.empty();
        }
        Path p = Path.of(dir);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** The packets of every capture of {@code type} listed in {@code captures/MANIFEST.tsv}. */
    public static List<Packet> ofLinkType(Path shared, LinkType type) throws Exception {
        List<Packet> out = new ArrayList<>();
        for (String line : Files.readAllLines(shared.resolve("captures/MANIFEST.tsv"))) {
            String[] f = line.split("\t");
            if (f.length > 2 && f[2].equals(type.name())) {
                out.addAll(read(shared.resolve("captures").resolve(f[0]), f[0]));
            }
        }
        return out;
    }

    /** Every packet of a capture file. */
    public static List<Packet> read(Path file, String name) throws PcapNativeException, NotOpenException {
        List<Packet> out = new ArrayList<>();
        PcapHandle h = Pcaps.openOffline(file.toString());
        try {
            int i = 0;
            while (true) {
                byte[] b;
                try {
                    b = h.getNextRawPacketEx();
                } catch (EOFException e) {
                    break;
                } catch (TimeoutException e) {
                    continue;
                } catch (IllegalArgumentException e) {
                    // pcap4j cannot represent some timestamps (timestamp_invalid_micro.pcap); the packet is skipped.
                    i++;
                    continue;
                }
                out.add(new Packet(b, h.getOriginalLength(), name + "#" + i++));
            }
        } finally {
            h.close();
        }
        return out;
    }

    /**
     * Seeded mutations: each packet truncated at a random point, with random bytes flipped, and with a key byte
     * (protocol fields near the start) set to an interesting value.
     */
    public static List<Packet> mutations(List<Packet> packets, long seed, int perPacket) {
        Random r = new Random(seed);
        List<Packet> out = new ArrayList<>();
        int[] interesting = {0x00, 0x01, 0x02, 0x04, 0x06, 0x11, 0x2c, 0x32, 0x33, 0x3a, 0x3b, 0x3c, 0x40, 0x45,
            0x60, 0x81, 0x84, 0x86, 0x88, 0xdd, 0xe0, 0xfe, 0xff};
        for (Packet p : packets) {
            for (int k = 0; k < perPacket; k++) {
                byte[] b = p.bytes().clone();
                int wire = p.wireLength();
                switch (r.nextInt(4)) {
                    case 0 -> {
                        int cut = b.length == 0 ? 0 : r.nextInt(b.length + 1);
                        b = java.util.Arrays.copyOf(b, cut);
                    }
                    case 1 -> {
                        for (int i = 0; i < 1 + r.nextInt(4) && b.length > 0; i++) {
                            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                        }
                    }
                    case 2 -> {
                        if (b.length > 0) {
                            b[r.nextInt(Math.min(b.length, 64))] = (byte) interesting[r.nextInt(interesting.length)];
                        }
                    }
                    default -> wire = r.nextInt(Math.max(1, 2 * wire));
                }
                out.add(new Packet(b, Math.max(wire, b.length), p.origin() + "~" + k));
            }
        }
        return out;
    }
}
