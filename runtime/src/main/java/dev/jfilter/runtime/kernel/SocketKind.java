package dev.jfilter.runtime.kernel;

/**
 * The sockets a classic BPF filter can be attached to here.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/socket.7.html">socket(7), SO_ATTACH_FILTER</a>
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7)</a>
 */
public enum SocketKind {
    /**
     * {@code socket(AF_INET, SOCK_DGRAM, 0)}: needs no privilege, and attaching runs the same checker
     * ({@code bpf_check_classic}) as any other socket, so it is what {@link KernelChecker} uses.
     */
    UDP(2, 2, 0),
    /**
     * {@code socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL))}: every frame of every interface from the link layer
     * on, for live capture; needs {@code CAP_NET_RAW}.
     */
    PACKET_RAW(17, 3, htons(0x0003));

    private final int domain;
    private final int type;
    private final int protocol;

    SocketKind(int domain, int type, int protocol) {
        this.domain = domain;
        this.type = type;
        this.protocol = protocol;
    }

    private static int htons(int value) {
        return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN
                ? value
                : Short.toUnsignedInt(Short.reverseBytes((short) value));
    }

    int domain() {
        return domain;
    }

    int type() {
        return type;
    }

    int protocol() {
        return protocol;
    }
}
