package dev.jfilter.runtime.kernel;

import dev.jfilter.frontend.link.LinkType;
import java.util.Optional;

/**
 * A network interface of the calling thread's network namespace, as live capture sees it.
 *
 * @param name         the interface name ({@code eth0})
 * @param index        its index ({@code if_nametoindex}), what {@code ifindex} in a filter compares with
 * @param hardwareType its {@code ARPHRD_*} type ({@code ioctl(SIOCGIFHWADDR)}), which fixes the link-layer header
 * @param up           {@code IFF_UP}
 * @param running      {@code IFF_RUNNING}
 * @param loopback     {@code IFF_LOOPBACK}
 * @param connection   whether it has a link
 * @see <a href="https://man7.org/linux/man-pages/man7/netdevice.7.html">netdevice(7)</a>
 * @see <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/if_arp.h">linux/if_arp.h</a>
 */
public record NetworkDevice(String name, int index, int hardwareType, boolean up, boolean running, boolean loopback,
        ConnectionStatus connection) {
    /** {@code ARPHRD_ETHER}. */
    public static final int ARPHRD_ETHER = 1;
    /** {@code ARPHRD_LOOPBACK}: Linux's loopback has Ethernet headers with zero addresses. */
    public static final int ARPHRD_LOOPBACK = 772;
    /** {@code ARPHRD_NONE}: no link-layer header (tun devices, WireGuard); packets start with the IP header. */
    public static final int ARPHRD_NONE = 0xfffe;
    /** Not an {@code ARPHRD_*} type: the hardware type of {@link #ANY}, which stands for every interface. */
    public static final int ALL_INTERFACES = -1;
    /**
     * libpcap's {@code any}: every interface of the namespace at once, captured in cooked mode ({@code SOCK_DGRAM}),
     * each packet behind a {@code LINUX_SLL2} header that says which interface it came in or went out on.
     */
    public static final NetworkDevice ANY =
            new NetworkDevice("any", 0, ALL_INTERFACES, true, true, false, ConnectionStatus.NOT_APPLICABLE);

    /**
     * The link-layer type packets of this interface have on a {@code SOCK_RAW} packet socket, as libpcap's
     * {@code map_arphrd_to_dlt} gives it, when jfilter captures on it: Ethernet and loopback are
     * {@link LinkType#EN10MB}, header-less devices {@link LinkType#RAW}, {@link #ANY} {@link LinkType#LINUX_SLL2}.
     * Empty for the others.
     */
    public Optional<LinkType> linkType() {
        return switch (hardwareType) {
            case ARPHRD_ETHER, ARPHRD_LOOPBACK -> Optional.of(LinkType.EN10MB);
            case ARPHRD_NONE -> Optional.of(LinkType.RAW);
            case ALL_INTERFACES -> Optional.of(LinkType.LINUX_SLL2);
            default -> Optional.empty();
        };
    }

    /** Whether this is {@link #ANY}. */
    public boolean isAny() {
        return hardwareType == ALL_INTERFACES;
    }

    /** What {@code tcpdump -D} says of a pseudo-device, in parentheses after its name. */
    public Optional<String> description() {
        return isAny() ? Optional.of("Pseudo-device that captures on all interfaces") : Optional.empty();
    }
}
