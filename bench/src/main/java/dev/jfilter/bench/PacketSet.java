package dev.jfilter.bench;

import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.runtime.jit.PacketFilter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Packets as a memory-mapped capture file gives them: the whole pcap file in one {@link MemorySegment}, and for each
 * packet the offset of its first byte, its captured length and its length on the wire. Filters read the packets in
 * place, as they would read a capture block straight from the kernel or from a mapped file.
 *
 * <p>Reads classic pcap files in the little-endian microsecond format that {@link BenchPackets#pcap()} writes.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-savefile.5.html">pcap-savefile(5)</a>
 */
public final class PacketSet {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** The segment's alignment: a cache line, as the C harness aligns its copy. */
    static final long ALIGNMENT = 64;

    private final MemorySegment file;
    private final long[] offsets;
    private final int[] captured;
    private final int[] wireLengths;

    private PacketSet(MemorySegment file, long[] offsets, int[] captured, int[] wireLengths) {
        this.file = file;
        this.offsets = offsets;
        this.captured = captured;
        this.wireLengths = wireLengths;
    }

    /**
     * Copies the capture file {@code pcap} into memory of {@code arena} (cache-line aligned) and indexes its packets.
     *
     * @throws IllegalArgumentException if {@code pcap} is not a little-endian microsecond pcap file, or a record runs
     *     past its end
     */
    public static PacketSet load(Arena arena, byte[] pcap) {
        MemorySegment file = arena.allocate(pcap.length, ALIGNMENT);
        MemorySegment.copy(pcap, 0, file, ValueLayout.JAVA_BYTE, 0, pcap.length);
        if (file.byteSize() < FILE_HEADER || file.get(U32, 0) != MAGIC_MICROSECONDS) {
            throw new IllegalArgumentException("not a little-endian microsecond pcap file");
        }
        long[] offsets = new long[16];
        int[] captured = new int[16];
        int[] wire = new int[16];
        int n = 0;
        long at = FILE_HEADER;
        while (at < file.byteSize()) {
            if (at + RECORD_HEADER > file.byteSize()) {
                throw new IllegalArgumentException("a record header is cut at byte " + at);
            }
            int caplen = file.get(U32, at + 8);
            int len = file.get(U32, at + 12);
            long data = at + RECORD_HEADER;
            if (caplen < 0 || data + caplen > file.byteSize()) {
                throw new IllegalArgumentException("the record at byte " + at + " runs past the end of the file");
            }
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * n);
                captured = Arrays.copyOf(captured, 2 * n);
                wire = Arrays.copyOf(wire, 2 * n);
            }
            offsets[n] = data;
            captured[n] = caplen;
            wire[n] = len;
            n++;
            at = data + caplen;
        }
        return new PacketSet(file, Arrays.copyOf(offsets, n), Arrays.copyOf(captured, n), Arrays.copyOf(wire, n));
    }

    /** The number of packets. */
    public int size() {
        return offsets.length;
    }

    /** The captured bytes of packet {@code i} (a copy). */
    public byte[] packet(int i) {
        return file.asSlice(offsets[i], captured[i]).toArray(ValueLayout.JAVA_BYTE);
    }

    /** The length packet {@code i} had on the wire. */
    public int wireLength(int i) {
        return wireLengths[i];
    }

    /** The total of the captured lengths. */
    public long capturedBytes() {
        return Arrays.stream(captured).asLongStream().sum();
    }

    /**
     * How many packets {@code filter} accepts (returns non-zero for), running it on every packet in capture order:
     * the loop {@link PacketBenchmark} times.
     */
    public int countMatches(PacketFilter filter) {
        MemorySegment file = this.file;
        long[] offsets = this.offsets;
        int[] captured = this.captured;
        int[] wireLengths = this.wireLengths;
        int matches = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (filter.run(file, offsets[i], captured[i], wireLengths[i], AncillarySource.NONE) != 0) {
                matches++;
            }
        }
        return matches;
    }
}
