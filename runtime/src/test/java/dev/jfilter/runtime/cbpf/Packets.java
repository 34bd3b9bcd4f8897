package dev.jfilter.runtime.cbpf;

import dev.jfilter.runtime.libpcap.Libpcap;
import dev.jfilter.runtime.libpcap.SavedPacket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Packets for differential tests: from the shared captures (read by libpcap), and seeded random ones. */
public final class Packets {
    private Packets() {}

    /** A packet and where it came from. */
    public record Packet(String source, byte[] bytes, int caplen, int wirelen) {}

    /** Packets copied one after another into one segment, as a mapped capture file holds them. */
    public record Packed(MemorySegment segment, long[] offsets) {}

    /** The packets in one segment of {@code arena}, each at its offset, for engines to read in place. */
    public static Packed pack(Arena arena, List<Packet> packets) {
        long total = packets.stream().mapToLong(p -> p.bytes().length).sum();
        MemorySegment all = arena.allocate(Math.max(1, total));
        long[] offsets = new long[packets.size()];
        long at = 0;
        for (int i = 0; i < packets.size(); i++) {
            offsets[i] = at;
            byte[] b = packets.get(i).bytes();
            MemorySegment.copy(b, 0, all, ValueLayout.JAVA_BYTE, at, b.length);
            at += b.length;
        }
        return new Packed(all, offsets);
    }

    /** What {@link #fromCaptures} read. */
    public record Selection(List<Packet> packets, int files, List<String> linkTypes, List<String> unreadable) {}

    /** Up to {@code perFile} packets of every capture in {@code dir} that libpcap can read. */
    public static Selection fromCaptures(Path dir, int perFile) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted()
                    .toList();
        }
        List<Packet> out = new ArrayList<>();
        List<String> linkTypes = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int used = 0;
        for (Path f : files) {
            List<SavedPacket> saved;
            try {
                saved = Libpcap.readSavefile(f);
            } catch (IOException e) {
                unreadable.add(e.getMessage());
                continue;
            }
            used++;
            for (int i = 0; i < Math.min(perFile, saved.size()); i++) {
                SavedPacket p = saved.get(i);
                String dlt = Integer.toString(p.dlt());
                if (!linkTypes.contains(dlt)) {
                    linkTypes.add(dlt);
                }
                out.add(new Packet(f.getFileName() + "#" + (i + 1), p.bytes(), p.caplen(), p.wirelen()));
            }
        }
        return new Selection(out, used, linkTypes, unreadable);
    }

    /**
     * Random packets: pure noise, and Ethernet frames with IPv4 or IPv6 headers (optionally behind VLAN tags) and
     * random rest, so programs get past their first tests. Some are truncated (caplen below wirelen).
     */
    public static List<Packet> random(Random random, int count) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int len = random.nextInt(10) == 0 ? random.nextInt(16) : 14 + random.nextInt(180);
            byte[] b = new byte[len];
            random.nextBytes(b);
            if (i % 3 != 0 && len >= 60) {
                int at = 12;
                if (random.nextInt(4) == 0) {
                    b[at] = (byte) 0x81;
                    b[at + 1] = 0;
                    at += 4;
                }
                boolean v6 = random.nextBoolean();
                b[at] = (byte) (v6 ? 0x86 : 0x08);
                b[at + 1] = (byte) (v6 ? 0xdd : 0x00);
                int ip = at + 2;
                if (v6) {
                    b[ip] = 0x60;
                    b[ip + 6] = (byte) new int[] {6, 17, 58, 0, 43, 44, 60}[random.nextInt(7)];
                } else {
                    b[ip] = (byte) (0x45 + (random.nextInt(3) == 0 ? random.nextInt(11) : 0));
                    b[ip + 6] = random.nextBoolean() ? 0 : b[ip + 6];
                    b[ip + 9] = (byte) new int[] {6, 17, 1, 2, 47, 132}[random.nextInt(6)];
                }
            }
            int wirelen = len + (random.nextInt(4) == 0 ? random.nextInt(1500) : 0);
            int caplen = random.nextInt(5) == 0 ? random.nextInt(len + 1) : len;
            out.add(new Packet("random#" + i, b, caplen, wirelen));
        }
        return out;
    }
}
