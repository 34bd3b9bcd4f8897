package dev.jfilter.cli.print;

import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.capture.FileLinkType;

/**
 * The link-layer headers the printer reads, down to the network protocol: Ethernet and its VLAN tags, Linux cooked
 * v1 and v2, BSD loopback (host order, guessed as tcpdump does) and OpenBSD loopback (network order), raw IP.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
final class LinkLayers {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_RARP = 0x8035;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int ETHERTYPE_VLAN_9100 = 0x9100;

    private LinkLayers() {}

    static String describe(FileLinkType type, Frame f, long wireLength) {
        LinkType known = type.known().orElse(null);
        if (known == null) {
            return type.displayName() + ", length " + wireLength;
        }
        return switch (known) {
            case EN10MB -> ethernet(f, wireLength);
            case LINUX_SLL -> f.has(0, 16) ? cooked(f.u16(14), f, 16, wireLength) : "[|sll]";
            case LINUX_SLL2 -> f.has(0, 20) ? cooked(f.u16(0), f, 20, wireLength) : "[|sll2]";
            case NULL -> f.has(0, 4) ? loopback(hostOrderFamily(f), f, wireLength) : "[|null]";
            case LOOP -> f.has(0, 4) ? loopback(f.u32(0), f, wireLength) : "[|loop]";
            case RAW -> rawIp(f, 0);
            case IPV4, IPV6 -> rawIp(f, 0); // tcpdump goes by the version here too
            default -> known.name() + ", length " + wireLength;
        };
    }

    private static String ethernet(Frame f, long wireLength) {
        if (!f.has(0, 14)) {
            return "[|ether]";
        }
        StringBuilder tags = new StringBuilder();
        int at = 12;
        int type = f.u16(at);
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_VLAN_9100) {
            if (!f.has(at + 2, 4)) {
                return tags + "[|vlan]";
            }
            tags.append("vlan ").append(f.u16(at + 2) & 0xfff).append(", ");
            at += 4;
            type = f.u16(at);
        }
        int payload = at + 2;
        if (type <= 1500) {
            return tags + Addresses.mac(f, 6) + " > " + Addresses.mac(f, 0) + ", 802.3, length " + wireLength;
        }
        String inner = byEthertype(type, f, payload, wireLength);
        if (inner == null) {
            inner = Addresses.mac(f, 6) + " > " + Addresses.mac(f, 0) + ", ethertype 0x"
                    + String.format("%04x", type) + ", length " + wireLength;
        }
        return tags + inner;
    }

    /** The packet after a link header that names its protocol with an Ethernet type; null for other types. */
    private static String byEthertype(int type, Frame f, int at, long wireLength) {
        return switch (type) {
            case ETHERTYPE_IPV4 -> Ip.v4(f, at);
            case ETHERTYPE_IPV6 -> Ip.v6(f, at);
            case ETHERTYPE_ARP, ETHERTYPE_RARP -> Arp.describe(f, at, wireLength - at);
            default -> null;
        };
    }

    private static String cooked(int type, Frame f, int at, long wireLength) {
        String inner = byEthertype(type, f, at, wireLength);
        return inner != null ? inner : "ethertype 0x" + String.format("%04x", type) + ", length " + wireLength;
    }

    /** DLT_NULL's family is in the writer's byte order: tcpdump takes the order that gives a small number. */
    private static long hostOrderFamily(Frame f) {
        long family = f.u32(0);
        return (family & 0xffff0000L) != 0 ? f.u32le(0) : family;
    }

    private static String loopback(long family, Frame f, long wireLength) {
        if (family == 2) {
            return Ip.v4(f, 4);
        }
        if (family == 24 || family == 28 || family == 30) {
            return Ip.v6(f, 4);
        }
        return "loopback family " + family + ", length " + wireLength;
    }

    private static String rawIp(Frame f, int at) {
        return switch (f.u8(at) >> 4) {
            case 4 -> Ip.v4(f, at);
            case 6 -> Ip.v6(f, at);
            case -1 -> "[|ip]";
            default -> "unknown ip " + (f.u8(at) >> 4);
        };
    }
}
