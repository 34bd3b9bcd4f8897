package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A little-endian write buffer in front of a file or another channel (standard output), shared by the writers. */
final class OutputBuffer implements AutoCloseable {
    private static final int CAPACITY = 1 << 16;

    private final WritableByteChannel channel;
    private final byte[] buffer = new byte[CAPACITY];
    private final MemorySegment segment = MemorySegment.ofArray(buffer);
    private int length;
    private boolean closed;

    OutputBuffer(Path path) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** A buffer writing to {@code channel}, which {@link #close()} closes. */
    OutputBuffer(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Makes room for {@code n} more bytes, flushing if needed; false if {@code n} can never fit. */
    private boolean reserve(int n) throws IOException {
        if (closed) {
            throw new IOException("writer is closed");
        }
        if (CAPACITY - length < n) {
            flush();
        }
        return n <= CAPACITY;
    }

    /** Flushes first unless {@code n} more bytes fit, so that a record that fits goes out whole. */
    void ensure(long n) throws IOException {
        reserve((int) Math.min(n, Integer.MAX_VALUE));
    }

    void u8(int value) throws IOException {
        reserve(1);
        buffer[length++] = (byte) value;
    }

    void u16(int value) throws IOException {
        reserve(2);
        segment.set(Bytes.LE_SHORT, length, (short) value);
        length += 2;
    }

    void u32(long value) throws IOException {
        reserve(4);
        segment.set(Bytes.LE_INT, length, (int) value);
        length += 4;
    }

    void u64(long value) throws IOException {
        reserve(8);
        segment.set(Bytes.LE_LONG, length, value);
        length += 8;
    }

    void zeros(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            u8(0);
        }
    }

    void bytes(MemorySegment data, long count) throws IOException {
        if (reserve((int) Math.min(count, Integer.MAX_VALUE))) {
            MemorySegment.copy(data, 0, segment, length, count);
            length += (int) count;
            return;
        }
        flush();
        ByteBuffer direct = data.asSlice(0, count).asByteBuffer();
        while (direct.hasRemaining()) {
            channel.write(direct);
        }
    }

    void bytes(byte[] data) throws IOException {
        bytes(MemorySegment.ofArray(data), data.length);
    }

    void flush() throws IOException {
        ByteBuffer pending = ByteBuffer.wrap(buffer, 0, length);
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
        length = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            channel.close();
        }
    }
}
