package dev.jfilter.frontend.parse;

import java.util.Optional;

/**
 * IPv6 text validation and conversion as libpcap master does it for {@code HID6}: {@code inet_pton(AF_INET6)}
 * (scanner.l:395-404), here following glibc's implementation (at most four hex digits a group, one {@code ::}
 * that must stand for at least one group, a dotted IPv4 tail of four decimal parts without leading zeros).
 */
final class Ipv6Text {

    /** The 128 bits, as two longs. */
    record Bits(long high, long low) {}

    private Ipv6Text() {}

    /** The address, or empty when inet_pton() rejects the text. */
    static Optional<Bits> parse(String src) {
        byte[] out = new byte[16];
        int tp = 0;
        int colonp = -1;
        int i = 0;
        int n = src.length();
        if (n == 0) {
            return Optional.empty();
        }
        if (src.charAt(0) == ':') {
            i++;
            if (i == n || src.charAt(i) != ':') {
                return Optional.empty();
            }
        }
        int curtok = i;
        int digits = 0;
        int val = 0;
        while (i < n) {
            char ch = src.charAt(i++);
            int digit = Stoulen.hexValue(ch);
            if (digit >= 0) {
                if (digits == 4) {
                    return Optional.empty();
                }
                val = (val << 4) | digit;
                digits++;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (digits == 0) {
                    if (colonp >= 0) {
                        return Optional.empty();
                    }
                    colonp = tp;
                    continue;
                } else if (i == n) {
                    return Optional.empty();
                }
                if (tp + 2 > 16) {
                    return Optional.empty();
                }
                out[tp++] = (byte) (val >> 8);
                out[tp++] = (byte) val;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16 && pton4(src.substring(curtok), out, tp)) {
                tp += 4;
                digits = 0;
                break;
            }
            return Optional.empty();
        }
        if (digits > 0) {
            if (tp + 2 > 16) {
                return Optional.empty();
            }
            out[tp++] = (byte) (val >> 8);
            out[tp++] = (byte) val;
        }
        if (colonp >= 0) {
            if (tp == 16) {
                return Optional.empty(); // "::" would stand for no group at all
            }
            int moved = tp - colonp;
            System.arraycopy(out, colonp, out, 16 - moved, moved);
            java.util.Arrays.fill(out, colonp, 16 - moved, (byte) 0);
            tp = 16;
        }
        if (tp != 16) {
            return Optional.empty();
        }
        long high = 0;
        long low = 0;
        for (int k = 0; k < 8; k++) {
            high = (high << 8) | (out[k] & 0xff);
            low = (low << 8) | (out[k + 8] & 0xff);
        }
        return Optional.of(new Bits(high, low));
    }

    /** glibc's inet_pton4 over the whole rest of the text. */
    private static boolean pton4(String src, byte[] dst, int at) {
        int[] tmp = new int[4];
        int tp = 0;
        boolean sawDigit = false;
        int octets = 0;
        for (int i = 0; i < src.length(); i++) {
            char ch = src.charAt(i);
            if (ch >= '0' && ch <= '9') {
                int next = tmp[tp] * 10 + (ch - '0');
                if (sawDigit && tmp[tp] == 0) {
                    return false;
                }
                if (next > 255) {
                    return false;
                }
                tmp[tp] = next;
                if (!sawDigit) {
                    if (++octets > 4) {
                        return false;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return false;
                }
                tmp[++tp] = 0;
                sawDigit = false;
            } else {
                return false;
            }
        }
        if (octets < 4) {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            dst[at + k] = (byte) tmp[k];
        }
        return true;
    }
}
