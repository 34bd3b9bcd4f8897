package dev.jfilter.bench;

import dev.jfilter.runtime.testing.LargeExpressions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The expressions the compile benchmarks measure, by name: typical tcpdump filters, and two large generated ones
 * (1000 hosts, 1000 ports) on which libpcap's optimizer is slow. Names rather than expressions are the JMH
 * parameters, so they survive JMH's command line (which splits values at commas).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class BenchFilters {
    /** The seed of the generated filters: the same addresses and ports on every run. */
    public static final long SEED = LargeExpressions.SEED;

    /** The 1000-host filter's name. */
    public static final String HOSTS_1000 = "hosts-1000";
    /** The 1000-port filter's name. */
    public static final String PORTS_1000 = "ports-1000";

    private static final SequencedMap<String, String> TYPICAL = typical();

    private BenchFilters() {}

    private static SequencedMap<String, String> typical() {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        m.put("tcp-port", "tcp port 80");
        m.put("host-and-port", "host 10.0.0.1 and tcp port 443");
        m.put("not-port", "not port 22");
        m.put("ip6-udp", "ip6 and udp");
        m.put("vlan-host", "vlan and host 192.168.1.1");
        m.put("tcp-flags", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0");
        m.put("icmp-or-arp", "icmp or arp");
        m.put("portrange", "udp dst portrange 5000-6000");
        m.put("net", "src net 192.168.0.0/16 and not dst net 10.0.0.0/8");
        m.put("ether-host", "ether host 00:11:22:33:44:55");
        m.put("dns-or-web", "udp port 53 or (tcp and (port 80 or port 443 or port 8080))");
        m.put("ip-len", "ip and len > 1000 and ip[6:2] & 0x1fff = 0");
        return m;
    }

    /** The names of the typical filters, in order. */
    public static Set<String> typicalNames() {
        return TYPICAL.keySet();
    }

    /**
     * The filters the per-packet benchmark runs ({@link PacketBenchmark}): the typical ones and {@value #HOSTS_1000}
     * (a search over 1000 addresses, one of them in the packets now and then).
     */
    public static Set<String> packetNames() {
        Set<String> names = new LinkedHashSet<>(TYPICAL.keySet());
        names.add(HOSTS_1000);
        return names;
    }

    /** The expression of a named filter. */
    public static String expression(String name) {
        return switch (name) {
            case HOSTS_1000 -> hosts(1000);
            case PORTS_1000 -> ports(1000);
            default -> {
                String e = TYPICAL.get(name);
                if (e == null) {
                    throw new IllegalArgumentException("no benchmark filter named '" + name + "'; known: "
                            + TYPICAL.keySet() + ", " + HOSTS_1000 + ", " + PORTS_1000);
                }
                yield e;
            }
        };
    }

    /** Every filter, typical ones first, by name. */
    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>(TYPICAL);
        m.put(HOSTS_1000, expression(HOSTS_1000));
        m.put(PORTS_1000, expression(PORTS_1000));
        return m;
    }

    /** {@code host A or host B or ...} with {@code n} distinct random IPv4 addresses. */
    static String hosts(int n) {
        return LargeExpressions.hosts(n);
    }

    /** The {@code n} distinct IPv4 addresses of {@link #hosts}, as 32-bit values in the order the filter names them. */
    static List<Integer> hostAddresses(int n) {
        return LargeExpressions.hostAddresses(n);
    }

    /** {@code port A or port B or ...} with {@code n} distinct random ports from 1 to 65535. */
    static String ports(int n) {
        return LargeExpressions.ports(n);
    }

    /** A name and, for a long expression, its start and length: what the result table shows. */
    public static String describe(String name) {
        String e = expression(name);
        return e.length() <= 60 ? e : e.substring(0, 40) + "... (" + e.length() + " chars)";
    }
}
