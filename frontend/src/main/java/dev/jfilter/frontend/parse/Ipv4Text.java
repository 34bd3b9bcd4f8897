package dev.jfilter.frontend.parse;

/**
 * The IPv4 forms of the {@code HID} token as libpcap reads them: {@code pcapint_atoin()} (nametoaddr.c). Each
 * dot-separated part is read as decimal digits, whatever the scanner allowed (a {@code 0x} part yields no valid
 * byte), and must not exceed 255. The result is the parts' bytes, left to right, not yet left-justified.
 */
final class Ipv4Text {

    /** {@code bits} 8 to 32 for a valid text, 0 when pcap_atoin() rejects it. */
    record Parsed(long value, int bits) {}

    private Ipv4Text() {}

    static Parsed atoin(String s) {
        long addr = 0;
        int len = 0;
        int i = 0;
        while (true) {
            long n = 0;
            while (i < s.length() && s.charAt(i) != '.') {
                if (n > 25) {
                    return new Parsed(0, 0);
                }
                n = n * 10 + (s.charAt(i++) - '0');
            }
            if (n > 255 || n < 0) {
                return new Parsed(0, 0);
            }
            addr = ((addr << 8) | (n & 0xff)) & 0xFFFF_FFFFL;
            len += 8;
            if (i == s.length()) {
                return new Parsed(addr, len);
            }
            i++;
        }
    }
}
