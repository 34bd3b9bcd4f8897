package dev.jfilter.runtime.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * One packet of a capture file. {@code data} is a slice of the memory-mapped file (no copy): it is valid as long as
 * the {@link CaptureFile} (or the arena it was opened in) is open.
 *
 * @param captureInterface the interface the packet arrived on (its link type, snapshot length, section and id)
 * @param offset           the byte offset in the file of the packet's record header or block
 * @param timestampNanos   the timestamp, in nanoseconds since 1970-01-01 00:00:00 UTC
 * @param capturedLength   the number of bytes captured, {@code data.byteSize()}
 * @param wireLength       the packet's length on the wire (unsigned 32 bits), at least the captured length in a
 *                         well-formed file
 * @param data             the captured bytes
 */
public record Packet(
        CaptureInterface captureInterface,
        long offset,
        long timestampNanos,
        int capturedLength,
        long wireLength,
        MemorySegment data) implements CaptureRecord {

    public Packet {
        Objects.requireNonNull(captureInterface);
        if (data.byteSize() != capturedLength) {
            throw new IllegalArgumentException(
                    "captured length " + capturedLength + " but " + data.byteSize() + " bytes of data");
        }
    }

    /** The interface id within its section (always 0 in a pcap file). */
    public int interfaceIndex() {
        return captureInterface.id();
    }

    /** The packet's link-layer header type. */
    public FileLinkType linkType() {
        return captureInterface.linkType();
    }

    /** A copy of the captured bytes. */
    public byte[] bytes() {
        return data.toArray(ValueLayout.JAVA_BYTE);
    }
}
