package dev.jfilter.frontend.lower;

/**
 * libpcap's {@code stoulen} (scanner.l): a 32-bit unsigned number in C syntax, decimal, {@code 0x} hexadecimal or
 * leading-zero octal. Text that is not such a number is not an error here (the caller may look it up as a name);
 * a number too large for 32 bits is.
 */
final class Numbers {
    private Numbers() {}

    /** What {@link #parse} found. */
    sealed interface Parsed {
        /** A number. */
        record Value(long value) implements Parsed {}

        /** Not a number in this syntax. */
        record NotANumber() implements Parsed {}

        /** A number that does not fit in 32 bits, with libpcap's message. */
        record Overflow(String message) implements Parsed {}
    }

    static Parsed parse(String s) {
        int radix;
        int start;
        String kind;
        if (s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            radix = 16;
            start = 2;
            kind = "hexadecimal";
        } else if (s.startsWith("0")) {
            radix = 8;
            start = 1;
            kind = "octal";
        } else {
            radix = 10;
            start = 0;
            kind = "decimal";
        }
        long n = 0;
        for (int i = start; i < s.length(); i++) {
            int d = asciiDigit(s.charAt(i));
            if (d < 0 || d >= radix) {
                return new Parsed.NotANumber();
            }
            n = n * radix + d;
            if (n > 0xffffffffL) {
                return new Parsed.Overflow(kind + " number " + s + " overflows 32 bits");
            }
        }
        if (s.isEmpty()) {
            return new Parsed.NotANumber();
        }
        return new Parsed.Value(n);
    }

    private static int asciiDigit(char c) {
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
