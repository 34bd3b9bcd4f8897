package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Writes a little-endian pcap file (version 2.4) with microsecond or nanosecond timestamps, one link type and one
 * snapshot length. The file header is written and flushed by {@link #create}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap</a>
 */
public final class PcapWriter implements CaptureWriter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final OutputBuffer out;
    private final FileLinkType linkType;
    private final int snaplen;
    private final boolean nanoseconds;
    private final SecondsOverflow overflow;

    private PcapWriter(OutputBuffer out, FileLinkType linkType, int snaplen, boolean nanoseconds,
            SecondsOverflow overflow) {
        this.out = out;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.nanoseconds = nanoseconds;
        this.overflow = overflow;
    }

    /**
     * Creates (or truncates) {@code path} and writes the file header.
     *
     * @param resolution {@link TimestampResolution#MICROSECONDS} or {@link TimestampResolution#NANOSECONDS}
     */
    public static PcapWriter create(Path path, FileLinkType linkType, int snaplen, TimestampResolution resolution)
            throws IOException {
        return create(path, linkType, snaplen, OptionalInt.empty(), resolution, SecondsOverflow.REFUSE);
    }

    /**
     * Creates a pcap file for packets like those of {@code like}: its link type, its snapshot length as libpcap
     * reads it, and its FCS length (in the FCS bits of the link-type field).
     */
    public static PcapWriter create(Path path, CaptureInterface like, TimestampResolution resolution)
            throws IOException {
        return create(path, like, resolution, SecondsOverflow.REFUSE);
    }

    /**
     * Creates a pcap file for packets like those of {@code like}, doing {@code overflow} with timestamps whose
     * seconds do not fit the file's 32 bits.
     */
    public static PcapWriter create(Path path, CaptureInterface like, TimestampResolution resolution,
            SecondsOverflow overflow) throws IOException {
        return create(path, like.linkType(), like.snapshot(), like.fcsLengthBits(), resolution, overflow);
    }

    /**
     * Writes a pcap file for packets like those of {@code like} to {@code channel} (standard output, a pipe), which
     * {@link #close()} closes.
     */
    public static PcapWriter create(WritableByteChannel channel, CaptureInterface like,
            TimestampResolution resolution) throws IOException {
        return create(channel, like, resolution, SecondsOverflow.REFUSE);
    }

    /**
     * Writes a pcap file for packets like those of {@code like} to {@code channel}, doing {@code overflow} with
     * timestamps whose seconds do not fit the file's 32 bits.
     */
    public static PcapWriter create(WritableByteChannel channel, CaptureInterface like,
            TimestampResolution resolution, SecondsOverflow overflow) throws IOException {
        boolean nanoseconds = check(like.linkType(), like.snapshot(), resolution, overflow);
        return create(new OutputBuffer(channel), like.linkType(), like.snapshot(), like.fcsLengthBits(), nanoseconds,
                overflow);
    }

    private static PcapWriter create(Path path, FileLinkType linkType, int snaplen, OptionalInt fcsLengthBits,
            TimestampResolution resolution, SecondsOverflow overflow) throws IOException {
        boolean nanoseconds = check(linkType, snaplen, resolution, overflow);
        return create(new OutputBuffer(path), linkType, snaplen, fcsLengthBits, nanoseconds, overflow);
    }

    /** Checks the arguments before any file is touched; whether the timestamps are in nanoseconds. */
    private static boolean check(FileLinkType linkType, int snaplen, TimestampResolution resolution,
            SecondsOverflow overflow) {
        Objects.requireNonNull(linkType);
        Objects.requireNonNull(overflow);
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snapshot length " + snaplen + " is not positive");
        }
        if (resolution.equals(TimestampResolution.NANOSECONDS)) {
            return true;
        } else if (resolution.equals(TimestampResolution.MICROSECONDS)) {
            return false;
        }
        throw new IllegalArgumentException("pcap holds microseconds or nanoseconds, not " + resolution);
    }

    private static PcapWriter create(OutputBuffer out, FileLinkType linkType, int snaplen,
            OptionalInt fcsLengthBits, boolean nanoseconds, SecondsOverflow overflow) throws IOException {
        try {
            out.u32(nanoseconds ? PcapCursor.MAGIC_NANO : PcapCursor.MAGIC_MICRO);
            out.u16(2);
            out.u16(4);
            out.u32(0); // thiszone
            out.u32(0); // sigfigs
            out.u32(snaplen);
            out.u32(linkField(linkType, fcsLengthBits));
            out.flush();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new PcapWriter(out, linkType, snaplen, nanoseconds, overflow);
    }

    /** The link-type field: the type in the low 16 bits, FCS length in 16-bit words in the top 4 bits. */
    private static long linkField(FileLinkType linkType, OptionalInt fcsLengthBits) {
        long field = linkType.linktype();
        if (fcsLengthBits.isPresent()) {
            int bits = fcsLengthBits.getAsInt();
            if (bits % 16 != 0 || bits / 16 > 15) {
                throw new IllegalArgumentException("an FCS of " + bits + " bits cannot be stated in a pcap header");
            }
            field |= 0x04000000L | (long) (bits / 16) << 28;
        }
        return field;
    }

    /** Creates a microsecond pcap file. */
    public static PcapWriter create(Path path, FileLinkType linkType, int snaplen) throws IOException {
        return create(path, linkType, snaplen, TimestampResolution.MICROSECONDS);
    }

    /** The link type of every packet in the file. */
    public FileLinkType linkType() {
        return linkType;
    }

    /** The snapshot length in the file header. */
    public int snaplen() {
        return snaplen;
    }

    /**
     * Writes {@code packet}, which must have the file's link type: a pcap file has one.
     *
     * @throws IllegalArgumentException if the link type differs
     */
    @Override
    public void write(Packet packet) throws IOException {
        if (packet.linkType().linktype() != linkType.linktype()) {
            throw new IllegalArgumentException("packet of link type " + packet.linkType().displayName()
                    + " in a pcap file of link type " + linkType.displayName());
        }
        write(packet.timestampNanos(), packet.data(), packet.wireLength());
    }

    /**
     * Whether pcap's unsigned 32-bit seconds hold the timestamp {@code timestampNanos}: from 1970 to
     * 2106-02-07T06:28:15.999999999Z.
     */
    public static boolean holds(long timestampNanos) {
        long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        return seconds >= 0 && seconds <= 0xffffffffL;
    }

    /**
     * Writes a packet: its timestamp (from 1970 to 2106, the range of pcap's unsigned 32-bit seconds, unless the
     * writer was created to {@linkplain SecondsOverflow#WRAP wrap} the others), bytes (cut to the snapshot length)
     * and wire length (unsigned 32 bits).
     *
     * @throws IllegalArgumentException if the timestamp is outside pcap's range and the writer refuses those, or
     *                                  the wire length does not fit 32 bits
     */
    @Override
    public void write(long timestampNanos, MemorySegment data, long wireLength) throws IOException {
        long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(timestampNanos, NANOS_PER_SECOND);
        if (!holds(timestampNanos)) {
            switch (overflow) {
                case REFUSE -> throw new IllegalArgumentException(
                        "timestamp " + timestampNanos + " ns is outside pcap's range");
                case WRAP -> seconds = seconds & 0xffffffffL;
            }
        }
        if (wireLength < 0 || wireLength > 0xffffffffL) {
            throw new IllegalArgumentException("wire length " + wireLength + " does not fit 32 bits");
        }
        long caplen = Math.min(data.byteSize(), snaplen);
        out.ensure(16 + caplen);
        out.u32(seconds);
        out.u32(nanoseconds ? nanos : nanos / 1000);
        out.u32(caplen);
        out.u32(wireLength);
        out.bytes(data, caplen);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
