package dev.jfilter.runtime.capture;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Walks the packets of a capture file without allocating: {@link #next()} moves to the next packet and the
 * accessors describe it; the packet's bytes are {@link #file()} from {@link #dataOffset()} for
 * {@link #capturedLength()} bytes. When {@code next()} returns false the walk is over: {@link #error()} says why
 * if the file did not end cleanly. Every packet before the error has been delivered.
 *
 * <p>A cursor is not thread-safe; open one per thread from the same {@link CaptureFile}.
 */
public abstract sealed class PacketCursor permits PcapCursor, PcapngCursor, FailedCursor {

    private final Path path;
    /** The whole file. */
    final MemorySegment file;

    CaptureInterface currentInterface;
    long recordOffset;
    long timestampNanos;
    int capturedLength;
    long wireLength;
    long dataOffset;

    private CaptureError error;
    private boolean finished;

    PacketCursor(Path path, MemorySegment file) {
        this.path = path;
        this.file = file;
    }

    /** Moves to the next packet; false at the end of the file or at an error (see {@link #error()}). */
    public final boolean next() {
        if (finished) {
            return false;
        }
        if (advance()) {
            return true;
        }
        finished = true;
        return false;
    }

    /** Reads the next packet into the fields; false at the end, after {@link #fail} on an error. */
    abstract boolean advance();

    /** Records an error and returns false, for {@code return fail(...)} in {@link #advance()}. */
    final boolean fail(long offset, String problem) {
        error = new CaptureError(path, offset, problem);
        return false;
    }

    /** The error that ended the walk, once {@link #next()} has returned false; empty if the file ended cleanly. */
    public final Optional<CaptureError> error() {
        return Optional.ofNullable(error);
    }

    /** True once {@link #next()} has returned false. */
    public final boolean finished() {
        return finished;
    }

    /** The whole memory-mapped file. */
    public final MemorySegment file() {
        return file;
    }

    /** The current packet's interface. */
    public final CaptureInterface captureInterface() {
        return currentInterface;
    }

    /** The byte offset of the current packet's record header or block. */
    public final long recordOffset() {
        return recordOffset;
    }

    /** The current packet's timestamp in nanoseconds since the epoch. */
    public final long timestampNanos() {
        return timestampNanos;
    }

    /** The current packet's captured length. */
    public final int capturedLength() {
        return capturedLength;
    }

    /** The current packet's length on the wire. */
    public final long wireLength() {
        return wireLength;
    }

    /** The offset in {@link #file()} of the current packet's first byte. */
    public final long dataOffset() {
        return dataOffset;
    }

    /** The current packet's bytes, as a slice of the file (allocates the slice object, copies nothing). */
    public final MemorySegment data() {
        return file.asSlice(dataOffset, capturedLength);
    }

    /** The current packet as a record. */
    public final Packet packet() {
        return new Packet(currentInterface, recordOffset, timestampNanos, capturedLength, wireLength, data());
    }

    /** Sets the current packet, for {@link #advance()}. */
    final void deliver(CaptureInterface iface, long offset, long nanos, int caplen, long len, long dataAt) {
        currentInterface = iface;
        recordOffset = offset;
        timestampNanos = nanos;
        capturedLength = caplen;
        wireLength = len;
        dataOffset = dataAt;
    }
}
