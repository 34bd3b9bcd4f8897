package dev.jfilter.frontend.oracle;

import static dev.jfilter.frontend.oracle.Frames.*;

import dev.jfilter.frontend.link.LinkType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic frames for the PPP, serial and other fixed-header link types (PPP and its relatives, Cisco HDLC, SLIP,
 * Frame Relay, the Juniper types, IPnet, ENC, LocalTalk, the Symantec firewall and Apple IP-over-1394 headers, and the
 * types without a protocol field): every network-layer packet framed with each protocol value and direction the
 * programs test ({@link #framed}), plus the non-IP protocol values ({@link #extra}) so that every branch of libpcap's
 * tests on these headers is taken by some packet.
 */
final class SerialFrames {
    private SerialFrames() {}

    /** The Juniper link types libpcap tests by their magic number. */
    static final List<LinkType> JUNIPER = List.of(LinkType.JUNIPER_MFR, LinkType.JUNIPER_MLFR,
            LinkType.JUNIPER_MLPPP, LinkType.JUNIPER_ATM1, LinkType.JUNIPER_ATM2, LinkType.JUNIPER_PPPOE,
            LinkType.JUNIPER_PPPOE_ATM, LinkType.JUNIPER_GGSN, LinkType.JUNIPER_ES, LinkType.JUNIPER_MONITOR,
            LinkType.JUNIPER_SERVICES, LinkType.JUNIPER_ETHER, LinkType.JUNIPER_PPP, LinkType.JUNIPER_FRELAY,
            LinkType.JUNIPER_CHDLC, LinkType.JUNIPER_VP, LinkType.JUNIPER_ST, LinkType.JUNIPER_ISM,
            LinkType.JUNIPER_VS, LinkType.JUNIPER_SRX_E2E, LinkType.JUNIPER_FIBRECHANNEL,
            LinkType.JUNIPER_ATM_CEMIC);

    /** The link types these frames are for. */
    static boolean covers(LinkType type) {
        return switch (type) {
            case PPP, PPP_PPPD, PPP_SERIAL, PPP_ETHER, PPP_BSDOS, C_HDLC, SLIP, SLIP_BSDOS, FRELAY, MFR, IPNET, ENC,
                    LTALK, SYMANTEC_FIREWALL, APPLE_IP_OVER_IEEE1394, PFSYNC, JUNIPER_PIC_PEER -> true;
            default -> JUNIPER.contains(type);
        };
    }

    /** The PPP protocol libpcap maps an EtherType to (gencode.c {@code ethertype_to_ppptype}), for IP and IPv6. */
    private static int ppp(int etherType) {
        return etherType == ETH_IP ? 0x0021 : etherType == ETH_IPV6 ? 0x0057 : etherType;
    }

    /** A network-layer packet (or other payload) framed for the link type, with the protocol value given. */
    static List<byte[]> framed(LinkType type, int etherType, byte[] l3) {
        List<byte[]> out = new ArrayList<>();
        switch (type) {
            case PPP, PPP_SERIAL -> {
                out.add(cat(b(0xff, 0x03), be16(ppp(etherType)), l3));
                out.add(cat(b(0x0f, 0x00), be16(ppp(etherType)), l3));
            }
            case PPP_PPPD -> {
                // The direction byte: in, out, and a value that is neither.
                for (int dir : new int[] {0, 1, 2}) {
                    out.add(cat(b(dir, 0x03), be16(ppp(etherType)), l3));
                }
            }
            case PPP_ETHER -> out.add(cat(b(0x11, 0x00, 0x00, 0x3b), be16(l3.length + 2), be16(ppp(etherType)), l3));
            case PPP_BSDOS -> {
                out.add(cat(bsdosHeader(ppp(etherType)), l3));
                if (etherType == ETH_IP) {
                    // Van Jacobson compressed and uncompressed TCP/IP also count as IP.
                    out.add(cat(bsdosHeader(0x002d), l3));
                    out.add(cat(bsdosHeader(0x002f), l3));
                }
            }
            case C_HDLC -> {
                out.add(cat(b(0x0f, 0x00), be16(etherType), l3));
                out.add(cat(b(0x8f, 0x00), be16(etherType), l3));
            }
            case SLIP, SLIP_BSDOS -> {
                // The first byte is the direction (SLIP) and also what libpcap master tests as an IP version.
                int header = type == LinkType.SLIP ? 16 : 24;
                for (int first : new int[] {0, 1, 0x45, 0x60}) {
                    byte[] h = new byte[header];
                    h[0] = (byte) first;
                    h[1] = (byte) 0x45;
                    out.add(cat(h, l3));
                }
            }
            case FRELAY -> {
                int nlpid = etherType == ETH_IP ? 0xcc : etherType == ETH_IPV6 ? 0x8e : 0x80;
                out.add(cat(b(0x18, 0x41, 0x03, nlpid), l3));
                // Not an unnumbered-information frame.
                out.add(cat(b(0x18, 0x41, 0x13, nlpid), l3));
            }
            case IPNET -> {
                int af = etherType == ETH_IP ? 2 : etherType == ETH_IPV6 ? 26 : 0;
                for (int dir : new int[] {1, 2, 3}) {
                    out.add(cat(ipnetHeader(af, dir), l3));
                }
            }
            case ENC -> {
                int af = etherType == ETH_IP ? 2 : etherType == ETH_IPV6 ? 10 : 99;
                out.add(cat(family(af, ByteOrder.nativeOrder()), b(0, 0, 0, 1, 0, 0, 0, 0), l3));
                out.add(cat(family(etherType == ETH_IPV6 ? 28 : af, ByteOrder.BIG_ENDIAN), b(0, 0, 0, 1, 0, 0, 0, 0),
                        l3));
            }
            case LTALK -> out.add(l3);
            case SYMANTEC_FIREWALL -> {
                byte[] h = new byte[44];
                h[6] = (byte) (etherType >>> 8);
                h[7] = (byte) etherType;
                out.add(cat(h, l3));
            }
            case APPLE_IP_OVER_IEEE1394 -> out.add(cat(b(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                    be16(etherType), l3));
            case MFR, PFSYNC, JUNIPER_PIC_PEER -> {
                out.add(l3);
                out.add(cat(b(0x00, 0x01, 0x03, 0xcc), l3));
            }
            default -> {
                if (!JUNIPER.contains(type)) {
                    throw new IllegalArgumentException(type.name());
                }
                for (int flags : new int[] {0x00, 0x01, 0x03}) {
                    out.add(cat(juniperHeader(type, flags), l3));
                }
                // Not Juniper's magic.
                out.add(cat(b(0x4d, 0x47, 0x44, 0x01), new byte[juniperHeader(type, 0).length - 4], l3));
            }
        }
        return out;
    }

    /** Frames with the protocol values IP and IPv6 do not take: OSI, IPX, AppleTalk, DECnet, MPLS, STP... */
    static List<byte[]> extra(LinkType type) {
        List<byte[]> out = new ArrayList<>();
        byte[] v4 = ipv4(6, 0x0a000001L, 0x01020304L, ports(80, 1025, 20));
        byte[] mpls = cat(b(0x00, 0x06, 0x41, 0x40), v4);
        byte[] arp = arp(1, 0x01020304L, 0xc0a80001L);
        List<byte[]> arps = List.of(arp, arp(2, 0xc0a80001L, 0x01020304L), arp(1, 0xc0a80001L, 0xc0a80002L));
        switch (type) {
            case PPP, PPP_SERIAL, PPP_PPPD, PPP_ETHER, PPP_BSDOS -> {
                for (int proto : new int[] {0x0023, 0x0025, 0x0027, 0x0029, 0x002b, 0x0031, 0x0806, 0x8035, 0x6004,
                    0x0600, 0x0042, 0x00fe, 0x00e0, 0x809b, 0x6003, 0x002d, 0x002f}) {
                    for (byte[] payload : proto == 0x0806 || proto == 0x8035 ? arps : List.of(osiPdus().get(3))) {
                        out.addAll(framed(type, proto, payload));
                    }
                }
                for (byte[] osi : osiPdus()) {
                    out.addAll(framed(type, 0x0023, osi));
                }
                out.addAll(framed(type, 0x0281, mpls));
                out.addAll(framed(type, 0x0021, mpls));
                // Long packets whose bytes past the headers are 0xcd or not, for the tests of far-in bytes
                // (proto[0xab] == 0xcd).
                for (int fill : new int[] {0xcd, 0x11}) {
                    byte[] filler = new byte[200];
                    java.util.Arrays.fill(filler, (byte) fill);
                    out.addAll(framed(type, 0x8035, cat(arp, filler)));
                    out.addAll(framed(type, 0x0027, cat(b(0, 0, 0x02, 1, 2, 3, 4, 0, 0, 0, 0, 0), filler)));
                    out.addAll(framed(type, ETH_IP, ipv4(17, 0x0a000001L, 0x01020304L, cat(ports(53, 1025, 8),
                            filler))));
                    out.addAll(framed(type, ETH_IPV6, ipv6(58, addr6("fe80::1"), addr6("ff02::1"),
                            cat(b(135, 0, 0, 0), filler))));
                    out.addAll(framed(type, ETH_IPV6, ipv6(17, addr6("fe80::1"), addr6("ff02::1"),
                            cat(ports(53, 1025, 8), filler))));
                }
            }
            case C_HDLC -> {
                for (byte[] osi : osiPdus()) {
                    out.addAll(framed(type, 0xfefe, cat(b(0), osi)));
                }
                out.addAll(framed(type, 0x8847, mpls));
                out.addAll(framed(type, 0x8847, cat(b(0x00, 0x06, 0x40, 0x40), b(0x00, 0x07, 0x01, 0x40), v4)));
                for (int t : new int[] {0x0806, 0x8035}) {
                    for (byte[] payload : arps) {
                        out.addAll(framed(type, t, payload));
                    }
                }
                for (int t : new int[] {0x809b, 0x80f3, 0x8137, 0x6003, 0x6004, 0x0600, 0x00fe, 0x0042, 0x8035}) {
                    out.addAll(framed(type, t, osiPdus().get(0)));
                }
            }
            case FRELAY -> {
                for (byte[] osi : osiPdus()) {
                    out.add(cat(b(0x18, 0x41, 0x03), osi));
                    out.add(cat(b(0x18, 0x41, 0x03), osi[0] == 0x83 ? cat(b(0x83), osi) : osi));
                }
                out.add(cat(b(0x18, 0x41, 0x03, 0x80), snapOf(v4)));
            }
            case LTALK -> {
                // LLAP: destination, source, type (1: short DDP, 2: long DDP), then DDP.
                out.add(cat(b(0xff, 0x01, 0x01), b(0, 20, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)));
                out.add(cat(b(0x05, 0x01, 0x02), b(0, 20, 0, 0, 0, 1, 0, 2, 5, 1, 2, 3, 4, 5, 6, 7, 8)));
            }
            case IPNET, SYMANTEC_FIREWALL, APPLE_IP_OVER_IEEE1394 -> {
                for (int t : new int[] {0x0806, 0x8035}) {
                    for (byte[] payload : arps) {
                        out.addAll(framed(type, t, payload));
                    }
                }
            }
            default -> {
                if (!covers(type)) {
                    throw new IllegalArgumentException(type.name());
                }
            }
        }
        return out;
    }

    /** OSI PDUs from the NLPID: CLNP, ES-IS and IS-IS with several PDU types, and an unknown NLPID. */
    private static List<byte[]> osiPdus() {
        List<byte[]> out = new ArrayList<>();
        for (int nlpid : new int[] {0x81, 0x82, 0x83}) {
            for (int pdu : new int[] {15, 16, 17, 18, 20, 24, 25, 26, 27, 0x3f}) {
                out.add(b(nlpid, 0x1b, 1, 0, pdu, pdu, 0, 0, 0, 0));
            }
        }
        out.add(b(0x99, 0x1b, 1, 0, 18, 18, 0, 0));
        return out;
    }

    private static byte[] snapOf(byte[] v4) {
        return cat(b(0x00, 0x00, 0x00), be16(0x0800), v4);
    }

    /** BSD/OS's 24-byte PPP header, the protocol at 5. */
    private static byte[] bsdosHeader(int protocol) {
        byte[] h = new byte[24];
        h[0] = 1;
        h[1] = 3;
        h[3] = (byte) 0xff;
        h[4] = 0x03;
        h[5] = (byte) (protocol >>> 8);
        h[6] = (byte) protocol;
        return h;
    }

    /** Solaris ipnet's 24-byte header: version, family, direction (16 bits), then lengths and zones. */
    private static byte[] ipnetHeader(int af, int dir) {
        byte[] h = new byte[24];
        h[0] = 1;
        h[1] = (byte) af;
        h[2] = (byte) (dir >>> 8);
        h[3] = (byte) dir;
        return h;
    }

    /**
     * The magic, the flags, and padding up to where libpcap looks for the network layer (payload plus network offsets,
     * as {@code init_linktype} sets them; 12 bytes where it leaves them unset).
     */
    private static byte[] juniperHeader(LinkType type, int flags) {
        int network = switch (type) {
            case JUNIPER_ATM2 -> 8;
            case JUNIPER_PPPOE, JUNIPER_ETHER -> 32;
            case JUNIPER_PPPOE_ATM -> 6;
            case JUNIPER_GGSN, JUNIPER_MONITOR -> 12;
            case JUNIPER_ES, JUNIPER_SERVICES, JUNIPER_VP, JUNIPER_ST, JUNIPER_ISM, JUNIPER_VS, JUNIPER_SRX_E2E,
                    JUNIPER_FIBRECHANNEL, JUNIPER_ATM_CEMIC -> 12;
            default -> 4;
        };
        byte[] h = new byte[network];
        h[0] = 0x4d;
        h[1] = 0x47;
        h[2] = 0x43;
        h[3] = (byte) flags;
        return h;
    }
}
