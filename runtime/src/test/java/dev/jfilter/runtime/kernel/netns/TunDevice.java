package dev.jfilter.runtime.kernel.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A tun device ({@code ARPHRD_NONE}: no link-layer header, packets start with the IP header) made in the calling
 * thread's network namespace and attached to this process: an IP packet {@link #inject injected} arrives on the
 * device as if received. The device goes away with {@link #close()}.
 *
 * @see <a href="https://docs.kernel.org/networking/tuntap.html">Universal TUN/TAP device driver</a>
 */
public final class TunDevice implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    /** {@code _IOW('T', 202, int)}. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;

    private final String name;
    private int fd;

    private TunDevice(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Creates the device {@code name} (down; bring it up with {@code ip link set}). */
    public static TunDevice create(String name) {
        int fd = NetLibc.open("/dev/net/tun", O_RDWR | O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            // struct ifreq: the name in 16 bytes, then ifr_flags.
            MemorySegment request = arena.allocate(40, 8);
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(bytes, 0, request, ValueLayout.JAVA_BYTE, 0, bytes.length);
            request.set(ValueLayout.JAVA_SHORT, 16, (short) (IFF_TUN | IFF_NO_PI));
            NetLibc.ioctl(fd, TUNSETIFF, request, "TUNSETIFF " + name);
        } catch (RuntimeException e) {
            NetLibc.close(fd);
            throw e;
        }
        return new TunDevice(name, fd);
    }

    public String name() {
        return name;
    }

    /** Hands {@code packet} (an IPv4 or IPv6 packet) to the kernel as received on the device. */
    public void inject(byte[] packet) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(packet.length);
            MemorySegment.copy(packet, 0, data, ValueLayout.JAVA_BYTE, 0, packet.length);
            NetLibc.write(fd, data);
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            NetLibc.close(fd);
            fd = -1;
        }
    }
}
