package dev.jfilter.cli;

import dev.jfilter.runtime.capture.CaptureWriter;
import dev.jfilter.runtime.capture.Packet;
import java.io.IOException;

/**
 * The output capture of {@code jfilter filter} and {@code jfilter capture}, closed by a shutdown hook if the JVM stops before the command ends
 * (Ctrl-C, SIGTERM): the hook takes the same lock as a write, so it never cuts a record in half, flushes what is
 * buffered and closes the file, which is then a valid capture of the packets written so far. After that, writes
 * are dropped.
 */
final class GuardedWriter implements AutoCloseable {
    private final CaptureWriter writer;
    private final Thread hook;
    private boolean closed;

    GuardedWriter(CaptureWriter writer) {
        this.writer = writer;
        this.hook = new Thread(this::closeOnShutdown, "jfilter-close-output");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Writes {@code packet}, unless the shutdown hook has closed the file. */
    synchronized void write(Packet packet) throws IOException {
        if (!closed) {
            writer.write(packet);
        }
    }

    /** Writes a packet of the writer's link type, unless the shutdown hook has closed the file. */
    synchronized void write(long timestampNanos, java.lang.foreign.MemorySegment data, long wireLength)
            throws IOException {
        if (!closed) {
            writer.write(timestampNanos, data, wireLength);
        }
    }

    /** Writes what is buffered to the file, unless the shutdown hook has closed it. */
    synchronized void flush() throws IOException {
        if (!closed) {
            writer.flush();
        }
    }

    /** Flushes and closes the file, and withdraws the shutdown hook. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or has run: it closes the file.
        }
        closeNow();
    }

    private synchronized void closeNow() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    private void closeOnShutdown() {
        try {
            closeNow();
        } catch (IOException e) {
            System.err.println("jfilter: closing the output: " + e.getMessage());
        }
    }
}
