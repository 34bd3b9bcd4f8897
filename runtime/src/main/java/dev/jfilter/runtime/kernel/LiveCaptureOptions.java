package dev.jfilter.runtime.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * How to open a {@link LiveCapture}.
 *
 * @param device       the interface name
 * @param snaplen      the most bytes kept of a packet; the filter's accepting return value should be the same
 * @param promiscuous  whether to put the interface in promiscuous mode while the capture is open (tcpdump's default;
 *                     {@code -p} turns it off)
 * @param direction    which packets to keep by direction
 * @param bufferBytes  the size of the kernel's receive ring (tcpdump's {@code -B}, in bytes here); libpcap's default
 *                     is 2 MiB
 * @param blockTimeout the longest a received packet waits in a partly filled block before it is handed over
 * @param filter       the program the kernel runs on each packet
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -i, -s, -p, -Q, -B</a>
 */
public record LiveCaptureOptions(String device, int snaplen, boolean promiscuous, Direction direction,
        int bufferBytes, Duration blockTimeout, KernelFilter filter) {
    /** libpcap's default buffer size. */
    public static final int DEFAULT_BUFFER_BYTES = 2 << 20;
    /** Short enough that printed packets appear at once to the eye, long enough not to matter under load. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(100);

    public LiveCaptureOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        Objects.requireNonNull(filter, "filter");
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snapshot length " + snaplen + " is not positive");
        }
        if (bufferBytes <= 0) {
            throw new IllegalArgumentException("buffer size " + bufferBytes + " is not positive");
        }
        if (blockTimeout.isNegative() || blockTimeout.isZero() || blockTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block timeout " + blockTimeout + " is out of range");
        }
    }

    /** Promiscuous, both directions, the default buffer and block timeout. */
    public static LiveCaptureOptions of(String device, int snaplen, KernelFilter filter) {
        return new LiveCaptureOptions(device, snaplen, true, Direction.INOUT, DEFAULT_BUFFER_BYTES,
                DEFAULT_BLOCK_TIMEOUT, filter);
    }

    public LiveCaptureOptions withPromiscuous(boolean value) {
        return new LiveCaptureOptions(device, snaplen, value, direction, bufferBytes, blockTimeout, filter);
    }

    public LiveCaptureOptions withDirection(Direction value) {
        return new LiveCaptureOptions(device, snaplen, promiscuous, value, bufferBytes, blockTimeout, filter);
    }

    public LiveCaptureOptions withBufferBytes(int value) {
        return new LiveCaptureOptions(device, snaplen, promiscuous, direction, value, blockTimeout, filter);
    }
}
