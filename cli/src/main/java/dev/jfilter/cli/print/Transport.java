package dev.jfilter.cli.print;

/**
 * The transport layer of an IP packet as {@code tcpdump -nn} starts its line: TCP with ports and flags, UDP with
 * ports, ICMP and ICMPv6 with the message type (and identifier and sequence number of echoes), then the length of
 * the payload (TCP, UDP) or of the message (ICMP); SCTP and DCCP with ports. Other protocols print their number and length.
 * After IPv6 extension headers the ports follow the headers' names, as in tcpdump: {@code a > b: frag (0|44) 1 > 2:}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9293">RFC 9293 (TCP)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc768">RFC 768 (UDP)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc792">RFC 792 (ICMP)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4443">RFC 4443 (ICMPv6)</a>
 */
final class Transport {
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;
    private static final int DCCP = 33;
    private static final int SCTP = 132;
    private static final int NO_NEXT_HEADER = 59;

    /** tcpdump's order and letters for the TCP flags: FIN, SYN, RST, PSH, ACK, URG, ECE, CWR. */
    private static final String FLAG_LETTERS = "FSRP.UEW";

    private Transport() {}

    /**
     * @param network    "IP" or "IP6"
     * @param extensions the IPv6 extension headers' names, each followed by a space, or ""
     * @param at         where the transport header starts
     * @param length     the IP payload length from the IP header (the transport header included)
     */
    static String describe(String network, String src, String dst, String extensions, int protocol, Frame f,
            int at, long length) {
        String hosts = network + " " + src + " > " + dst + ": " + extensions;
        return switch (protocol) {
            case TCP -> {
                if (!f.has(at, 14)) {
                    yield hosts + "[|tcp]";
                }
                int headerLength = (f.u8(at + 12) >> 4) * 4;
                yield ports(network, src, dst, extensions, f, at) + "Flags [" + flags(f.u8(at + 13))
                        + "], length " + Math.max(0, length - headerLength);
            }
            case UDP -> f.has(at, 8)
                    ? ports(network, src, dst, extensions, f, at) + "UDP, length " + Math.max(0, f.u16(at + 4) - 8)
                    : hosts + "[|udp]";
            case DCCP -> f.has(at, 4)
                    ? ports(network, src, dst, extensions, f, at) + "dccp, length " + length
                    : hosts + "[|dccp]";
            case SCTP -> f.has(at, 4)
                    ? ports(network, src, dst, extensions, f, at) + "sctp, length " + length
                    : hosts + "[|sctp]";
            case ICMP -> hosts + "ICMP " + icmp(f, at) + ", length " + length;
            case ICMPV6 -> hosts + "ICMP6, " + icmp6(f, at) + ", length " + length;
            case NO_NEXT_HEADER -> hosts + "no next header";
            default -> hosts + "ip-proto-" + protocol + ", length " + length;
        };
    }

    /** {@code IP a.1 > b.2: }, or after extension headers {@code IP6 a > b: frag (0|8) 1 > 2: }. */
    private static String ports(String network, String src, String dst, String extensions, Frame f, int at) {
        return extensions.isEmpty()
                ? network + " " + src + "." + f.u16(at) + " > " + dst + "." + f.u16(at + 2) + ": "
                : network + " " + src + " > " + dst + ": " + extensions + f.u16(at) + " > " + f.u16(at + 2) + ": ";
    }

    static String flags(int bits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < FLAG_LETTERS.length(); i++) {
            if ((bits & 1 << i) != 0) {
                b.append(FLAG_LETTERS.charAt(i));
            }
        }
        return b.isEmpty() ? "none" : b.toString();
    }

    private static String icmp(Frame f, int at) {
        if (!f.has(at, 2)) {
            return "[|icmp]";
        }
        int type = f.u8(at);
        int code = f.u8(at + 1);
        return switch (type) {
            case 0 -> echo("echo reply", f, at);
            case 8 -> echo("echo request", f, at);
            case 3 -> "unreachable, code " + code;
            case 5 -> "redirect, code " + code;
            case 11 -> "time exceeded, code " + code;
            case 12 -> "parameter problem, code " + code;
            case 13 -> "time stamp request";
            case 14 -> "time stamp reply";
            default -> "type " + type + ", code " + code;
        };
    }

    private static String icmp6(Frame f, int at) {
        if (!f.has(at, 2)) {
            return "[|icmp6]";
        }
        int type = f.u8(at);
        return switch (type) {
            case 1 -> "destination unreachable";
            case 2 -> "packet too big";
            case 3 -> "time exceeded in-transit";
            case 4 -> "parameter problem";
            case 128 -> echo("echo request", f, at);
            case 129 -> echo("echo reply", f, at);
            case 130 -> "multicast listener query";
            case 131 -> "multicast listener report";
            case 132 -> "multicast listener done";
            case 133 -> "router solicitation";
            case 134 -> "router advertisement";
            case 135 -> "neighbor solicitation";
            case 136 -> "neighbor advertisement";
            case 137 -> "redirect";
            case 143 -> "multicast listener report v2";
            default -> "type " + type + ", code " + f.u8(at + 1);
        };
    }

    private static String echo(String name, Frame f, int at) {
        return f.has(at, 8) ? name + ", id " + f.u16(at + 4) + ", seq " + f.u16(at + 6) : name;
    }
}
