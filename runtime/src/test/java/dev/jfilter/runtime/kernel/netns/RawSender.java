package dev.jfilter.runtime.kernel.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;

/**
 * Sends whole Ethernet frames, exactly as given, out of one interface: a {@code socket(AF_PACKET, SOCK_RAW, 0)}
 * (protocol 0, so it receives nothing) and {@code sendto} with a {@code struct sockaddr_ll} naming the interface.
 * The socket belongs to the network namespace of the thread that {@link #open}s it; open it through
 * {@link InNamespace} to send on a {@link NetnsPair}'s end, then use it from any thread. Not thread-safe.
 *
 * <p>A frame leaves through the interface's egress path (a tc egress program sees it, the interface's other
 * packet sockets see it as outgoing); on a veth, the peer receives it as if it came off a wire.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7)</a>
 */
public final class RawSender implements AutoCloseable {
    /** {@code sizeof(struct sockaddr_ll)}. */
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final ValueLayout.OfShort NETWORK_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final String device;
    private final int interfaceIndex;
    private int fd;

    private RawSender(String device, int interfaceIndex, int fd) {
        this.device = device;
        this.interfaceIndex = interfaceIndex;
        this.fd = fd;
    }

    /**
     * A sender on {@code device} of the calling thread's network namespace; an {@link IllegalStateException}
     * naming the failed call and its errno when there is no such device or no permission ({@code CAP_NET_RAW}).
     */
    public static RawSender open(String device) {
        int index = interfaceIndex(device).orElseThrow(
                () -> new IllegalStateException("if_nametoindex(" + device + "): no such device in this namespace"));
        int fd = NetLibc.socket(NetLibc.AF_PACKET, NetLibc.SOCK_RAW | NetLibc.SOCK_CLOEXEC, 0);
        return new RawSender(device, index, fd);
    }

    /** The index of {@code device} in the calling thread's network namespace, empty when it has none. */
    public static OptionalInt interfaceIndex(String device) {
        int index = NetLibc.ifNameToIndex(device);
        return index == 0 ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /**
     * Sends {@code frames} in order out of {@code device} in {@code namespace}, from a thread of its own
     * ({@link InNamespace}); the first failure is an {@link IllegalStateException}. The thread is pinned to one
     * CPU: a veth peer queues a frame on the backlog of the CPU that sent it, so frames sent from two CPUs could
     * be delivered out of order.
     */
    public static void sendFrames(String namespace, String device, List<byte[]> frames) {
        try {
            InNamespace.run(namespace, () -> {
                NetLibc.pinToCurrentCpu();
                try (RawSender sender = open(device)) {
                    frames.forEach(sender::send);
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending on " + device + " in " + namespace, e);
        } catch (Exception e) {
            throw new IllegalStateException("sending on " + device + " in " + namespace + " failed", e);
        }
    }

    /** The interface this sender sends on. */
    public String device() {
        return device;
    }

    /** The interface's index in the namespace the sender was opened in. */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /**
     * Sends one frame: its first 6 bytes are the destination MAC (copied into {@code sll_addr}), bytes 12-13 the
     * EtherType (into {@code sll_protocol}). An {@link IllegalStateException} with the errno when the kernel
     * refuses it (shorter than 14 bytes, longer than the MTU allows, interface down), or sends only part of it.
     */
    public void send(byte[] frame) {
        if (fd < 0) {
            throw new IllegalStateException("sender on " + device + " is closed");
        }
        if (frame.length < 14) {
            throw new IllegalArgumentException("an Ethernet frame has at least 14 bytes, not " + frame.length);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_BYTE, frame);
            MemorySegment address = arena.allocate(SOCKADDR_LL_SIZE, 4);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) NetLibc.AF_PACKET); // sll_family, host order
            address.set(NETWORK_SHORT, 2, (short) ((frame[12] & 0xff) << 8 | frame[13] & 0xff)); // sll_protocol
            address.set(ValueLayout.JAVA_INT, 4, interfaceIndex); // sll_ifindex
            address.set(ValueLayout.JAVA_BYTE, 11, (byte) 6); // sll_halen
            MemorySegment.copy(data, 0, address, 12, 6); // sll_addr
            long sent = NetLibc.sendto(fd, data, address);
            if (sent != frame.length) {
                throw new IllegalStateException("sendto on " + device + " sent " + sent + " of " + frame.length
                        + " bytes");
            }
        }
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        if (fd >= 0) {
            int closing = fd;
            fd = -1;
            NetLibc.close(closing);
        }
    }
}
