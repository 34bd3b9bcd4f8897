package dev.jfilter.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The output buffer hands full buffers to a writer thread: the channel receives every byte in order, {@link
 * OutputBuffer#flush()} returns only once everything is written, and an error the writer thread meets reaches the
 * caller.
 */
class OutputBufferTest {

    /** A channel that keeps what it receives, and fails once it has received {@code failAfter} bytes. */
    private static final class Recording implements WritableByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final long failAfter;
        private boolean open = true;

        Recording(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public synchronized int write(ByteBuffer src) throws IOException {
            if (received.size() >= failAfter) {
                throw new IOException("disk full");
            }
            // A short write now and then, as a pipe gives them.
            int n = Math.min(src.remaining(), 1 + src.remaining() / 2 + 777);
            byte[] chunk = new byte[n];
            src.get(chunk);
            received.write(chunk, 0, n);
            return n;
        }

        synchronized int size() {
            return received.size();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    @Test
    void manyBuffersArriveInOrderAndFlushWaitsForThem() throws IOException {
        Recording channel = new Recording(Long.MAX_VALUE);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(7);
        OutputBuffer out = new OutputBuffer(channel);
        for (int i = 0; i < 20_000; i++) {
            byte[] record = new byte[random.nextInt(1, 1600)];
            random.nextBytes(record);
            out.u32(record.length);
            out.bytes(MemorySegment.ofArray(record), record.length);
            expected.write(new byte[] {(byte) record.length, (byte) (record.length >> 8), 0, 0});
            expected.write(record);
            if (i == 12_345) {
                out.flush();
                assertThat(channel.size()).as("everything written when flush returns").isEqualTo(expected.size());
            }
        }
        byte[] huge = new byte[3 << 20];
        random.nextBytes(huge);
        out.bytes(huge);
        expected.write(huge);
        out.close();
        assertThat(expected.size()).isGreaterThan(10 << 20);
        assertThat(channel.received.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anErrorOfTheWriterThreadReachesTheCaller() {
        Recording channel = new Recording(5 << 20);
        OutputBuffer out = new OutputBuffer(channel);
        byte[] record = new byte[1000];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                out.bytes(record);
            }
            out.flush();
        }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
        assertThatThrownBy(out::close).isInstanceOf(IOException.class);
        assertThat(channel.isOpen()).isFalse();
    }
}
