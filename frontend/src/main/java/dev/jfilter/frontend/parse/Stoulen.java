package dev.jfilter.frontend.parse;

/**
 * libpcap's {@code stoulen()} (scanner.l): a 32-bit unsigned number in C syntax, {@code 0x}/{@code 0X} hexadecimal,
 * leading-zero octal, otherwise decimal. Each digit is checked before the overflow test, as libpcap does. The scanner
 * uses it for {@code NUM} tokens, the lowering for the ends of port ranges written in a name.
 */
public final class Stoulen {
    private Stoulen() {}

    /** What the text is. */
    public sealed interface Parsed {
        /** A number. */
        record Value(long value) implements Parsed {}

        /** A character that is not a digit of the number's base, with libpcap's message. */
        record BadDigit(String message) implements Parsed {}

        /** A number too large for 32 bits, with libpcap's message. */
        record Overflow(String message) implements Parsed {}
    }

    /** Reads {@code text} as libpcap's scanner does. */
    public static Parsed parse(String text) {
        long n = 0;
        if (text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            for (int i = 2; i < text.length(); i++) {
                int digit = hexValue(text.charAt(i));
                if (digit < 0) {
                    return new Parsed.BadDigit("number " + text + " contains non-hex digit");
                }
                if (n > 0x0FFF_FFFFL) {
                    return new Parsed.Overflow("hexadecimal number " + text + " overflows 32 bits");
                }
                n = (n << 4) + digit;
            }
        } else if (!text.isEmpty() && text.charAt(0) == '0') {
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '7') {
                    return new Parsed.BadDigit("number " + text + " contains non-octal digit");
                }
                if (n > 03777777777L) {
                    return new Parsed.Overflow("octal number " + text + " overflows 32 bits");
                }
                n = (n << 3) + (c - '0');
            }
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return new Parsed.BadDigit("number " + text + " contains non-decimal digit");
                }
                int digit = c - '0';
                if (n > 0xFFFF_FFFFL / 10 || (n == 0xFFFF_FFFFL / 10 && digit > 0xFFFF_FFFFL % 10)) {
                    return new Parsed.Overflow("decimal number " + text + " overflows 32 bits");
                }
                n = n * 10 + digit;
            }
        }
        return new Parsed.Value(n);
    }

    /** The value of an ASCII hexadecimal digit, or -1. */
    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
