package dev.jfilter.runtime.kernel;

import java.lang.foreign.MemorySegment;

/**
 * A packet a live capture received, as libpcap hands it over: an outer VLAN tag the kernel moved into the packet's
 * metadata is back in the bytes, after the MAC addresses, and on {@code any} the packet starts with its
 * {@code LINUX_SLL2} header; the lengths count both.
 *
 * @param timestampNanos  when the kernel received it, in nanoseconds since 1970-01-01 00:00:00 UTC
 * @param data            the captured bytes (at most the snapshot length); a view of the ring, valid only during the
 *                        handler's call: copy what must outlive it
 * @param wireLength      the packet's length on the wire
 * @param packetType      {@code sll_pkttype}: {@code PACKET_HOST} 0, {@code PACKET_BROADCAST} 1,
 *                        {@code PACKET_MULTICAST} 2, {@code PACKET_OTHERHOST} 3, {@code PACKET_OUTGOING} 4
 * @param interfaceIndex  the index of the interface it came in or went out on
 * @see <a href="https://man7.org/linux/man-pages/man7/packet.7.html">packet(7), struct sockaddr_ll</a>
 */
public record LivePacket(long timestampNanos, MemorySegment data, int wireLength, int packetType,
        int interfaceIndex) {
    /** {@code PACKET_OUTGOING}. */
    public static final int OUTGOING = 4;

    /** The number of bytes captured. */
    public int capturedLength() {
        return (int) data.byteSize();
    }
}
