package dev.jfilter.cli.print;

import dev.jfilter.runtime.capture.FileLinkType;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line per packet in the style of {@code tcpdump -nn}: the time of day (microseconds, in the printer's time
 * zone), then the protocol, addresses and ports, TCP flags and a length, for Ethernet (with 802.1Q/802.1ad tags),
 * Linux cooked v1/v2, BSD loopback, raw IP, ARP/RARP, IPv4, IPv6 (with extension headers), TCP, UDP, ICMP and
 * ICMPv6. It prints less than tcpdump: no sequence numbers, windows or options, no application protocols; and
 * {@code vlan N, } before a tagged packet, which tcpdump shows only with {@code -e}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), OUTPUT FORMAT</a>
 */
public final class PacketPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final ZoneId zone;

    /** A printer of times in {@code zone} (tcpdump prints local time). */
    public PacketPrinter(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The line for one packet, without a line break.
     *
     * @param linkType   the packet's link-layer header type
     * @param nanos      the timestamp, in nanoseconds since the epoch
     * @param bytes      memory holding the packet
     * @param offset     where the packet's first byte is in {@code bytes}
     * @param captured   the captured length
     * @param wireLength the length on the wire
     */
    public String line(FileLinkType linkType, long nanos, MemorySegment bytes, long offset, int captured,
            long wireLength) {
        Frame frame = new Frame(bytes, offset, captured);
        String time = TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L) / 1000 * 1000).atZone(zone));
        return time + " " + LinkLayers.describe(linkType, frame, wireLength);
    }
}
