package dev.jfilter.testpcaps.gen;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The radio-information headers in front of 802.11 frames: radiotap (little-endian; a presence bitmap of one or
 * more words, then the fields, each aligned to its natural size from the header's start), AVS (big-endian; a
 * version cookie and the header length), Prism (a 144-byte message of the Linux wlan-ng driver, in host order) and
 * PPI (little-endian; length, the encapsulated DLT, then typed fields).
 *
 * @see <a href="https://www.radiotap.org/">Radiotap</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11_RADIOTAP.html">LINKTYPE_IEEE802_11_RADIOTAP</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11_AVS.html">LINKTYPE_IEEE802_11_AVS</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_IEEE802_11_PRISM.html">LINKTYPE_IEEE802_11_PRISM</a>
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_PPI.html">LINKTYPE_PPI</a>
 */
final class RadioHeaders {
    private RadioHeaders() {
    }

    /** Radiotap Flags bits: CFP, short preamble, WEP, fragmentation, FCS at the end, data padding, bad FCS. */
    static final int F_CFP = 0x01, F_SHORTPRE = 0x02, F_WEP = 0x04, F_FRAG = 0x08, F_FCS = 0x10, F_DATAPAD = 0x20,
            F_BADFCS = 0x40;
    /** Radiotap presence bits. */
    static final int TSFT = 0, FLAGS = 1, RATE = 2, CHANNEL = 3, FHSS = 4, DBM_ANTSIGNAL = 5, DBM_ANTNOISE = 6,
            LOCK_QUALITY = 7, ANTENNA = 11, DB_ANTSIGNAL = 12, RX_FLAGS = 14, MCS = 19, AMPDU = 20, VHT = 21,
            RADIOTAP_NS = 29, EXT_PRESENT = 31;
    /** The AVS header's version-1 and version-2 cookies. */
    static final long AVS_V1 = 0x80211001L, AVS_V2 = 0x80211002L;
    /** The PPI field types: 802.11-Common, 802.11n MAC extensions, MAC+PHY, aggregation, 802.3, GPS. */
    static final int PPI_COMMON = 2, PPI_MAC_EXT = 3, PPI_MAC_PHY = 4, PPI_AGGREGATION = 8, PPI_8023 = 9,
            PPI_GPS = 30002;

    /**
     * A radiotap header: {@code present} the presence bits of the first word (bit 31 is set here when
     * {@code extraWords} > 0: each extra word announces an antenna signal and an antenna, in the radiotap namespace,
     * the last without bit 31); {@code flags} the Flags field's value when {@code FLAGS} is present;
     * {@code padTo} rounds the length up (the header is padded to it with zeros, as some drivers do).
     */
    static byte[] radiotap(int present, int extraWords, int flags, int padTo, Pools p) {
        int words = 1 + extraWords;
        int word0 = present | (extraWords > 0 ? 1 << EXT_PRESENT : 0);
        ByteBuilder b = new ByteBuilder().u8(0).u8(0).u16le(0).u32le(word0 & 0xffffffffL);
        for (int w = 1; w < words; w++) {
            long more = w < words - 1 ? 1L << EXT_PRESENT | 1L << RADIOTAP_NS : 0;
            long bits = 1L << DBM_ANTSIGNAL | 1L << ANTENNA | more;
            b.u32le(bits);
        }
        for (int bit = 0; bit < 31; bit++) {
            if ((present & 1 << bit) != 0) {
                field(b, bit, flags, p);
            }
        }
        for (int w = 1; w < words; w++) {
            b.u8(-20 - p.between(0, 70)).u8(w - 1);
        }
        if (padTo > 1) {
            b.padTo(padTo, 0);
        }
        byte[] h = b.toByteArray();
        h[2] = (byte) h.length;
        h[3] = (byte) (h.length >>> 8);
        return h;
    }

    private static void field(ByteBuilder b, int bit, int flags, Pools p) {
        switch (bit) {
            case TSFT -> b.padTo(8, 0).u32le(p.random().nextInt() & 0xffffffffL).u32le(p.between(0, 9));
            case FLAGS -> b.u8(flags);
            case RATE -> b.u8(p.pick(List.of(2, 4, 11, 22, 12, 18, 24, 36, 48, 72, 96, 108)));
            case CHANNEL -> {
                int channel = p.pick(List.of(1, 6, 11, 36, 149));
                int mhz = channel < 15 ? 2407 + 5 * channel : 5000 + 5 * channel;
                b.padTo(2, 0).u16le(mhz).u16le(channel < 15 ? 0x00a0 : 0x0140);
            }
            case FHSS -> b.u8(1).u8(p.between(0, 77));
            case DBM_ANTSIGNAL, DBM_ANTNOISE -> b.u8(bit == DBM_ANTSIGNAL ? -20 - p.between(0, 70) : -95);
            case LOCK_QUALITY -> b.padTo(2, 0).u16le(p.between(0, 100));
            case ANTENNA -> b.u8(p.between(0, 3));
            case DB_ANTSIGNAL -> b.u8(p.between(0, 60));
            case RX_FLAGS -> b.padTo(2, 0).u16le(p.chance(0.9) ? 0 : 2);
            case MCS -> b.u8(0x07).u8(p.between(0, 0x1f) & 0x15).u8(p.between(0, 15));
            case AMPDU -> b.padTo(4, 0).u32le(p.between(0, 5000)).u16le(0).u8(0).u8(0);
            case VHT -> b.padTo(2, 0).u16le(0x0044).u8(0x04).u8(0).u8(0x92).u8(0).u8(0).u8(0).u8(0).u8(0).u16le(0);
            default -> throw new IllegalArgumentException("no radiotap field " + bit);
        }
    }

