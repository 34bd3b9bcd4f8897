package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Writes a capture file. The file header is on disk as soon as the writer exists, so the file is valid (if empty)
 * from the start; packets are buffered and flushed by {@link #flush()} and {@link #close()}.
 */
public sealed interface CaptureWriter extends AutoCloseable permits PcapWriter, PcapngWriter {

    /** Writes a packet read from a capture file, with its timestamp, wire length and bytes. */
    void write(Packet packet) throws IOException;

    /** Writes a packet of the writer's link type. Bytes beyond the snapshot length are not written. */
    void write(long timestampNanos, MemorySegment data, long wireLength) throws IOException;

    /** Writes a packet of the writer's link type. Bytes beyond the snapshot length are not written. */
    default void write(long timestampNanos, byte[] data, long wireLength) throws IOException {
        write(timestampNanos, MemorySegment.ofArray(data), wireLength);
    }

    /** Writes a packet of the writer's link type whose wire length is its length. */
    default void write(long timestampNanos, byte[] data) throws IOException {
        write(timestampNanos, data, data.length);
    }

    /** Writes the buffered packets to the file. */
    void flush() throws IOException;

    /** Flushes and closes the file. */
    @Override
    void close() throws IOException;
}
