package dev.jfilter.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * The progress line of {@code jfilter filter} on standard error: shown only when the console is a terminal and the
 * input is large, redrawn at most twice a second, and erased at the end.
 */
final class Progress {
    /** Inputs smaller than this are read too fast for a progress line to help. */
    static final long LARGE_INPUT = 64L << 20;
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private long lastDraw;
    private int width;

    private Progress(PrintWriter err, long total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
        this.lastDraw = System.nanoTime();
    }

    /** A progress line for {@code total} bytes of input, shown if standard error is a terminal and the input large. */
    static Progress forInput(PrintWriter err, long total) {
        Console console = System.console();
        return new Progress(err, total, console != null && console.isTerminal() && total >= LARGE_INPUT);
    }

    /** Redraws the line if it is time: {@code done} bytes of the input read, and the counts so far. */
    void update(long done, long packets, long matches) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        String line = String.format("jfilter: %3d%% of %d MB read, %,d packets, %,d matched",
                total == 0 ? 100 : done * 100 / total, total >> 20, packets, matches);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Erases the line, if one was drawn. */
    void finish() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
