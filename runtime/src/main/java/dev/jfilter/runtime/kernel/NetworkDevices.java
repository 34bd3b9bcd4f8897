package dev.jfilter.runtime.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The network interfaces of the calling thread's network namespace, with the facts {@code tcpdump -D} shows: asked
 * of the kernel through a socket ({@code if_nameindex}, {@code ioctl(SIOCGIFFLAGS)}, {@code SIOCGIFHWADDR} and
 * {@code SIOCETHTOOL}), not read from {@code /sys}, whose view belongs to the namespace it was mounted in.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/netdevice.7.html">netdevice(7)</a>
 * @see <a href="https://man7.org/linux/man-pages/man3/if_nameindex.3.html">if_nameindex(3)</a>
 */
public final class NetworkDevices {
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GLINK = 0xa;
    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_RUNNING = 0x40;
    /** {@code struct ifreq}: the name in 16 bytes, then a 24-byte union. */
    private static final int IFREQ_BYTES = 40;
    private static final int IFNAMSIZ = 16;
    private static final int EINVAL = 22;
    private static final int EOPNOTSUPP = 95;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;

    private NetworkDevices() {}

    /**
     * Every interface and {@link NetworkDevice#ANY}, in libpcap's order: running and up ones first, then disconnected
     * ones, {@code any} after the others of its kind and loopback after it; otherwise in the kernel's order.
     */
    public static KernelResult<List<NetworkDevice>> list() {
        Optional<String> unavailable = PacketCalls.unavailableReason();
        if (unavailable.isPresent()) {
            return new KernelResult.Failed<>(KernelError.without("if_nameindex", unavailable.get()));
        }
        return switch (PacketCalls.ifNameIndex()) {
            case KernelResult.Failed<List<PacketCalls.NameIndex>> failed -> new KernelResult.Failed<>(failed.error());
            case KernelResult.Ok<List<PacketCalls.NameIndex>> ok -> withSocket(fd -> {
                List<NetworkDevice> devices = new ArrayList<>();
                for (PacketCalls.NameIndex entry : ok.value()) {
                    // An interface that went away meanwhile is left out.
                    if (describe(fd, entry.name(), entry.index()) instanceof KernelResult.Ok<NetworkDevice> d) {
                        devices.add(d.value());
                    }
                }
                devices.add(NetworkDevice.ANY);
                devices.sort(Comparator.comparingInt(NetworkDevices::figureOfMerit));
                return new KernelResult.Ok<>(List.copyOf(devices));
            });
        };
    }

    /**
     * The interface named {@code name} ({@link NetworkDevice#ANY} for {@code any}); the error names it when there is
     * none ({@code ENODEV}).
     */
    public static KernelResult<NetworkDevice> find(String name) {
        if (name.equals(NetworkDevice.ANY.name())) {
            return new KernelResult.Ok<>(NetworkDevice.ANY);
        }
        Optional<String> unavailable = PacketCalls.unavailableReason();
        if (unavailable.isPresent()) {
            return new KernelResult.Failed<>(KernelError.without("if_nametoindex", unavailable.get()));
        }
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ || name.contains("/")) {
            return new KernelResult.Failed<>(KernelError.without("if_nametoindex",
                    "'" + name + "' is not an interface name (at most 15 bytes, no '/')"));
        }
        Libc.Outcome index = PacketCalls.ifNameToIndex(name);
        if (index.failed()) {
            return new KernelResult.Failed<>(KernelError.of("if_nametoindex(" + name + ")",
                    Libc.describe(index.errno())));
        }
        return withSocket(fd -> describe(fd, name, index.value()));
    }

    private interface WithSocket<T> {
        KernelResult<T> apply(int fd);
    }

    private static <T> KernelResult<T> withSocket(WithSocket<T> body) {
        Libc.Outcome socket = Libc.socket(AF_INET, SOCK_DGRAM, 0);
        if (socket.failed()) {
            return new KernelResult.Failed<>(KernelError.of("socket(AF_INET, SOCK_DGRAM)",
                    Libc.describe(socket.errno())));
        }
        try {
            return body.apply(socket.value());
        } finally {
            Libc.close(socket.value());
        }
    }

    /** The facts of one interface, through an ioctl socket {@code fd}. */
    static KernelResult<NetworkDevice> describe(int fd, String name, int index) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = request(arena, name);
            Libc.Outcome flagsCall = PacketCalls.ioctl(fd, SIOCGIFFLAGS, request);
            if (flagsCall.failed()) {
                return new KernelResult.Failed<>(KernelError.of("ioctl(" + name + ", SIOCGIFFLAGS)",
                        Libc.describe(flagsCall.errno())));
            }
            int flags = Short.toUnsignedInt(request.get(JAVA_SHORT, IFNAMSIZ));
            request = request(arena, name);
            Libc.Outcome hardwareCall = PacketCalls.ioctl(fd, SIOCGIFHWADDR, request);
            if (hardwareCall.failed()) {
                return new KernelResult.Failed<>(KernelError.of("ioctl(" + name + ", SIOCGIFHWADDR)",
                        Libc.describe(hardwareCall.errno())));
            }
            int hardwareType = Short.toUnsignedInt(request.get(JAVA_SHORT, IFNAMSIZ));
            boolean loopback = (flags & IFF_LOOPBACK) != 0;
            ConnectionStatus connection = loopback || hardwareType == NetworkDevice.ARPHRD_LOOPBACK
                    ? ConnectionStatus.NOT_APPLICABLE
                    : link(fd, arena, name);
            return new KernelResult.Ok<>(new NetworkDevice(name, index, hardwareType, (flags & IFF_UP) != 0,
                    (flags & IFF_RUNNING) != 0, loopback, connection));
        }
    }

    /** {@code ETHTOOL_GLINK}, read as libpcap's {@code get_if_flags} reads it. */
    private static ConnectionStatus link(int fd, Arena arena, String name) {
        MemorySegment request = request(arena, name);
        // struct ethtool_value { __u32 cmd; __u32 data; }, pointed to by ifr_data.
        MemorySegment value = arena.allocate(8, 8);
        value.set(JAVA_INT, 0, ETHTOOL_GLINK);
        request.set(JAVA_LONG, IFNAMSIZ, value.address());
        Libc.Outcome call = PacketCalls.ioctl(fd, SIOCETHTOOL, request);
        if (call.failed()) {
            return call.errno() == EOPNOTSUPP || call.errno() == EINVAL
                    ? ConnectionStatus.NOT_APPLICABLE
                    : ConnectionStatus.UNKNOWN;
        }
        return value.get(JAVA_INT, 4) != 0 ? ConnectionStatus.CONNECTED : ConnectionStatus.DISCONNECTED;
    }

    /** A {@code struct ifreq} naming the interface, the rest zero. */
    static MemorySegment request(Arena arena, String name) {
        MemorySegment request = arena.allocate(IFREQ_BYTES, 8);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(bytes, 0, request, java.lang.foreign.ValueLayout.JAVA_BYTE, 0,
                Math.min(bytes.length, IFNAMSIZ - 1));
        return request;
    }

    /** libpcap's {@code get_figure_of_merit}: lower sorts first. */
    private static int figureOfMerit(NetworkDevice device) {
        int merit = 0;
        if (!device.running()) {
            merit |= 0x10;
        }
        if (!device.up()) {
            merit |= 0x8;
        }
        if (device.connection() == ConnectionStatus.DISCONNECTED) {
            merit |= 0x4;
        }
        if (device.loopback()) {
            merit |= 0x2;
        }
        if (device.isAny()) {
            merit |= 0x1;
        }
        return merit;
    }
}
