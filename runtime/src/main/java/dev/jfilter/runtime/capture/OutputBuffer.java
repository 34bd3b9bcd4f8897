package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A little-endian write buffer in front of a file or another channel (standard output), shared by the writers. A
 * full buffer goes to a writer thread of its own, which makes the system calls while the caller fills the next one:
 * copying into the page cache takes as long as filtering a capture when half of it is written out, and the two
 * overlap on two processors. {@link #flush()} and {@link #close()} wait until everything handed over is written, and
 * report the first error the writer thread met.
 */
final class OutputBuffer implements AutoCloseable {
    private static final int CAPACITY = 1 << 20;
    /** Buffers in all: the one being filled and those waiting for the writer thread or free. */
    private static final int BUFFERS = 3;

    private final WritableByteChannel channel;
    private byte[] buffer = new byte[CAPACITY];
    private MemorySegment segment = MemorySegment.ofArray(buffer);
    private int length;
    private boolean closed;
    /** Started at the first full buffer, so that a small output needs no thread. */
    private Drain drain;

    OutputBuffer(Path path) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** A buffer writing to {@code channel}, which {@link #close()} closes. */
    OutputBuffer(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Makes room for {@code n} more bytes, handing the buffer over if needed; false if {@code n} can never fit. */
    private boolean reserve(int n) throws IOException {
        if (closed) {
            throw new IOException("writer is closed");
        }
        if (CAPACITY - length < n) {
            handOver();
        }
        return n <= CAPACITY;
    }

    /** Hands the buffer over, so that a record that fits goes out whole, unless {@code n} more bytes fit. */
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

    /** Gives the filled buffer to the writer thread and goes on with a free one. */
    private void handOver() throws IOException {
        if (length == 0) {
            return;
        }
        if (drain == null) {
            drain = new Drain(channel);
        }
        buffer = drain.exchange(buffer, length);
        segment = MemorySegment.ofArray(buffer);
        length = 0;
    }

    /** Writes everything so far to the channel before returning. */
    void flush() throws IOException {
        if (drain != null) {
            handOver();
            drain.awaitWritten();
        } else {
            write(channel, buffer, length);
            length = 0;
        }
    }

    private static void write(WritableByteChannel channel, byte[] data, int length) throws IOException {
        ByteBuffer pending = ByteBuffer.wrap(data, 0, length);
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
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
            if (drain != null) {
                drain.stop();
            }
            channel.close();
        }
    }

    /** The writer thread: writes the buffers handed to it, in order, and hands them back empty. */
    private static final class Drain {
        private record Filled(byte[] data, int length) {}

        private static final Filled STOP = new Filled(new byte[0], 0);

        private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BUFFERS);
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        private final WritableByteChannel channel;
        private volatile IOException failure;

        Drain(WritableByteChannel channel) {
            this.channel = channel;
            for (int i = 1; i < BUFFERS; i++) {
                free.add(new byte[CAPACITY]);
            }
            Thread.ofPlatform().daemon().name("jfilter-output").start(this::run);
        }

        private void run() {
            while (true) {
                Filled next = take(filled);
                if (next == STOP) {
                    return;
                }
                if (failure == null) {
                    try {
                        write(channel, next.data(), next.length());
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                free.add(next.data());
            }
        }

        /** Queues {@code data} for writing and returns a free buffer, waiting for one if all are queued. */
        byte[] exchange(byte[] data, int length) throws IOException {
            checkFailure();
            put(new Filled(data, length));
            return take(free);
        }

        /** Waits until every buffer handed over has been written. */
        void awaitWritten() throws IOException {
            // Every buffer comes back to the free queue once written: wait until all but the one held are there.
            List<byte[]> taken = new ArrayList<>();
            while (taken.size() < BUFFERS - 1) {
                taken.add(take(free));
            }
            free.addAll(taken);
            checkFailure();
        }

        void stop() {
            put(STOP);
        }

        private void checkFailure() throws IOException {
            IOException e = failure;
            if (e != null) {
                throw new IOException(e.getMessage(), e);
            }
        }

        private void put(Filled f) {
            boolean interrupted = false;
            while (true) {
                try {
                    filled.put(f);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static <T> T take(BlockingQueue<T> queue) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return queue.take();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