    /** A short description of a radiotap header's presence bits and flags, for the notes. */
    static String describeRadiotap(int present, int extraWords, int flags, int length) {
        List<String> names = new ArrayList<>();
        String[] known = {"TSFT", "Flags", "Rate", "Channel", "FHSS", "dBmSignal", "dBmNoise", "Lock", "", "", "",
            "Antenna", "dBSignal", "", "RXFlags", "", "", "", "", "MCS", "AMPDU", "VHT"};
        for (int bit = 0; bit < known.length; bit++) {
            if ((present & 1 << bit) != 0) {
                names.add(known[bit] + (bit == FLAGS ? String.format("=0x%02x", flags) : ""));
            }
        }
        return "radiotap " + length + " [" + String.join(",", names) + "]" + (extraWords > 0 ? " +" + extraWords
                + " presence words" : "");
    }

    /**
     * An AVS header whose first word is {@code cookie} and length field {@code lengthField}, {@code size} bytes
     * long: MAC time, host time, PHY type, channel, rate, antenna, priority, SSI type, signal, noise, preamble,
     * encoding (64 bytes), zeros after.
     */
    static byte[] avs(long cookie, long lengthField, int size, Pools p) {
        ByteBuilder b = new ByteBuilder().u32(cookie).u32(lengthField).u32(0).u32(p.random().nextInt() & 0xffffffffL)
                .u32(0x6551L).u32(p.random().nextInt() & 0xffffffffL).u32(p.pick(List.of(4L, 6L, 7L)))
                .u32(p.pick(List.of(1L, 6L, 11L, 36L))).u32(p.pick(List.of(10L, 20L, 110L, 540L))).u32(p.between(0, 2))
                .u32(0).u32(1).u32(-20 - p.between(0, 70) & 0xffffffffL).u32(-95 & 0xffffffffL).u32(p.between(0, 2))
                .u32(p.between(0, 4));
        byte[] h = b.toByteArray();
        return java.util.Arrays.copyOf(h, size);
    }

    /** The Prism header's length, fixed. */
    static final int PRISM_LENGTH = 144;

    /**
     * A Prism monitor header (wlan-ng's {@code p80211msg_lnxind_wlansniffrm}, host order: little-endian here):
     * message code, length, device name, then ten items of did, status, length and a 32-bit value.
     */
    static byte[] prism(int msgCode, String device, Pools p) {
        ByteBuilder b = new ByteBuilder().u32le(msgCode).u32le(PRISM_LENGTH);
        byte[] name = device.getBytes(StandardCharsets.US_ASCII);
        b.bytes(name).fill(16 - name.length, 0);
        long[] values = {p.random().nextInt() & 0xffffffffL, p.random().nextInt() & 0xffffffffL,
            p.pick(List.of(1L, 6L, 11L)), p.between(0, 60), 0, p.between(0, 60), 0, p.pick(List.of(2L, 4L, 11L, 22L)),
            0, p.between(24, 1500)};
        for (int i = 0; i < values.length; i++) {
            b.u32le((long) (i + 1) << 16 | msgCode).u16le(i == 4 || i == 6 ? 1 : 0).u16le(4).u32le(values[i]);
        }
        return b.toByteArray();
    }

    /** A PPI header for link type {@code dlt} with {@code fields} (each its type, length and value). */
    static byte[] ppi(int dlt, List<byte[]> fields) {
        ByteBuilder body = new ByteBuilder();
        fields.forEach(body::bytes);
        return new ByteBuilder().u8(0).u8(0).u16le(8 + body.size()).u32le(dlt).bytes(body.toByteArray())
                .toByteArray();
    }

    /** A PPI header with a length field that is not its size: {@code size} bytes, {@code lengthField} claimed. */
    static byte[] ppiClaiming(int dlt, int lengthField, int size) {
        ByteBuilder b = new ByteBuilder().u8(0).u8(0).u16le(lengthField).u32le(dlt);
        for (int i = 8; i < size; i++) {
            b.u8(i * 5);
        }
        return java.util.Arrays.copyOf(b.toByteArray(), size);
    }

    /** A PPI field of {@code type}: its 4-byte header and a value of the size the type has. */
    static byte[] ppiField(int type, Pools p) {
        byte[] value = switch (type) {
            // TSF timer, flags, rate, channel frequency and flags, FHSS hop set and pattern, signal, noise.
            case PPI_COMMON -> new ByteBuilder().u32le(p.random().nextInt() & 0xffffffffL).u32le(0).u16le(0)
                    .u16le(p.pick(List.of(2, 11, 108))).u16le(p.pick(List.of(2412, 2437, 5180))).u16le(0x00a0).u8(0)
                    .u8(0).u8(-20 - p.between(0, 70)).u8(-95).toByteArray();
            case PPI_MAC_EXT -> new ByteBuilder().u32le(p.between(0, 3)).u32le(p.between(0, 100)).u8(0).fill(3, 0)
                    .toByteArray();
            case PPI_MAC_PHY -> p.bytes(48);
            case PPI_AGGREGATION -> new ByteBuilder().u32le(p.between(0, 3)).toByteArray();
            case PPI_8023 -> new ByteBuilder().u32le(1).u32le(0).toByteArray();
            default -> new ByteBuilder().u8(2).u8(0).u16le(20).u32le(0x2).bytes(p.bytes(12)).toByteArray();
        };
        return new ByteBuilder().u16le(type).u16le(value.length).bytes(value).toByteArray();
    }
}
