package dev.jfilter.runtime.testing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Large generated filter expressions, the same on every run (fixed seed): {@code host A or host B or ...} and
 * {@code port A or port B or ...}, the filters on which libpcap's optimizer is slow and jfilter's JIT cuts its method
 * into pieces. The JIT's tests and the benchmarks use the same ones.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class LargeExpressions {
    /** The seed of the generated addresses and ports. */
    public static final long SEED = 20260101L;

    private LargeExpressions() {}

    /** The {@code n} distinct IPv4 addresses of {@link #hosts}, as 32-bit values in the order the filter names them. */
    public static List<Integer> hostAddresses(int n) {
        Random r = new Random(SEED);
        Set<Integer> addresses = new LinkedHashSet<>();
        while (addresses.size() < n) {
            addresses.add(r.nextInt());
        }
        return List.copyOf(addresses);
    }

    /** {@code host A or host B or ...} with {@code n} distinct random IPv4 addresses. */
    public static String hosts(int n) {
        return hostAddresses(n).stream()
                .map(a -> "host " + (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "."
                        + (a & 0xff))
                .collect(Collectors.joining(" or "));
    }

    /** {@code port A or port B or ...} with {@code n} distinct random ports from 1 to 65535. */
    public static String ports(int n) {
        Random r = new Random(SEED);
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < n) {
            ports.add(1 + r.nextInt(65535));
        }
        return ports.stream().map(p -> "port " + p).collect(Collectors.joining(" or "));
    }
}
