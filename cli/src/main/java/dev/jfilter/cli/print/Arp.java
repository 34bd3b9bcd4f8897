package dev.jfilter.cli.print;

/**
 * ARP and RARP for IPv4 over Ethernet-style addresses, as {@code tcpdump -nn} prints them; other hardware or
 * protocol types print their numbers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc826">RFC 826</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc903">RFC 903 (RARP)</a>
 */
final class Arp {
    private Arp() {}

    static String describe(Frame f, int at, long length) {
        if (!f.has(at, 8)) {
            return "ARP, [|arp]";
        }
        int hardware = f.u16(at);
        int protocol = f.u16(at + 2);
        int hlen = f.u8(at + 4);
        int plen = f.u8(at + 5);
        int op = f.u16(at + 6);
        if (protocol != 0x0800 || hlen != 6 || plen != 4) {
            return "ARP, hardware type " + hardware + ", protocol 0x" + String.format("%04x", protocol) + ", op "
                    + op + ", length " + length;
        }
        if (!f.has(at + 8, 20)) {
            return "ARP, [|arp]";
        }
        int sha = at + 8;
        int spa = at + 14;
        int tha = at + 18;
        int tpa = at + 24;
        String text = switch (op) {
            case 1 -> "Request who-has " + Addresses.ipv4(f, tpa)
                    + (zero(f, tha) ? "" : " (" + Addresses.mac(f, tha) + ")") + " tell " + Addresses.ipv4(f, spa);
            case 2 -> "Reply " + Addresses.ipv4(f, spa) + " is-at " + Addresses.mac(f, sha);
            case 3 -> "Reverse Request who-is " + Addresses.mac(f, tha) + " tell " + Addresses.mac(f, sha);
            case 4 -> "Reverse Reply " + Addresses.mac(f, tha) + " at " + Addresses.ipv4(f, tpa);
            default -> "op " + op;
        };
        return "ARP, " + text + ", length " + length;
    }

    private static boolean zero(Frame f, int at) {
        for (int i = 0; i < 6; i++) {
            if (f.u8(at + i) != 0) {
                return false;
            }
        }
        return true;
    }
}
