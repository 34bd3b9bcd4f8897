package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Synthetic 802.11 frames, bare or after a Prism, AVS, radiotap or PPI header, for the corpus: data frames (with
 * and without QoS, in all four DS directions) carrying LLC/SNAP payloads, management and control frames of every
 * subtype libpcap names, addresses in every position, and radio headers of several lengths and shapes (radiotap
 * with and without the Flags field, TSFT, an extended presence word, data padding; Prism headers that are really
 * AVS; PPI headers for 802.11 and for another link type), so that every branch of libpcap's run-time offset
 * computation ({@code gen_load_802_11_header_len} and the {@code gen_load_*_llprefixlen}) is taken.
 *
 * @see <a href="https://www.radiotap.org/">Radiotap</a>
 */
public final class WlanFrames {
    private WlanFrames() {}

    /** The address the suite's wlan tests look for, a broadcast and a multicast, and two plain ones. */
    static final long SUITE_MAC = 0x1234_5678_9abcL;
    private static final long[] MACS = {SUITE_MAC, 0xffff_ffff_ffffL, 0x0100_5e00_0001L, 0x0200_0000_0001L,
        0x0200_0000_0002L};

    private static final int MGT = 0;
    private static final int CTL = 1;
    private static final int DATA = 2;

    static boolean isWlan(LinkType type) {
        return switch (type) {
            case IEEE802_11, PRISM_HEADER, IEEE802_11_RADIO_AVS, IEEE802_11_RADIO, PPI -> true;
            default -> false;
        };
    }

    /**
     * A network-layer packet in 802.11 data frames behind LLC/SNAP: a plain one, and one whose shape (QoS, DS bits,
     * radio header) rotates with the packet's contents, so the corpus covers the shapes without multiplying.
     */
    static List<byte[]> framed(LinkType type, int etherType, byte[] l3) {
        int h = Arrays.hashCode(l3) & 0x7fffffff;
        byte[] llc = snap(0, etherType, l3);
        List<byte[]> out = new ArrayList<>();
        out.add(radio(type, h, data(0, 0, 0x0200_0000_0001L, 0x0200_0000_0002L, SUITE_MAC, llc)));
        int subtype = (h / 7) % 2 == 0 ? 0x8 : (h / 7) % 4 == 1 ? 0x0 : 0xc;
        out.add(radio(type, h / 3, data(subtype, (h / 5) % 4, MACS[h % MACS.length], MACS[(h / 11) % MACS.length],
                MACS[(h / 13) % MACS.length], llc)));
        return out;
    }

