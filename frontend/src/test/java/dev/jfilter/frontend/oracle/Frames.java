package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.link.LinkType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Synthetic packets, built field by field, for the primitives' tests. */
public final class Frames {
    private Frames() {}

    public static final int ETH_IP = 0x0800;
    public static final int ETH_IPV6 = 0x86dd;
    public static final int ETH_ARP = 0x0806;

    /** Bytes from ints (each taken modulo 256). */
    public static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] be16(int v) {
        return b(v >>> 8, v);
    }

    static byte[] be32(long v) {
        return b((int) (v >>> 24), (int) (v >>> 16), (int) (v >>> 8), (int) v);
    }

    /** An IPv4 header (no checksum) with {@code ihl} words, flags/fragment offset, then the payload. */
    public static byte[] ipv4(int proto, long src, long dst, int ihl, int fragField, byte[] payload) {
        byte[] h = new byte[ihl * 4];
        h[0] = (byte) (0x40 | ihl);
        int total = h.length + payload.length;
        h[2] = (byte) (total >>> 8);
        h[3] = (byte) total;
        h[6] = (byte) (fragField >>> 8);
        h[7] = (byte) fragField;
        h[8] = 64;
        h[9] = (byte) proto;
        System.arraycopy(be32(src), 0, h, 12, 4);
        System.arraycopy(be32(dst), 0, h, 16, 4);
        return cat(h, payload);
    }

    public static byte[] ipv4(int proto, long src, long dst, byte[] payload) {
        return ipv4(proto, src, dst, 5, 0, payload);
    }

    /** An IPv6 header with 16-byte addresses, then the payload. */
    public static byte[] ipv6(int next, byte[] src, byte[] dst, byte[] payload) {
        byte[] h = new byte[40];
        h[0] = 0x60;
        h[4] = (byte) (payload.length >>> 8);
        h[5] = (byte) payload.length;
        h[6] = (byte) next;
        h[7] = 64;
        System.arraycopy(src, 0, h, 8, 16);
        System.arraycopy(dst, 0, h, 24, 16);
        return cat(h, payload);
    }

    public static byte[] addr6(String literal) {
        return java.net.InetAddress.ofLiteral(literal).getAddress();
    }

    /** An IPv6 extension header of {@code 8 * (lenUnits + 1)} bytes (HBH, DO, RH; FH has lenUnits 0). */
    public static byte[] ext6(int next, int lenUnits) {
        byte[] h = new byte[8 * (lenUnits + 1)];
        h[0] = (byte) next;
        h[1] = (byte) lenUnits;
        return h;
    }

    /** An AH header of {@code 4 * (len + 2)} bytes. */
    public static byte[] ah(int next, int len) {
        byte[] h = new byte[4 * (len + 2)];
        h[0] = (byte) next;
        h[1] = (byte) len;
        return h;
    }

    /** TCP (20 bytes, or more with {@code extra}), UDP and SCTP headers start with the two ports. */
    public static byte[] ports(int src, int dst, int headerLength) {
        byte[] h = new byte[headerLength];
        h[0] = (byte) (src >>> 8);
        h[1] = (byte) src;
        h[2] = (byte) (dst >>> 8);
        h[3] = (byte) dst;
        for (int i = 4; i < headerLength; i++) {
            h[i] = (byte) (i * 37);
        }
        return h;
    }

    /** An ARP or RARP payload for IPv4 over Ethernet. */
    public static byte[] arp(int op, long spa, long tpa) {
        return cat(b(0, 1, 8, 0, 6, 4, 0, op), b(2, 0, 0, 0, 0, 1), be32(spa), b(0, 0, 0, 0, 0, 0), be32(tpa));
    }

    public static byte[] ethernet(long dst, long src, int type, byte[] payload) {
        return cat(mac(dst), mac(src), be16(type), payload);
    }

    /** An 802.3 frame: the length field, then the payload (an 802.2 header and what follows). */
    public static byte[] ieee8023(long dst, long src, byte[] payload) {
        return cat(mac(dst), mac(src), be16(Math.min(payload.length, 1500)), payload);
    }

    static byte[] mac(long m) {
        return b((int) (m >>> 40), (int) (m >>> 32), (int) (m >>> 24), (int) (m >>> 16), (int) (m >>> 8), (int) m);
    }

    public static byte[] snap(int org, int type, byte[] payload) {
        return cat(b(0xaa, 0xaa, 0x03, org >>> 16, org >>> 8, org), be16(type), payload);
    }

    /** A Linux cooked v1 header. */
    public static byte[] sll(int packetType, int protocol, byte[] payload) {
        return cat(be16(packetType), be16(1), be16(6), b(2, 0, 0, 0, 0, 1, 0, 0), be16(protocol), payload);
    }

    /** A Linux cooked v2 header. */
    public static byte[] sll2(int protocol, long ifIndex, int packetType, byte[] payload) {
        return cat(be16(protocol), be16(0), be32(ifIndex), be16(1), b(packetType, 6), b(2, 0, 0, 0, 0, 1, 0, 0),
                payload);
    }

    /** A 4-byte address-family header in the given byte order. */
    public static byte[] family(int af, ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? be32(af) : b(af, af >>> 8, af >>> 16, af >>> 24);
    }

    /**
     * A network-layer packet framed for a link type, as its EtherType says (for NULL/LOOP: AF_INET or the Linux
     * AF_INET6, host order for NULL). Empty list when the link type cannot carry it.
     */
    public static List<byte[]> framed(LinkType type, int etherType, byte[] l3) {
        List<byte[]> out = new ArrayList<>();
        switch (type) {
            case EN10MB -> out.add(ethernet(0x0200_0000_0001L, 0x0200_0000_0002L, etherType, l3));
            case LINUX_SLL -> {
                out.add(sll(0, etherType, l3));
                out.add(sll(4, etherType, l3));
            }
            case LINUX_SLL2 -> {
                out.add(sll2(etherType, 3, 0, l3));
                out.add(sll2(etherType, 7, 4, l3));
            }
            case RAW -> out.add(l3);
            case IPV4 -> out.add(l3);
            case IPV6 -> out.add(l3);
            case NULL -> {
                int af = etherType == ETH_IP ? 2 : etherType == ETH_IPV6 ? 10 : 99;
                out.add(cat(family(af, ByteOrder.nativeOrder()), l3));
                out.add(cat(family(etherType == ETH_IPV6 ? 30 : af, ByteOrder.BIG_ENDIAN), l3));
            }
            case LOOP -> {
                int af = etherType == ETH_IP ? 2 : etherType == ETH_IPV6 ? 10 : 99;
                out.add(cat(family(af, ByteOrder.BIG_ENDIAN), l3));
                out.add(cat(family(etherType == ETH_IPV6 ? 24 : af, ByteOrder.BIG_ENDIAN), l3));
            }
            case FDDI, IEEE802, IP_OVER_FC, ATM_RFC1483, ATM_CLIP, SUNATM ->
                    out.addAll(LlcFrames.framed(type, etherType, l3));
            case DSA_TAG_BRCM, DSA_TAG_DSA, NETANALYZER, NETANALYZER_TRANSPARENT, DSA_TAG_BRCM_PREPEND,
                    DSA_TAG_EDSA, NETANALYZER_NG -> out.addAll(
                            ethernetLike(type, ethernet(0x0200_0000_0001L, 0x0200_0000_0002L, etherType, l3)));
            case ARCNET, ARCNET_LINUX -> {
                out.add(arcnet(type, 0x0e, 0x8c, arcnetCode(etherType, false), l3));
                if (etherType == ETH_IP || etherType == ETH_ARP) {
                    // RFC 1051's codes, which libpcap master no longer matches.
                    out.add(arcnet(type, 0xa4, 0x00, arcnetCode(etherType, true), l3));
                }
            }
            case BACNET_MS_TP -> out.add(mstp(6, 0xa7, 0xa8, l3));
            case PFLOG -> out.addAll(PflogFrames.framed(etherType, l3));
            case MTP2, MTP2_WITH_PHDR, MTP3 -> { } // SS7 links carry no IP: Ss7Frames
            case IEEE802_11, PRISM_HEADER, IEEE802_11_RADIO_AVS, IEEE802_11_RADIO, PPI ->
                    out.addAll(WlanFrames.framed(type, etherType, l3));
            default -> {
                if (!SerialFrames.covers(type)) {
                    throw new IllegalArgumentException(type.name());
                }
                out.addAll(SerialFrames.framed(type, etherType, l3));
            }
        }
        return out;
    }

    /**
     * An Ethernet frame as a link type that carries one (or, for the link types libpcap tests by {@code link[...]}
     * only, as their captures carry it): with each DSA tag whose first byte libpcap's direction tests tell apart
     * (Broadcom's opcode, Marvell's mode), behind the netANALYZER pseudo-header (and preamble and SFD), before a
     * netANALYZER NG footer.
     */
    public static List<byte[]> ethernetLike(LinkType type, byte[] frame) {
        byte[] addresses = java.util.Arrays.copyOf(frame, Math.min(12, frame.length));
        byte[] rest = java.util.Arrays.copyOfRange(frame, addresses.length, frame.length);
        return switch (type) {
            case EN10MB -> List.of(frame);
            // Opcode 0 (switch to CPU, inbound), 1 (CPU to switch, outbound) and a reserved one.
            case DSA_TAG_BRCM -> List.of(cat(addresses, b(0x00, 0x00, 0x00, 0x03), rest),
                    cat(addresses, b(0x20, 0x00, 0x00, 0x01), rest), cat(addresses, b(0xe0, 0x00, 0x00, 0x00), rest));
            // Modes To_CPU, From_CPU, To_Sniffer and Forward.
            case DSA_TAG_DSA -> List.of(cat(addresses, b(0x00, 0x01, 0x00, 0x00), rest),
                    cat(addresses, b(0x40, 0x02, 0x00, 0x00), rest), cat(addresses, b(0x80, 0x03, 0x00, 0x00), rest),
                    cat(addresses, b(0xc0, 0x04, 0x00, 0x00), rest));
            case NETANALYZER -> List.of(cat(b(0x0c, 0x01, 0x00, 0x00), frame));
            case NETANALYZER_TRANSPARENT ->
                    List.of(cat(b(0x0c, 0x01, 0x00, 0x00), b(0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xd5), frame));
            case DSA_TAG_BRCM_PREPEND -> List.of(cat(b(0x20, 0x00, 0x00, 0x01), frame));
            case DSA_TAG_EDSA -> List.of(cat(addresses, b(0xda, 0xda, 0x00, 0x00, 0x40, 0x02, 0x00, 0x00), rest));
            case NETANALYZER_NG -> List.of(cat(frame, b(0x01, 0x02, 0x03, 0x04, 0x00, 0x10, 0x00, 0x00)));
            default -> throw new IllegalArgumentException("not an Ethernet-like link type: " + type);
        };
    }

    /**
     * An ARCnet frame: source and destination station, then the system code, at 2 with the payload at 6 (BSD) or
     * at 4 with the payload at 8 (Linux, after a 2-byte offset).
     */
    public static byte[] arcnet(LinkType type, int src, int dst, int code, byte[] payload) {
        return type == LinkType.ARCNET
                ? cat(b(src, dst, code, 0, 0, 0), payload)
                : cat(b(src, dst, 0, 0, code, 0, 0, 0), payload);
    }

    /** The ARCnet system code for an EtherType: RFC 1201's, or RFC 1051's for IPv4 and ARP if {@code old}. */
    static int arcnetCode(int etherType, boolean old) {
        return switch (etherType) {
            case ETH_IP -> old ? 240 : 212;
            case ETH_ARP -> old ? 241 : 213;
            case 0x8035 -> 214;
            case 0x809b -> 221;
            case ETH_IPV6 -> 0xc4;
            default -> etherType & 0xff;
        };
    }

    /** A BACnet MS/TP frame: preamble, frame type, destination and source station, data length, header CRC. */
    public static byte[] mstp(int frameType, int dst, int src, byte[] data) {
        return cat(b(0x55, 0xff, frameType, dst, src), be16(data.length), b(0x5a), data);
    }
}
