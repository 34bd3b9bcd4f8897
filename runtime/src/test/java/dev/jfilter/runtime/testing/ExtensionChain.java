package dev.jfilter.runtime.testing;

/**
 * The number of extension headers before the upper-layer header of an IPv6 or IPv4 packet, walked as libpcap's
 * {@code protochain} walks it (hop-by-hop, routing, fragment, destination options and AH for IPv6; AH for IPv4),
 * stopping where the captured bytes end.
 */
public final class ExtensionChain {
    private ExtensionChain() {}

    /** The chain's length for the IP header at {@code offset} of {@code packet}, 0 if there is none. */
    public static int length(byte[] packet, int offset) {
        if (packet.length <= offset) {
            return 0;
        }
        int version = (packet[offset] & 0xf0) >> 4;
        int next;
        int pos;
        if (version == 6 && packet.length >= offset + 40) {
            next = packet[offset + 6] & 0xff;
            pos = offset + 40;
        } else if (version == 4 && packet.length >= offset + 20) {
            next = packet[offset + 9] & 0xff;
            pos = offset + 4 * (packet[offset] & 0x0f);
        } else {
            return 0;
        }
        int count = 0;
        while (pos + 2 <= packet.length) {
            int len = packet[pos + 1] & 0xff;
            int size = switch (next) {
                case 0, 43, 60 -> version == 6 ? (len + 1) * 8 : -1;
                case 44 -> version == 6 ? 8 : -1;
                case 51 -> (len + 2) * 4;
                default -> -1;
            };
            if (size < 0) {
                return count;
            }
            count++;
            next = packet[pos] & 0xff;
            pos += size;
        }
        return count;
    }
}