    /** Frames only an 802.11 link type has, each behind every radio header shape of the link type. */
    static List<byte[]> only(LinkType type) {
        List<byte[]> frames = new ArrayList<>();
        // Management and control frames of every subtype, every DS direction, the addresses in turn.
        int n = 0;
        for (int t : new int[] {MGT, CTL, 3}) {
            for (int sub = 0; sub < 16; sub++) {
                for (int ds = 0; ds < 4; ds += t == MGT ? 1 : 3) {
                    long a = MACS[n % MACS.length];
                    long b = MACS[(n / 5) % MACS.length];
                    frames.add(frame(t, sub, ds, a, b, MACS[(n + 2) % MACS.length], MACS[(n + 3) % MACS.length],
                            b(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)));
                    n++;
                }
            }
        }
        // Data frames of every subtype and DS direction, with the suite's address in each position.
        byte[] ip = snap(0, ETH_IP, ipv4(6, 0x0a000002L, 0x01020304L, ports(25, 53, 20)));
        for (int sub = 0; sub < 16; sub++) {
            for (int ds = 0; ds < 4; ds++) {
                for (int pos = 0; pos < 4; pos++) {
                    long[] addr = {0x0200_0000_0001L, 0x0200_0000_0002L, 0x0200_0000_0003L, 0x0200_0000_0004L};
                    addr[pos] = (sub + ds + pos) % 3 == 0 ? 0x0100_5e00_0001L : SUITE_MAC;
                    frames.add(frame(DATA, sub, ds, addr[0], addr[1], addr[2], addr[3], ip));
                }
            }
        }
        // Broadcast and multicast destinations in every position a destination can be.
        for (long dst : new long[] {0xffff_ffff_ffffL, 0x0300_0000_0000L}) {
            for (int ds = 0; ds < 4; ds++) {
                frames.add(data(0, ds, dst, 0x0200_0000_0002L, dst, ip));
                frames.add(data(8, ds, 0x0200_0000_0001L, dst, 0x0200_0000_0002L, ip));
            }
            frames.add(frame(MGT, 8, 0, dst, 0x0200_0000_0002L, dst, 0, b(0, 0, 0, 0)));
            frames.add(frame(CTL, 0xc, 0, dst, 0, 0, 0, b()));
        }
        // LLC payloads of the non-IP primitives, ARP and RARP, and the EtherTypes of the other protocols.
        for (byte[] llc : Synthetic.llcPayloads()) {
            frames.add(data(0, 1, 0x0200_0000_0001L, 0x0200_0000_0002L, SUITE_MAC, llc));
            frames.add(data(8, 2, 0x0200_0000_0001L, 0x0200_0000_0002L, SUITE_MAC, llc));
        }
        for (int op : new int[] {1, 2, 3, 4}) {
            frames.add(data(0, 0, SUITE_MAC, 2, 3, snap(0, ETH_ARP, arp(op, 0x01020304L, 0xc0a80001L))));
            frames.add(data(8, 1, SUITE_MAC, 2, 3, snap(0, 0x8035, arp(op, 0xc0a80001L, 0x01020304L))));
        }
        for (int t : new int[] {0x6001, 0x6002, 0x6003, 0x6004, 0x6007, 0x809b, 0x80f3, 0x8137, 0x8100, 0x88a8,
            0x9100, 0x8864, 0x8863, 0x8847}) {
            for (byte[] payload : Synthetic.decnetPayloads()) {
                frames.add(data(0, 0, 2, 3, 4, snap(0, t, payload)));
            }
        }
        // A VLAN tag in the SNAP payload, then IPv4 TCP (libpcap's 'vlan' on 802.11).
        byte[] tcp = ipv4(6, 0x0a000002L, 0x01020304L, ports(25, 53, 20));
        frames.add(data(0, 0, 2, 3, 4, snap(0, 0x8100, cat(b(0, 100, 0x08, 0x00), tcp))));
        frames.add(data(8, 0, 2, 3, 4, snap(0, 0x8100, cat(b(0, 100, 0x08, 0x00), tcp))));
        // Frames too short for the header fields.
        frames.add(b(0x08));
        frames.add(b(0x88, 0x00, 0, 0));
        frames.add(b(0x08, 0x01, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc));

        List<byte[]> out = new ArrayList<>();
        int i = 0;
        for (byte[] f : frames) {
            out.add(radio(type, i++, f));
        }
        // Every radio header shape, around a QoS data frame and a beacon.
        byte[] qos = data(8, 0, 2, 3, 4, ip);
        byte[] beacon = frame(MGT, 8, 0, 0xffff_ffff_ffffL, SUITE_MAC, SUITE_MAC, 0, b(0, 0, 0, 0));
        for (int shape = 0; shape < shapes(type); shape++) {
            out.add(radio(type, shape, qos));
            out.add(radio(type, shape, data(0, 0, 2, 3, 4, ip)));
            out.add(radio(type, shape, beacon));
        }
        out.addAll(oddRadioHeaders(type, qos));
        return out;
    }

    /** A data frame: subtype, DS bits, the three addresses. */
    public static byte[] data(int subtype, int ds, long a1, long a2, long a3, byte[] payload) {
        return frame(DATA, subtype, ds, a1, a2, a3, 0x0200_0000_0009L, payload);
    }

