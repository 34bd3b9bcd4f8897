package dev.jfilter.frontend.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The names that libpcap's grammar actions look up, case-insensitively ({@code str2tok()} with
 * {@code pcapint_strcasecmp()}): 802.11 frame types, subtypes and directions, LLC frame types, and OpenBSD pf
 * reasons and actions. The values come from ieee80211.h, llc.h and pflog.h; the pf tables hold the entries
 * every platform has (libpcap adds a few per BSD; this is the Linux build).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
final class SubNames {

    static final int WLAN_TYPE_MGT = 0x00;
    static final int WLAN_TYPE_CTL = 0x04;
    static final int WLAN_TYPE_DATA = 0x08;
    static final int WLAN_TYPE_MASK = 0x0c;
    static final int WLAN_SUBTYPE_MASK = 0xf0;
    static final int WLAN_DIR_MASK = 0x03;

    /** ieee80211_types, in grammar.y.in's order. */
    static final Map<String, Integer> WLAN_TYPES = table(
            "data", WLAN_TYPE_DATA,
            "mgt", WLAN_TYPE_MGT,
            "management", WLAN_TYPE_MGT,
            "ctl", WLAN_TYPE_CTL,
            "control", WLAN_TYPE_CTL);

    static final Map<String, Integer> WLAN_MGT_SUBTYPES = table(
            "assocreq", 0x00, "assoc-req", 0x00,
            "assocresp", 0x10, "assoc-resp", 0x10,
            "reassocreq", 0x20, "reassoc-req", 0x20,
            "reassocresp", 0x30, "reassoc-resp", 0x30,
            "probereq", 0x40, "probe-req", 0x40,
            "proberesp", 0x50, "probe-resp", 0x50,
            "beacon", 0x80,
            "atim", 0x90,
            "disassoc", 0xa0, "disassociation", 0xa0,
            "auth", 0xb0, "authentication", 0xb0,
            "deauth", 0xc0, "deauthentication", 0xc0);

    static final Map<String, Integer> WLAN_CTL_SUBTYPES = table(
            "bar", 0x80,
            "ba", 0x90,
            "ps-poll", 0xa0,
            "rts", 0xb0,
            "cts", 0xc0,
            "ack", 0xd0,
            "cf-end", 0xe0,
            "cf-end-ack", 0xf0);

    static final Map<String, Integer> WLAN_DATA_SUBTYPES = table(
            "data", 0x00,
            "data-cf-ack", 0x10,
            "data-cf-poll", 0x20,
            "data-cf-ack-poll", 0x30,
            "null", 0x40,
            "cf-ack", 0x50,
            "cf-poll", 0x60,
            "cf-ack-poll", 0x70,
            "qos-data", 0x80,
            "qos-data-cf-ack", 0x90,
            "qos-data-cf-poll", 0xa0,
            "qos-data-cf-ack-poll", 0xb0,
            "qos", 0xc0,
            "qos-cf-poll", 0xe0,
            "qos-cf-ack-poll", 0xf0);

    static final Map<String, Integer> WLAN_DIRECTIONS = table(
            "nods", 0x00,
            "tods", 0x01,
            "fromds", 0x02,
            "dstods", 0x03);

    /** LLC S-frame subtypes (llc.h). */
    static final int LLC_RNR = 0x05;
    static final Map<String, Integer> LLC_S_SUBTYPES = table("rr", 0x01, "rnr", LLC_RNR, "rej", 0x09);

    /** LLC U-frame subtypes (llc.h). */
    static final Map<String, Integer> LLC_U_SUBTYPES = table(
            "ui", 0x03, "ua", 0x63, "disc", 0x43, "dm", 0x0f, "sabme", 0x6f, "test", 0xe3, "xid", 0xaf, "frmr", 0x87);

    /** pflog_reasons (pflog.h PFRES_*). */
    static final Map<String, Integer> PF_REASONS = table(
            "match", 0, "bad-offset", 1, "fragment", 2, "short", 3, "normalize", 4, "memory", 5,
            "bad-timestamp", 6, "congestion", 7, "ip-option", 8, "proto-cksum", 9, "state-mismatch", 10,
            "state-insert", 11, "state-limit", 12, "src-limit", 13, "synproxy", 14);

    /** pflog_actions (pflog.h PF_*). */
    static final Map<String, Integer> PF_ACTIONS = table(
            "pass", 0, "accept", 0, "drop", 1, "block", 1, "scrub", 2, "noscrub", 3, "nat", 4, "nonat", 5,
            "binat", 6, "nobinat", 7, "rdr", 8, "nordr", 9, "synproxy-drop", 10);

    private SubNames() {}

    /** str2tok(): the value of {@code name} in {@code table}, ignoring ASCII case. */
    static OptionalInt lookup(Map<String, Integer> table, String name) {
        Integer v = table.get(asciiLower(name));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Lower case for ASCII letters only, as pcapint_strcasecmp() compares. */
    static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }

    /** The subtype table of an 802.11 frame type value, if it has one. */
    static Map<String, Integer> wlanSubtypes(long type) {
        if (type == WLAN_TYPE_MGT) {
            return WLAN_MGT_SUBTYPES;
        } else if (type == WLAN_TYPE_CTL) {
            return WLAN_CTL_SUBTYPES;
        } else if (type == WLAN_TYPE_DATA) {
            return WLAN_DATA_SUBTYPES;
        }
        return null;
    }

    private static Map<String, Integer> table(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.putIfAbsent((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
