package dev.jfilter.runtime.kernel;

/**
 * Which packets of an interface a live capture keeps, by direction (tcpdump's {@code -Q}, libpcap's
 * {@code pcap_setdirection}): received, sent, or both.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap_setdirection.3pcap.html">pcap_setdirection(3PCAP)</a>
 */
public enum Direction {
    IN,
    OUT,
    INOUT
}