    /**
     * An 802.11 frame: frame control, duration, addresses as the type has them (1 for CTS and ACK, 2 for the other
     * control frames, 3, or 4 for a data frame from a DS to a DS), sequence control, QoS control for QoS data.
     */
    public static byte[] frame(int type, int subtype, int ds, long a1, long a2, long a3, long a4, byte[] payload) {
        byte[] fc = b((subtype << 4) | (type << 2), ds);
        byte[] dur = b(0x3a, 0x01);
        if (type == CTL) {
            boolean oneAddress = subtype == 0xc || subtype == 0xd;
            return oneAddress ? cat(fc, dur, mac(a1), payload) : cat(fc, dur, mac(a1), mac(a2), payload);
        }
        byte[] h = cat(fc, dur, mac(a1), mac(a2), mac(a3), b(0x10, 0x00));
        if (type == DATA && ds == 3) {
            h = cat(h, mac(a4));
        }
        if (type == DATA && (subtype & 0x8) != 0) {
            h = cat(h, b(0x00, 0x00));
        }
        return cat(h, payload);
    }

    private static int shapes(LinkType type) {
        return switch (type) {
            case IEEE802_11 -> 1;
            case PRISM_HEADER -> 3;
            case IEEE802_11_RADIO_AVS -> 2;
            case IEEE802_11_RADIO -> 8;
            case PPI -> 3;
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /** The frame behind the radio header of the link type, of shape {@code shape} (taken modulo the shapes). */
    public static byte[] radio(LinkType type, int shape, byte[] frame) {
        int s = Math.floorMod(shape, shapes(type));
        return switch (type) {
            case IEEE802_11 -> frame;
            case PRISM_HEADER -> s == 0 ? cat(prism(), frame) : cat(avs(s == 1 ? 64 : 72), frame);
            case IEEE802_11_RADIO_AVS -> cat(avs(s == 0 ? 64 : 80), frame);
            case IEEE802_11_RADIO -> radiotap(s, frame);
            case PPI -> cat(ppi(s == 2 ? 1 : 105, s == 1 ? 20 : 8), frame);
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /** A 144-byte Prism header (its first word a message code, not the AVS cookie). */
    private static byte[] prism() {
        byte[] h = new byte[144];
        h[0] = 0x44;
        for (int i = 4; i < h.length; i++) {
            h[i] = (byte) (i * 13);
        }
        return h;
    }

    /** An AVS header of {@code length} bytes: version 1 cookie, the length big-endian at 4. */
    private static byte[] avs(int length) {
        byte[] h = new byte[length];
        byte[] head = cat(be32(0x80211001L), be32(length));
        System.arraycopy(head, 0, h, 0, head.length);
        for (int i = 8; i < h.length; i++) {
            h[i] = (byte) (i * 7);
        }
        return h;
    }

    /** A PPI header for link type {@code dlt}: version 0, flags 0, the length and the DLT little-endian. */
    private static byte[] ppi(int dlt, int length) {
        byte[] h = new byte[length];
        h[2] = (byte) length;
        h[3] = (byte) (length >>> 8);
        h[4] = (byte) dlt;
        h[5] = (byte) (dlt >>> 8);
        for (int i = 8; i < h.length; i++) {
            h[i] = (byte) (i * 5);
        }
        return h;
    }

    /**
     * Radiotap shapes: no fields; Flags without data padding; Flags with it; TSFT and Flags with and without data
     * padding; an extended presence word (libpcap then ignores the Flags); Flags with padding and an odd header
     * length; a longer header with a channel field. With data padding the frame's header is padded to 4 bytes, as
     * the drivers do.
     */
    private static byte[] radiotap(int shape, byte[] frame) {
        byte[] fields;
        long present;
        int flags;
        switch (shape) {
            case 0 -> { present = 0; fields = b(); flags = -1; }
            case 1 -> { present = 0x2; fields = b(0x10); flags = 0x10; }
            case 2 -> { present = 0x2; fields = b(0x20, 0); flags = 0x20; }
            case 3 -> { present = 0x3; fields = b(1, 2, 3, 4, 5, 6, 7, 8, 0x20); flags = 0x20; }
            case 4 -> { present = 0x3; fields = b(1, 2, 3, 4, 5, 6, 7, 8, 0x00, 0); flags = 0; }
            case 5 -> { present = 0x8000_0002L; fields = b(0, 0, 0, 0, 0x20, 0); flags = -1; }
            case 6 -> { present = 0x2; fields = b(0x20, 0, 0, 0, 0, 0, 0); flags = 0x20; }
            default -> { present = 0x0000_000aL; fields = b(0x20, 0, 0x6c, 0x09, 0xa0, 0x00); flags = 0x20; }
        }
        int length = 8 + fields.length;
        byte[] h = cat(b(0, 0, length, length >>> 8), le32(present), fields);
        return cat(h, (flags & 0x20) != 0 && flags != -1 ? padded(length, frame) : frame);
    }

    /** Inserts the pad bytes between the MAC header and the payload that DATAPAD announces, for data frames. */
    private static byte[] padded(int radioLength, byte[] frame) {
        if (frame.length < 2 || (frame[0] & 0x0c) != 0x08) {
            return frame;
        }
        int header = (frame[0] & 0x80) != 0 ? 26 : 24;
        if (frame.length < header) {
            return frame;
        }
        int aligned = ((radioLength + header + 3) & ~3) - radioLength;
        return cat(Arrays.copyOf(frame, header), new byte[aligned - header],
                Arrays.copyOfRange(frame, header, frame.length));
    }

    /** Radio headers whose length field points past the packet or into the middle of it. */
    private static List<byte[]> oddRadioHeaders(LinkType type, byte[] frame) {
        return switch (type) {
            case IEEE802_11 -> List.of();
            case IEEE802_11_RADIO -> List.of(cat(b(0, 0, 0xff, 0x7f, 2, 0, 0, 0), frame), b(0, 0, 8),
                    cat(b(0, 0, 4, 0, 2, 0, 0, 0), frame));
            case PPI -> List.of(cat(b(0, 0, 0xff, 0x7f, 105, 0, 0, 0), frame), b(0, 0, 8, 0, 105));
            case IEEE802_11_RADIO_AVS, PRISM_HEADER -> List.of(cat(b(0x80, 0x21, 0x10, 0x01, 0, 0, 0x40, 0),
                    frame), b(0x80, 0x21, 0x10, 0x02, 0, 0, 0, 8), cat(be32(0x80211001L), be32(4), frame));
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /**
     * Where libpcap's program puts the link-layer payload of {@code packet} (its {@code off_linkpl} register): the
     * radio header's length as the link type reads it, the 24-byte MAC header, 2 more for QoS data, radiotap's data
     * padding. Bytes past the packet read as 0 (the program would have failed its load there).
     */
    static int payloadOffset(LinkType type, byte[] packet) {
        int radio = switch (type) {
            case IEEE802_11 -> 0;
            case PRISM_HEADER -> (be32At(packet, 0) & 0xfffff000) == 0x80211000 ? be32At(packet, 4) : 144;
            case IEEE802_11_RADIO_AVS -> be32At(packet, 4);
            case IEEE802_11_RADIO, PPI -> byteAt(packet, 2) | byteAt(packet, 3) << 8;
            default -> throw new IllegalArgumentException(type.name());
        };
        int payload = radio + 24;
        int fc = radio >= 0 ? byteAt(packet, radio) : 0;
        boolean data = (fc & 0x0c) == 0x08;
        if (data && (fc & 0x80) != 0) {
            payload += 2;
        }
        if (data && type == LinkType.IEEE802_11_RADIO) {
            int present = be32At(packet, 4);
            if ((present & 0x02000000) != 0 && (present & 0x80) == 0) {
                int flags = byteAt(packet, (present & 0x01000000) != 0 ? 16 : 8);
                if ((flags & 0x20) != 0) {
                    payload = (payload + 3) & ~3;
                }
            }
        }
        return payload;
    }

    private static int byteAt(byte[] b, int i) {
        return i >= 0 && i < b.length ? b[i] & 0xff : 0;
    }

    private static int be32At(byte[] b, int i) {
        return byteAt(b, i) << 24 | byteAt(b, i + 1) << 16 | byteAt(b, i + 2) << 8 | byteAt(b, i + 3);
    }

    private static byte[] le32(long v) {
        return b((int) v, (int) (v >>> 8), (int) (v >>> 16), (int) (v >>> 24));
    }
}
