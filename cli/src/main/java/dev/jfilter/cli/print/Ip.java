package dev.jfilter.cli.print;

/**
 * IPv4 and IPv6 headers: the addresses, and the transport protocol after the options or the extension headers
 * (hop-by-hop, routing, destination options, fragment). A fragment other than the first has no transport header.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc791">RFC 791</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8200">RFC 8200</a>
 */
final class Ip {
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;

    private Ip() {}

    static String v4(Frame f, int at) {
        if (!f.has(at, 20)) {
            return "IP [|ip]";
        }
        // tcpdump's IPv4 printer goes by the version in the header, as the raw-IP link type does.
        int version = f.u8(at) >> 4;
        if (version == 6) {
            return v6(f, at);
        }
        if (version != 4) {
            return "unknown ip " + version;
        }
        int headerLength = (f.u8(at) & 0xf) * 4;
        int totalLength = f.u16(at + 2);
        int fragmentOffset = f.u16(at + 6) & 0x1fff;
        int protocol = f.u8(at + 9);
        String src = Addresses.ipv4(f, at + 12);
        String dst = Addresses.ipv4(f, at + 16);
        if (headerLength < 20) {
            return "IP bad-hlen " + headerLength;
        }
        if (totalLength < headerLength) {
            return "IP bad-len " + totalLength;
        }
        long payload = totalLength - headerLength;
        if (fragmentOffset != 0) {
            return "IP " + src + " > " + dst + ": ip-proto-" + protocol + ", fragment offset " + fragmentOffset * 8
                    + ", length " + payload;
        }
        return Transport.describe("IP", src, dst, "", protocol, f, at + headerLength, payload);
    }

    static String v6(Frame f, int at) {
        if (!f.has(at, 40)) {
            return "IP6 [|ip6]";
        }
        if (f.u8(at) >> 4 != 6) {
            return "IP6 version error: " + (f.u8(at) >> 4) + " != 6";
        }
        long payload = f.u16(at + 4);
        int next = f.u8(at + 6);
        String src = Addresses.ipv6(f, at + 8);
        String dst = Addresses.ipv6(f, at + 24);
        int header = at + 40;
        // Like tcpdump, extension headers are named after the addresses, and the ports then follow them.
        StringBuilder extensions = new StringBuilder();
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS || next == FRAGMENT) {
            if (!f.has(header, 8)) {
                return "IP6 " + src + " > " + dst + ": " + extensions + "[|ip6]";
            }
            int length = next == FRAGMENT ? 8 : (f.u8(header + 1) + 1) * 8;
            switch (next) {
                case HOP_BY_HOP -> extensions.append("HBH ");
                case DESTINATION_OPTIONS -> extensions.append("DSTOPT ");
                case ROUTING -> extensions.append("RT6 ");
                default -> {
                    int offset = f.u16(header + 2) & 0xfff8;
                    extensions.append("frag (").append(offset).append('|').append(Math.max(0, payload - 8))
                            .append(") ");
                    if (offset != 0) {
                        return "IP6 " + src + " > " + dst + ": " + extensions.toString().strip();
                    }
                }
            }
            next = f.u8(header);
            header += length;
            payload -= length;
        }
        return Transport.describe("IP6", src, dst, extensions.toString(), next, f, header, Math.max(0, payload));
    }
}
