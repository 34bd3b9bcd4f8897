package dev.jfilter.testpcaps.gen;

import java.net.InetAddress;
import java.util.HexFormat;

/**
 * Address literals to bytes: IPv4 and IPv6 (RFC 4291 text forms, parsed without any name lookup) and MAC-48.
 */
public final class Addr {
    private Addr() {
    }

    /** The 4 bytes of a dotted-quad IPv4 address. */
    public static byte[] v4(String dotted) {
        byte[] a = InetAddress.ofLiteral(dotted).getAddress();
        if (a.length != 4) {
            throw new IllegalArgumentException("not IPv4: " + dotted);
        }
        return a;
    }

    /** The 16 bytes of an IPv6 address (an IPv4-mapped literal stays 16 bytes). */
    public static byte[] v6(String text) {
        byte[] a = InetAddress.ofLiteral(text).getAddress();
        if (a.length == 16) {
            return a;
        }
        // ofLiteral folds ::ffff:a.b.c.d to an Inet4Address; rebuild the mapped form.
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(a, 0, m, 12, 4);
        return m;
    }

    /** The 6 bytes of a MAC-48 address written {@code xx:xx:xx:xx:xx:xx}. */
    public static byte[] mac(String colons) {
        byte[] m = HexFormat.ofDelimiter(":").parseHex(colons);
        if (m.length != 6) {
            throw new IllegalArgumentException("not MAC-48: " + colons);
        }
        return m;
    }
}
