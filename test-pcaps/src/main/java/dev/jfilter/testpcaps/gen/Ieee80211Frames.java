package dev.jfilter.testpcaps.gen;

/**
 * IEEE 802.11 MAC frames: management frames (24-byte header, then the body of the subtype), control frames (each
 * subtype with its own short layout: one address for CTS and ACK, two for the others), data frames (three
 * addresses, a fourth from a DS to a DS, two bytes of QoS control for the QoS subtypes) and frames of the reserved
 * type 3. The address positions of a data frame follow the To DS / From DS bits (IEEE 802.11-2020 9.3.2.1,
 * Table 9-26): no DS: DA, SA, BSSID; to the DS: BSSID, SA, DA; from the DS: DA, BSSID, SA; DS to DS: RA, TA, DA, SA.
 *
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11.html">LINKTYPE_IEEE802_11</a>
 */
final class Ieee80211Frames {
    private Ieee80211Frames() {
    }

    /** Frame types (frame control bits 2-3). */
    static final int MGT = 0, CTL = 1, DATA = 2, EXT = 3;
    /** Frame control, second byte. */
    static final int TO_DS = 0x01, FROM_DS = 0x02, MORE_FRAG = 0x04, RETRY = 0x08, PWR_MGT = 0x10,
            MORE_DATA = 0x20, PROTECTED = 0x40, ORDER = 0x80;
    /** Management subtypes. */
    static final int ASSOC_REQ = 0, ASSOC_RESP = 1, REASSOC_REQ = 2, REASSOC_RESP = 3, PROBE_REQ = 4,
            PROBE_RESP = 5, TIMING_ADV = 6, BEACON = 8, ATIM = 9, DISASSOC = 10, AUTH = 11, DEAUTH = 12,
            ACTION = 13, ACTION_NO_ACK = 14;
    /** Control subtypes. */
    static final int BF_REPORT_POLL = 4, NDP_ANNOUNCEMENT = 5, CTL_EXTENSION = 6, CTL_WRAPPER = 7, BAR = 8,
            BA = 9, PS_POLL = 10, RTS = 11, CTS = 12, ACK = 13, CF_END = 14, CF_END_ACK = 15;
    /** Data subtypes: the QoS bit, and the no-data bit (null function frames). */
    static final int QOS = 8, NO_DATA = 4;

    /** The two bytes of frame control: protocol version 0, type, subtype, then the flags byte. */
    static ByteBuilder frameControl(int type, int subtype, int flags) {
        return new ByteBuilder().u8(subtype << 4 | type << 2).u8(flags);
    }

    /** The MAC header's length for a data frame with these frame-control bytes (no HT control). */
    static int dataHeaderLength(int subtype, int flags) {
        return 24 + ((flags & 3) == 3 ? 6 : 0) + ((subtype & QOS) != 0 ? 2 : 0);
    }

    /** A management frame: DA, SA, BSSID, sequence control, body. */
    static byte[] management(int subtype, int flags, byte[] da, byte[] sa, byte[] bssid, int seq, byte[] body) {
        return frameControl(MGT, subtype, flags).u16(subtype == BEACON ? 0 : 0x3a01).bytes(da).bytes(sa)
                .bytes(bssid).u16le(seq << 4).bytes(body).toByteArray();
    }

    /**
     * A control frame of {@code subtype}: CTS and ACK carry the receiver only; PS-Poll an association id, BSSID
     * and transmitter; CF-End the receiver and BSSID; BAR and BA their control, starting sequence and (BA) bitmap;
     * the control wrapper the carried frame control, an HT control and the carried frame; the reserved and newer
     * subtypes the two addresses and {@code body}.
     */
    static byte[] control(int subtype, int flags, byte[] ra, byte[] ta, byte[] body) {
        ByteBuilder b = frameControl(CTL, subtype, flags);
        return switch (subtype) {
            case CTS, ACK -> b.u16(0x2c00).bytes(ra).toByteArray();
            case PS_POLL -> b.u16le(0xc000 | 1 + (ta[5] & 0x3f)).bytes(ra).bytes(ta).toByteArray();
            case CF_END, CF_END_ACK -> b.u16(0).bytes(ra).bytes(ta).toByteArray();
            case BAR -> b.u16(0x3a01).bytes(ra).bytes(ta).u16le(0x0004).u16le(ta[4] << 4 & 0xfff0).toByteArray();
            case BA -> b.u16(0).bytes(ra).bytes(ta).u16le(0x0005).u16le(ta[3] << 4 & 0xfff0).u32(0xffffffffL)
                    .u32(ta[2] & 0xff).toByteArray();
            case CTL_WRAPPER -> b.u16(0x2c00).bytes(ra).u8(CTS << 4 | CTL << 2).u8(0).u32(0).bytes(body)
                    .toByteArray();
            default -> b.u16(0x3a01).bytes(ra).bytes(ta).bytes(body).toByteArray();
        };
    }

