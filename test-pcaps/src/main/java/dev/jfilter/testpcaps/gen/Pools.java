package dev.jfilter.testpcaps.gen;

import java.util.List;
import java.util.Random;

/**
 * The small pools addresses and ports are drawn from, with a seeded {@link Random}. Small pools make typical
 * expressions ({@code host 10.0.0.1}, {@code net 192.168.1.0/24}, {@code port 53}) match some packets and not
 * others; the occasional fully random value covers the rest of the space.
 */
public final class Pools {
    /** Unicast IPv4 hosts; the corpus names these. */
    public static final List<String> IPV4_UNICAST = List.of(
            "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.1.2.3", "10.255.255.254",
            "192.168.1.1", "192.168.1.2", "192.168.1.100", "192.168.2.7", "192.168.0.1",
            "172.16.0.1", "172.16.5.4", "172.31.255.1", "172.32.0.1",
            "8.8.8.8", "1.1.1.1", "127.0.0.1", "169.254.1.1", "100.64.0.1", "203.0.113.9");
    /** IPv4 multicast groups (224.0.0.0/4). */
    public static final List<String> IPV4_MULTICAST = List.of(
            "224.0.0.1", "224.0.0.2", "224.0.0.5", "224.0.0.13", "224.0.0.18", "224.0.0.22", "224.0.0.251",
            "239.255.255.250", "232.1.1.1");
    /** IPv4 broadcast-ish destinations. */
    public static final List<String> IPV4_BROADCAST = List.of("255.255.255.255", "192.168.1.255", "10.255.255.255",
            "0.0.0.0");
    /** Unicast IPv6 hosts. */
    public static final List<String> IPV6_UNICAST = List.of(
            "fe80::1", "fe80::2", "fe80::200:5eff:fe00:101", "2001:db8::1", "2001:db8::2", "2001:db8:1::10",
            "2001:db8:ffff::1", "2001:db9::1", "::1", "fd00::1", "2a00:1450:4001::200e", "::ffff:10.0.0.1");
    /** IPv6 multicast groups (ff00::/8). */
    public static final List<String> IPV6_MULTICAST = List.of(
            "ff02::1", "ff02::2", "ff02::5", "ff02::d", "ff02::16", "ff02::1:ff00:1", "ff05::2", "ff0e::101");
    /** Unicast MAC addresses. */
    public static final List<String> MAC_UNICAST = List.of(
            "00:11:22:33:44:55", "00:11:22:33:44:66", "02:00:00:00:00:01", "52:54:00:12:34:56",
            "00:00:0c:07:ac:01", "aa:00:04:00:0a:04", "08:00:27:ab:cd:ef", "00:00:00:00:00:00");
    /** Well-known ports, mostly low, plus the 1023/1024 and 65535 edges. */
    private static final int[] PORTS = {20, 21, 22, 23, 24, 25, 53, 67, 68, 80, 123, 443, 1023, 1024, 8080, 65535,
            0, 1, 161, 514, 5353, 5060};

    private final Random random;

    /** Pools drawing from {@code random}. */
    public Pools(Random random) {
        this.random = random;
    }

    /** The random source (for choices the pools do not cover). */
    public Random random() {
        return random;
    }

    /** An element of {@code list}. */
    public <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** An integer in {@code [from, to]}. */
    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    /** {@code n} random bytes. */
    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A unicast IPv4 address: from the pool, or 1 time in 8 from 192.168.1.x or 172.16.x.x or anywhere. */
    public byte[] ipv4() {
        return switch (random.nextInt(16)) {
            case 0 -> new byte[] {(byte) 192, (byte) 168, 1, (byte) between(1, 254)};
            case 1 -> new byte[] {(byte) 172, 16, (byte) between(0, 255), (byte) between(1, 254)};
            case 15 -> bytes(4);
            default -> Addr.v4(pick(IPV4_UNICAST));
        };
    }

    /** A multicast IPv4 group. */
    public byte[] ipv4Multicast() {
        return Addr.v4(pick(IPV4_MULTICAST));
    }

    /** A unicast IPv6 address: from the pool, or from fe80::/64 or 2001:db8::/32 with a random tail. */
    public byte[] ipv6() {
        return switch (random.nextInt(10)) {
            case 0 -> withTail(Addr.v6("fe80::"), 8);
            case 1 -> withTail(Addr.v6("2001:db8::"), 12);
            case 9 -> bytes(16);
            default -> Addr.v6(pick(IPV6_UNICAST));
        };
    }

    /** A multicast IPv6 group. */
    public byte[] ipv6Multicast() {
        return Addr.v6(pick(IPV6_MULTICAST));
    }

    /** A unicast MAC from the pool. */
    public byte[] mac() {
        return Addr.mac(pick(MAC_UNICAST));
    }

    /** A port: from the pool, or 1 time in 4 an ephemeral one. */
    public int port() {
        return random.nextInt(4) == 0 ? between(32768, 60999) : PORTS[random.nextInt(PORTS.length)];
    }

    private byte[] withTail(byte[] prefix, int tailLength) {
        byte[] tail = bytes(tailLength);
        System.arraycopy(tail, 0, prefix, 16 - tailLength, tailLength);
        return prefix;
    }
}
