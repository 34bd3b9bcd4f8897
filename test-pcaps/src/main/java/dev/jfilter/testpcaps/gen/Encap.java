package dev.jfilter.testpcaps.gen;

/**
 * The encapsulation headers the filter language can look through, as bytes: IEEE 802.1Q/802.1ad VLAN tags, MPLS
 * label stack entries, PPPoE (in {@link NonIp#pppoe}) with the PPP protocol field, Geneve and VXLAN headers.
 * Each wraps a {@link LinkPayload} (what follows an EtherType) into another one, so that stacks read inside out:
 * {@code vlan(0x8100, 0, 0, 100, mpls(label(16, 0, true, 64), ipv4))}.
 *
 * @see <a href="https://standards.ieee.org/ieee/802.1Q/10323/">IEEE 802.1Q</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3032">RFC 3032 (MPLS label stack encoding)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2516">RFC 2516 (PPPoE)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8926">RFC 8926 (Geneve)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7348">RFC 7348 (VXLAN)</a>
 */
public final class Encap {
    /** Tag protocol identifiers: 802.1Q, 802.1ad (S-tag), and the pre-standard QinQ value libpcap also accepts. */
    public static final int TPID_8021Q = 0x8100, TPID_8021AD = 0x88a8, TPID_9100 = 0x9100;
    /** MPLS unicast and multicast EtherTypes (libpcap's {@code mpls} tests only the unicast one). */
    public static final int MPLS_UNICAST = 0x8847, MPLS_MULTICAST = 0x8848;
    /** PPP protocol numbers (RFC 1661 and the IANA PPP DLL protocol registry). */
    public static final int PPP_IP = 0x0021, PPP_IPV6 = 0x0057, PPP_MPLS = 0x0281, PPP_LCP = 0xc021,
            PPP_IPCP = 0x8021, PPP_IPV6CP = 0x8057, PPP_PAP = 0xc023, PPP_CHAP = 0xc223;
    /** PPPoE discovery codes: PADI, PADO, PADR, PADS, PADT. */
    public static final int PADI = 0x09, PADO = 0x07, PADR = 0x19, PADS = 0x65, PADT = 0xa7;
    /** UDP destination ports of the tunnels. */
    public static final int GENEVE_PORT = 6081, VXLAN_PORT = 4789;
    /** Transparent Ethernet Bridging: Geneve's protocol type for an inner Ethernet frame. */
    public static final int TEB = 0x6558;

    private Encap() {
    }

    /** A tag control information word: priority code point (3 bits), drop eligible (1 bit), VLAN id (12 bits). */
    public static int tci(int pcp, boolean dei, int vid) {
        return (pcp & 7) << 13 | (dei ? 0x1000 : 0) | (vid & 0xfff);
    }

    /**
     * {@code inner} behind a VLAN tag: announced by {@code tpid}, the tag holds the TCI, then the inner type (an
     * EtherType, or for an 802.2 or raw 802.3 payload its length).
     */
    public static LinkPayload vlan(int tpid, int tci, LinkPayload inner) {
        byte[] b = new ByteBuilder().u16(tci).u16(typeOrLength(inner)).bytes(inner.bytes()).toByteArray();
        return LinkPayload.ethernet(tpid, b, inner.dstMac(), tagName(tpid) + " " + (tci & 0xfff)
                + ((tci & 0xf000) != 0 ? " pcp " + (tci >>> 13) + ((tci & 0x1000) != 0 ? " dei" : "") : "")
                + " / " + inner.note());
    }

    /** What an Ethernet type field says about {@code p}: its EtherType, or its length for 802.3 framing. */
    public static int typeOrLength(LinkPayload p) {
        return switch (p.encapsulation()) {
            case ETHERNET_II -> p.etherType();
            case LLC, RAW_802_3 -> p.bytes().length;
        };
    }

    private static String tagName(int tpid) {
        return switch (tpid) {
            case TPID_8021Q -> "VLAN";
            case TPID_8021AD -> "S-VLAN";
            case TPID_9100 -> "VLAN9100";
            default -> "tag " + Integer.toHexString(tpid);
        };
    }

