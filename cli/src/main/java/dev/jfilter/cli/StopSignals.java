package dev.jfilter.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM stop a live capture instead of the JVM, as tcpdump's {@code cleanup} handler does: the
 * capture loop returns, the file is closed and the counts printed, and the command exits 0. The handlers before are
 * put back on {@link #close()}. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to
 * handle a signal without shutting down; where it is missing, the default handling stays, and the output file is
 * still closed by {@link GuardedWriter}'s shutdown hook.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/signal.7.html">signal(7)</a>
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {}

    /** Makes SIGINT and SIGTERM call {@code stop} (on a thread of the JVM's) until closed. */
    static StopSignals install(Runnable stop) {
        StopSignals installed = new StopSignals();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, s -> stop.run());
                installed.signals.add(signal);
                installed.previous.add(before);
            } catch (IllegalArgumentException | LinkageError unavailable) {
                // The JVM keeps this signal (-Xrs, or no sun.misc): it ends the process as before.
            }
        }
        return installed;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
