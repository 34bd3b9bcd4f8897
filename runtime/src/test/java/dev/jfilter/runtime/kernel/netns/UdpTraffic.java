package dev.jfilter.runtime.kernel.netns;

import java.time.Duration;
import java.util.List;

/**
 * UDP datagrams from the sender's namespace of a {@link NetnsPair} to the receiver's address, and how many of them
 * the receiver's IPv4 stack got. Sending uses bash's {@code /dev/udp/HOST/PORT} inside {@code ip netns exec} (one
 * datagram of one byte per redirection); counting reads the receiver namespace's {@code /proc/net/snmp}: every
 * datagram that reaches UDP is counted as {@code InDatagrams} (a socket took it), {@code NoPorts} (none listens,
 * the usual case here) or {@code InErrors}, and a datagram an XDP or tc program dropped is in none of them.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc.5.html">proc(5), /proc/net/snmp</a>
 */
public final class UdpTraffic {
    private static final Duration POLL = Duration.ofMillis(20);

    private final NetnsPair pair;

    public UdpTraffic(NetnsPair pair) {
        this.pair = pair;
    }

    /** Sends {@code count} one-byte datagrams to the receiver's {@code port}; fails with bash's output. */
    public void send(int port, int count) {
        String script = "for ((i = 0; i < " + count + "; i++)); do printf x > /dev/udp/"
                + NetnsPair.RECEIVER_ADDRESS + "/" + port + " || exit 1; done";
        pair.exec(pair.senderNamespace(), "bash", "-c", script).orThrow();
    }

    /** UDP datagrams the receiver's stack has received so far (delivered, to no port, or in error). */
    public long received() {
        String snmp = pair.exec(pair.receiverNamespace(), "cat", "/proc/net/snmp").orThrow().output();
        List<String> udp = snmp.lines().filter(line -> line.startsWith("Udp: ")).toList();
        if (udp.size() < 2) {
            throw new IllegalStateException("no Udp lines in /proc/net/snmp: " + snmp);
        }
        List<String> names = List.of(udp.get(0).substring(5).trim().split("\\s+"));
        List<String> values = List.of(udp.get(1).substring(5).trim().split("\\s+"));
        long total = 0;
        for (String counter : List.of("InDatagrams", "NoPorts", "InErrors")) {
            total += Long.parseLong(values.get(names.indexOf(counter)));
        }
        return total;
    }

    /**
     * Waits until the receiver has counted at least {@code atLeast} datagrams more than {@code before}, or
     * {@code timeout} passed, and returns how many more it counted.
     */
    public long awaitReceived(long before, long atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = received() - before;
        while (seen < atLeast && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = received() - before;
        }
        return seen;
    }
}
