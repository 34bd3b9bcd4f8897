package dev.jfilter.runtime.kernel;

/**
 * Whether an interface has a link, as libpcap reports it ({@code PCAP_IF_CONNECTION_STATUS_*}): from
 * {@code ioctl(SIOCETHTOOL, ETHTOOL_GLINK)}; not applicable to loopback and to drivers that cannot say.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap_findalldevs.3pcap.html">pcap_findalldevs(3PCAP)</a>
 */
public enum ConnectionStatus {
    UNKNOWN,
    CONNECTED,
    DISCONNECTED,
    NOT_APPLICABLE
}
