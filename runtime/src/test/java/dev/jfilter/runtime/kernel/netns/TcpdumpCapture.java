package dev.jfilter.runtime.kernel.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump writing a pcap file in the background, inside a namespace ({@code ip netns exec NS tcpdump -i DEV -U -w
 * FILE}), as the reference capture next to the one under test. {@link #start} returns once tcpdump says it is
 * listening; {@link #stop} ends it with SIGINT (it then writes its counts and closes the file).
 * {@code ip netns exec} execs tcpdump in place, so the process started is tcpdump itself.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1)</a>
 */
public final class TcpdumpCapture implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STOP = Duration.ofSeconds(10);

    private final Process process;
    private final Path file;
    private final Path log;

    private TcpdumpCapture(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /** Why this cannot run here, or empty: it needs what {@link NetnsPair} needs, and tcpdump. */
    public static Optional<String> unavailableReason() {
        return NetnsPair.unavailableReason()
                .or(() -> Command.find("tcpdump").isEmpty() ? Optional.of("tcpdump is not installed")
                        : Optional.empty());
    }

    /**
     * Starts tcpdump on {@code device} in {@code namespace}, writing {@code file} packet by packet ({@code -U},
     * both directions, promiscuous, full frames); {@code options} are more of tcpdump's options ({@code "-Q", "in"})
     * and may end with a filter expression. Waits up to {@code timeout} for "listening on"; fails with tcpdump's
     * output otherwise. Its output goes to {@code FILE.log}.
     */
    public static TcpdumpCapture start(String namespace, String device, Path file, Duration timeout,
            String... options) {
        Path log = file.resolveSibling(file.getFileName() + ".log");
        List<String> argv = new ArrayList<>(List.of(Command.find("ip").orElseThrow(), "netns", "exec", namespace,
                Command.find("tcpdump").orElseThrow(), "-i", device, "-U", "-n"));
        argv.addAll(List.of("-w", file.toString()));
        argv.addAll(List.of(options));
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
        TcpdumpCapture capture = new TcpdumpCapture(process, file, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!capture.output().contains("listening on")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                capture.close();
                throw new IllegalStateException(String.join(" ", argv) + " did not start listening within "
                        + timeout + ": " + capture.output());
            }
            pause();
        }
        return capture;
    }

    /** The pcap file tcpdump writes. */
    public Path file() {
        return file;
    }

    /** What tcpdump printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * Waits until the file has at least {@code bytes} bytes (with {@code -U}, each packet is written whole as it
     * comes) or {@code timeout} passed; returns the size reached.
     */
    public long awaitFileSize(long bytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long size = size();
        while (size < bytes && System.nanoTime() < deadline) {
            pause();
            size = size();
        }
        return size;
    }

    /** The size of a pcap file (24-byte header, 16 bytes per record) holding {@code frames} whole. */
    public static long pcapSize(List<byte[]> frames) {
        return 24 + frames.stream().mapToLong(f -> 16 + f.length).sum();
    }

    /** Sends SIGINT and waits for tcpdump to exit (killing it after 10 s); returns its output. */
    public String stop() {
        if (process.isAlive()) {
            Command.run("kill", "-INT", Long.toString(process.pid()));
            try {
                if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        return output();
    }

    /** Stops tcpdump if it still runs. */
    @Override
    public void close() {
        stop();
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for tcpdump", e);
        }
    }
}
