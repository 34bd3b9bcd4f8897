package dev.jfilter.frontend.parse;

/**
 * The MAC-48 forms of the {@code EID} token (pcap-filter(7): {@code xx:xx:xx:xx:xx:xx}, {@code xx-xx-...},
 * {@code xx.xx....}, {@code xxxx.xxxx.xxxx}, {@code xxxxxxxxxxxx}; a single digit {@code x} means {@code 0x}), as
 * libpcap's {@code pcapint_atomac48()} reads them. The scanner guarantees one of these shapes.
 */
final class MacText {

    private MacText() {}

    /** The 48 bits of a text the EID rule matched. */
    static long parse(String s) {
        String[] groups;
        if (s.length() == 12 && s.indexOf(':') < 0 && s.indexOf('-') < 0 && s.indexOf('.') < 0) {
            groups = new String[6];
            for (int i = 0; i < 6; i++) {
                groups[i] = s.substring(2 * i, 2 * i + 2);
            }
        } else if (s.matches("\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}")) {
            groups = new String[6];
            String hex = s.replace(".", "");
            for (int i = 0; i < 6; i++) {
                groups[i] = hex.substring(2 * i, 2 * i + 2);
            }
        } else {
            groups = s.split("[:.\\-]");
        }
        long value = 0;
        for (String g : groups) {
            int b = 0;
            for (int i = 0; i < g.length(); i++) {
                b = (b << 4) | Stoulen.hexValue(g.charAt(i));
            }
            value = (value << 8) | b;
        }
        return value;
    }
}