    /** One MPLS label stack entry: label (20 bits), traffic class (3 bits), bottom of stack, TTL. */
    public static long label(int label, int tc, boolean bottom, int ttl) {
        return ((long) (label & 0xfffff) << 12) | (tc & 7) << 9 | (bottom ? 0x100 : 0) | (ttl & 0xff);
    }

    /** {@code bytes} behind a label stack, announced with {@code etherType} (0x8847, or 0x8848 for multicast). */
    public static LinkPayload mpls(int etherType, long[] stack, byte[] bytes, byte[] dstMac, String note) {
        ByteBuilder b = new ByteBuilder();
        StringBuilder labels = new StringBuilder();
        for (long entry : stack) {
            b.u32(entry);
            labels.append(labels.isEmpty() ? "" : ",").append(entry >>> 12).append((entry & 0x100) != 0 ? "s" : "");
        }
        return LinkPayload.ethernet(etherType, b.bytes(bytes).toByteArray(), dstMac,
                "MPLS" + (etherType == MPLS_UNICAST ? "" : " " + Integer.toHexString(etherType)) + " [" + labels
                        + "] / " + note);
    }

    /**
     * A PPPoE header with version and type {@code verType} (0x11 in RFC 2516), code, session id and {@code payload},
     * whose length field is the payload's length.
     */
    public static byte[] pppoe(int verType, int code, int session, byte[] payload) {
        return new ByteBuilder().u8(verType).u8(code).u16(session).u16(payload.length).bytes(payload).toByteArray();
    }

    /** A PPP frame as PPPoE carries it: the 2-byte protocol field, then the information field. */
    public static byte[] ppp(int protocol, byte[] information) {
        return new ByteBuilder().u16(protocol).bytes(information).toByteArray();
    }

    /** A PPPoE discovery tag list: service name (empty), host uniq, and an AC name for offers. */
    public static byte[] pppoeTags(int code, long hostUniq) {
        ByteBuilder b = new ByteBuilder().u16(0x0101).u16(0).u16(0x0103).u16(4).u32(hostUniq);
        if (code == PADO || code == PADS) {
            b.u16(0x0102).u16(4).bytes("ac-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    /**
     * A Geneve header: version (2 bits), option length in 4-byte words (6 bits), the O (control) and C (critical)
     * flags, protocol type, VNI (24 bits), then {@code options} (whose length need not match the field: a broken
     * header is one argument away).
     */
    public static byte[] geneve(int version, int optionWords, boolean oam, boolean critical, int protocolType,
            int vni, byte[] options) {
        return new ByteBuilder().u8((version & 3) << 6 | (optionWords & 0x3f))
                .u8((oam ? 0x80 : 0) | (critical ? 0x40 : 0)).u16(protocolType)
                .u32(((long) (vni & 0xffffff)) << 8).bytes(options).toByteArray();
    }

    /**
     * Geneve options filling {@code words} 4-byte words: TLVs of option class, type and a length in words (at most
     * 31 data words each), with {@code fill} as the data bytes.
     */
    public static byte[] geneveOptions(int words, int optionClass, byte[] fill) {
        ByteBuilder b = new ByteBuilder();
        int left = words;
        int i = 0;
        while (left > 0) {
            int data = Math.min(left - 1, 31);
            b.u16(optionClass).u8(0x80 | (i++ & 0x7f)).u8(data);
            for (int k = 0; k < data * 4; k++) {
                b.u8(fill.length == 0 ? 0 : fill[k % fill.length]);
            }
            left -= data + 1;
        }
        return b.toByteArray();
    }

    /** A VXLAN header: flags (0x08 = valid VNI), 3 reserved bytes, VNI (24 bits), 1 reserved byte. */
    public static byte[] vxlan(int flags, int vni) {
        return new ByteBuilder().u8(flags).u8(0).u16(0).u32(((long) (vni & 0xffffff)) << 8).toByteArray();
    }
}
