package dev.jfilter.testpcaps.gen;

import java.util.zip.CRC32C;

/**
 * The checksums the generated headers carry: the Internet checksum (RFC 1071) for IPv4, ICMP, IGMP, PIM, TCP,
 * UDP and ICMPv6 (the last three over a pseudo-header, RFC 793/768 and RFC 8200 section 8.1), and CRC32c for
 * SCTP (RFC 9260 appendix A).
 *
 * <p>No filter reads a checksum; they are right so that tshark and tcpdump decode the captures cleanly.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1071">RFC 1071</a>
 */
public final class Checksums {
    private Checksums() {
    }

    /** The one's-complement of the one's-complement sum of {@code data[from, to)} as 16-bit big-endian words. */
    public static int internet(byte[] data, int from, int to) {
        return fold(sum(0, data, from, to));
    }

    /** The Internet checksum of a whole array. */
    public static int internet(byte[] data) {
        return internet(data, 0, data.length);
    }

    /**
     * The checksum of an upper-layer segment over the IPv4 or IPv6 pseudo-header: source and destination address,
     * upper-layer length and protocol number. The address length (4 or 16) selects the IP version.
     */
    public static int pseudoHeader(byte[] src, byte[] dst, int protocol, byte[] segment) {
        long s = sum(0, src, 0, src.length);
        s = sum(s, dst, 0, dst.length);
        s += protocol;
        s += segment.length & 0xffff;
        s += segment.length >>> 16;
        return fold(sum(s, segment, 0, segment.length));
    }

    /** SCTP's CRC32c over the whole packet, with the checksum field taken as zero, in the byte order SCTP puts it. */
    public static long sctp(byte[] packet) {
        CRC32C crc = new CRC32C();
        crc.update(packet, 0, packet.length);
        long v = crc.getValue();
        // RFC 9260 appendix A stores the CRC's bytes in reflected (little-endian) order.
        return Long.reverseBytes(v) >>> 32;
    }

    private static long sum(long acc, byte[] data, int from, int to) {
        int i = from;
        for (; i + 1 < to; i += 2) {
            acc += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < to) {
            acc += (data[i] & 0xff) << 8;
        }
        return acc;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