    /** Data-frame addresses in the order of {@code flags}' DS bits: {@code a4} only from a DS to a DS. */
    record Addresses(byte[] a1, byte[] a2, byte[] a3, byte[] a4) {
        /** The addresses of a frame from {@code sa} to {@code da} through {@code bssid} (and a second AP). */
        static Addresses of(int ds, byte[] da, byte[] sa, byte[] bssid, byte[] otherAp) {
            return switch (ds & 3) {
                case 0 -> new Addresses(da, sa, bssid, null);
                case TO_DS -> new Addresses(bssid, sa, da, null);
                case FROM_DS -> new Addresses(da, bssid, sa, null);
                default -> new Addresses(otherAp, bssid, da, sa);
            };
        }
    }

    /**
     * A data frame: the addresses, sequence control, the fourth address from a DS to a DS, QoS control for the QoS
     * subtypes ({@code qos}: TID, EOSP, ack policy, A-MSDU present), 4 bytes of HT control if {@code htControl}.
     */
    static byte[] data(int subtype, int flags, Addresses a, int seq, int qos, boolean htControl, byte[] body) {
        ByteBuilder b = frameControl(DATA, subtype, flags).u16(0x3000).bytes(a.a1()).bytes(a.a2()).bytes(a.a3())
                .u16le(seq << 4);
        if ((flags & 3) == 3) {
            b.bytes(a.a4());
        }
        if ((subtype & QOS) != 0) {
            b.u16le(qos);
        }
        if (htControl) {
            b.u32(0x0000fc00L);
        }
        return b.bytes(body).toByteArray();
    }

    /** A CCMP header (packet number, key id with the extended-IV bit) before {@code ciphertext} and an 8-byte MIC. */
    static byte[] ccmp(long pn, int keyId, byte[] ciphertext, byte[] mic) {
        return new ByteBuilder().u8((int) pn).u8((int) (pn >>> 8)).u8(0).u8(0x20 | keyId << 6).u8((int) (pn >>> 16))
                .u8((int) (pn >>> 24)).u8((int) (pn >>> 32)).u8((int) (pn >>> 40)).bytes(ciphertext).bytes(mic)
                .toByteArray();
    }

    /** An information element: id, length, value. */
    static ByteBuilder element(ByteBuilder b, int id, byte[] value) {
        return b.u8(id).u8(value.length).bytes(value);
    }

    /** The body of a management frame of {@code subtype}, in the shape of the standard's frame format. */
    static byte[] managementBody(int subtype, String ssid, int channel, long tsf, byte[] bssid, byte[] extra) {
        byte[] name = ssid.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] rates = {(byte) 0x82, (byte) 0x84, (byte) 0x8b, (byte) 0x96, 0x0c, 0x12, 0x18, 0x24};
        ByteBuilder b = new ByteBuilder();
        switch (subtype) {
            case BEACON, PROBE_RESP -> {
                b.u32le(tsf).u32le(tsf >>> 32).u16le(100).u16le(0x0431);
                element(b, 0, name);
                element(b, 1, rates);
                element(b, 3, new byte[] {(byte) channel});
                if (subtype == BEACON) {
                    element(b, 5, new byte[] {0, 1, 0, 0});
                }
            }
            case PROBE_REQ -> {
                element(b, 0, name);
                element(b, 1, rates);
            }
            case ASSOC_REQ, REASSOC_REQ -> {
                b.u16le(0x0431).u16le(10);
                if (subtype == REASSOC_REQ) {
                    b.bytes(bssid);
                }
                element(b, 0, name);
                element(b, 1, rates);
            }
            case ASSOC_RESP, REASSOC_RESP -> {
                b.u16le(0x0431).u16le(0).u16le(0xc000 | channel);
                element(b, 1, rates);
            }
            case ATIM -> {
            }
            case DISASSOC, DEAUTH -> b.u16le(channel % 2 == 0 ? 3 : 8);
            case AUTH -> b.u16le(0).u16le(1 + channel % 2).u16le(0);
            case ACTION, ACTION_NO_ACK -> b.u8(channel % 2 == 0 ? 3 : 4).u8(channel % 3);
            default -> {
            }
        }
        return b.bytes(extra).toByteArray();
    }
}
