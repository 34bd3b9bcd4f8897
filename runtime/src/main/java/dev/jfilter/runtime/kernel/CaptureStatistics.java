package dev.jfilter.runtime.kernel;

/**
 * The kernel's counts for a live capture since it was opened ({@code getsockopt(PACKET_STATISTICS)}, summed over
 * reads, which reset them), as tcpdump prints them when it stops.
 *
 * @param received the packets the filter accepted ("received by filter"), including those dropped for want of room
 * @param dropped  the packets the filter accepted but the ring had no room for ("dropped by kernel")
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7), PACKET_STATISTICS</a>
 * @see <a href="https://www.tcpdump.org/manpages/pcap_stats.3pcap.html">pcap_stats(3PCAP)</a>
 */
public record CaptureStatistics(long received, long dropped) {}
