package dev.jfilter.cli.print;

/**
 * Addresses as {@code tcpdump -nn} prints them: dotted IPv4, IPv6 as glibc's {@code inet_ntop} writes it (RFC 5952
 * compression of the longest run of two or more zero groups, the leftmost on a tie, and an IPv4 tail for
 * IPv4-compatible and IPv4-mapped addresses), and MAC addresses as six lowercase hex pairs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5952">RFC 5952</a>
 */
final class Addresses {
    private Addresses() {}

    static String ipv4(Frame f, int at) {
        return f.u8(at) + "." + f.u8(at + 1) + "." + f.u8(at + 2) + "." + f.u8(at + 3);
    }

    static String mac(Frame f, int at) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                b.append(':');
            }
            int v = f.u8(at + i);
            b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return b.toString();
    }

    static String ipv6(Frame f, int at) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = f.u16(at + 2 * i);
        }
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestBase = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestBase) {
                b.append(':');
                i += bestLength - 1;
                if (i == 7) {
                    b.append(':');
                }
                continue;
            }
            if (i > 0) {
                b.append(':');
            }
            boolean ipv4Tail = i == 6 && bestBase == 0
                    && (bestLength == 6 || bestLength == 5 && words[5] == 0xffff);
            if (ipv4Tail) {
                b.append(ipv4(f, at + 12));
                break;
            }
            b.append(Integer.toHexString(words[i]));
        }
        return b.toString();
    }
}
