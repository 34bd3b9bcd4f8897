package dev.jfilter.runtime.kernel.netns;

import java.time.Duration;
import java.util.List;

/**
 * UDP datagrams from the sender's namespace of a {@link NetnsPair} to the receiver's addresses, and how many of them
 * the receiver's IPv4 and IPv6 stacks got. Sending uses bash's {@code /dev/udp/HOST/PORT} inside
 * {@code ip netns exec} (one datagram per redirection), after writing the sender namespace's default TTL
 * ({@code net.ipv4.ip_default_ttl}) or its end's hop limit ({@code net.ipv6.conf.DEV.hop_limit}); counting reads the
 * receiver namespace's {@code /proc/net/snmp} and {@code /proc/net/snmp6}: every datagram that reaches UDP is
 * counted as {@code InDatagrams} (a socket took it), {@code NoPorts} (none listens, the usual case here) or
 * {@code InErrors} ({@code Udp6...} for IPv6), and a datagram an XDP or tc program dropped is in none of them.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc.5.html">proc(5), /proc/net/snmp</a>
 * @see <a href="https://docs.kernel.org/networking/ip-sysctl.html">ip-sysctl: ip_default_ttl, hop_limit</a>
 */
public final class UdpTraffic {
    private static final Duration POLL = Duration.ofMillis(20);

    private final NetnsPair pair;

    public UdpTraffic(NetnsPair pair) {
        this.pair = pair;
    }

    /** Sends {@code count} one-byte IPv4 datagrams to the receiver's {@code port}; fails with bash's output. */
    public void send(int port, int count) {
        send(Datagram.ipv4(port), count);
    }

    /** Sends {@code count} copies of {@code datagram}; fails with bash's output. */
    public void send(Datagram datagram, int count) {
        String hopLimitFile = switch (datagram.version()) {
            case IPV4 -> "/proc/sys/net/ipv4/ip_default_ttl";
            case IPV6 -> "/proc/sys/net/ipv6/conf/" + pair.senderDevice() + "/hop_limit";
        };
        String script = "echo " + datagram.hopLimit() + " > " + hopLimitFile + " || exit 1; "
                + "for ((i = 0; i < " + count + "; i++)); do printf " + datagram.payload() + " > /dev/udp/"
                + datagram.destination() + "/" + datagram.port() + " || exit 1; done";
        pair.exec(pair.senderNamespace(), "bash", "-c", script).orThrow();
    }

    /** UDP datagrams the receiver's IPv4 and IPv6 stacks have received so far (delivered, to no port, in error). */
    public long received() {
        return receivedIpv4() + receivedIpv6();
    }

    private long receivedIpv6() {
        String snmp6 = pair.exec(pair.receiverNamespace(), "cat", "/proc/net/snmp6").orThrow().output();
        long total = 0;
        int found = 0;
        for (String line : snmp6.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && List.of("Udp6InDatagrams", "Udp6NoPorts", "Udp6InErrors").contains(fields[0])) {
                total += Long.parseLong(fields[1]);
                found++;
            }
        }
        if (found != 3) {
            throw new IllegalStateException("no Udp6 counters in /proc/net/snmp6: " + snmp6);
        }
        return total;
    }

    private long receivedIpv4() {
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
