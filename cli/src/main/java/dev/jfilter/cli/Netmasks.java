package dev.jfilter.cli;

/** Reads an IPv4 netmask written as a dotted quad ({@code 255.255.255.0}) or a prefix length ({@code /24}). */
final class Netmasks {
    private Netmasks() {}

    static int parse(String text) throws UsageError {
        if (text.matches("/?[0-9]{1,2}")) {
            int len = Integer.parseInt(text.replace("/", ""));
            if (len > 32) {
                throw new UsageError("netmask length " + len + " is more than 32");
            }
            return len == 0 ? 0 : -1 << (32 - len);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new UsageError("invalid netmask '" + text + "'");
        }
        int mask = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                throw new UsageError("invalid netmask '" + text + "'");
            }
            mask = (mask << 8) | Integer.parseInt(p);
        }
        return mask;
    }
}
