package dev.jfilter.testpcaps.gen;

import java.util.List;
import java.util.Random;

/**
 * Random link-layer payloads that are not plain IP over Ethernet II: ARP/RARP, the LLC protocols (STP, NetBEUI,
 * the ISO protocols, IPX in its four encapsulations), the DEC protocols, AppleTalk and AARP (phase 1 and phase 2),
 * PPPoE, LLDP and friends, LLC frames of every control format, IP over 802.2 and SNAP, and a few VLAN/QinQ/MPLS
 * frames (so that {@code ip} must not match a tagged frame).
 */
public final class NonIpTraffic {
    /** The number of kinds {@link #kind(int)} knows. */
    public static final int KINDS = 38;

    private static final int[] ISIS_PDU_TYPES = {15, 16, 17, 18, 20, 24, 25, 26, 27};
    private static final int[] DECNET_ADDRESSES = {NonIp.decnetAddress(1, 10), NonIp.decnetAddress(1, 1),
            NonIp.decnetAddress(2, 5), NonIp.decnetAddress(63, 1023)};
    private static final byte[] BROADCAST = Addr.mac("ff:ff:ff:ff:ff:ff");

    private final Pools p;
    private final Random r;
    private final IpTraffic ip;

    /** Payloads drawn from {@code pools}; IP packets inside tunnels and tags come from {@code ip}. */
    public NonIpTraffic(Pools pools, IpTraffic ip) {
        this.p = pools;
        this.r = pools.random();
        this.ip = ip;
    }

    /** A payload of a random kind. */
    public LinkPayload next() {
        return kind(r.nextInt(KINDS));
    }

    /** A payload of kind {@code k} (0 to {@link #KINDS} - 1). */
    public LinkPayload kind(int k) {
        return switch (k) {
            case 0 -> arp(1);
            case 1 -> arp(2);
            case 2 -> arp(p.chance(0.5) ? 3 : 4);
            case 3 -> {
                byte[] me = p.ipv4();
                byte[] mac = p.mac();
                yield LinkPayload.ethernet(NonIp.ARP, NonIp.arp(1, mac, me, new byte[6], me), BROADCAST,
                        "gratuitous ARP");
            }
            case 4 -> llc(NonIp.SAP_STP, NonIp.SAP_STP, 0x03,
                    NonIp.stpConfig(0, p.mac(), p.pick(List.of(0x8000, 0x1000, 0x7000)), p.between(0, 200),
                            0x8001), Addr.mac("01:80:c2:00:00:00"), "STP config BPDU");
            case 5 -> llc(NonIp.SAP_STP, NonIp.SAP_STP, 0x03, NonIp.stpConfig(2, p.mac(), 0x8000, 4, 0x8002),
                    Addr.mac("01:80:c2:00:00:00"), "RSTP BPDU");
            case 6 -> llc(NonIp.SAP_STP, NonIp.SAP_STP, 0x03, NonIp.stpTcn(), Addr.mac("01:80:c2:00:00:00"),
                    "STP TCN BPDU");
            case 7 -> LinkPayload.ethernet(NonIp.IPX, ipxPacket(), BROADCAST, "IPX Ethernet II");
            case 8 -> llc(NonIp.SAP_IPX, NonIp.SAP_IPX, 0x03, ipxPacket(), BROADCAST, "IPX 802.2");
            case 9 -> new LinkPayload(LinkPayload.Encapsulation.RAW_802_3, 0, ipxPacket(), BROADCAST,
                    "IPX raw 802.3");
            case 10 -> LinkPayload.llc(Link.snap(0, NonIp.IPX, ipxPacket()), BROADCAST, "IPX SNAP");
            case 11 -> p.chance(0.6)
                    ? llc(NonIp.SAP_NETBEUI, NonIp.SAP_NETBEUI, 0x03, NonIp.netbios(p.pick(List.of(0x0a, 0x0e, 0x08)),
                    p.pick(List.of("WORKGROUP", "FILESRV", "PRINTER"))), Addr.mac("03:00:00:00:00:01"),
                    "NetBEUI UI")
                    : LinkPayload.llc(Link.llc2(NonIp.SAP_NETBEUI, NonIp.SAP_NETBEUI, p.between(0, 127) << 9,
                    p.bytes(20)), p.mac(), "NetBEUI I-frame");
            case 12 -> llc(NonIp.SAP_ISONS, NonIp.SAP_ISONS, 0x03, NonIp.clnp(p.pick(List.of(0x1c, 0x1d, 0x01,
                    0x1e)), nsap(), nsap(), p.bytes(p.between(0, 32))), p.mac(), "CLNP");
            case 13 -> {
                int type = p.pick(List.of(2, 4, 6));
                yield llc(NonIp.SAP_ISONS, NonIp.SAP_ISONS, 0x03, NonIp.esis(type, 300, nsap()),
                        Addr.mac(type == 2 ? "09:00:2b:00:00:05" : "09:00:2b:00:00:04"), "ES-IS type " + type);
            }
            case 14 -> isis();
            case 15 -> {
                boolean pad = p.chance(0.5);
                boolean longHeader = p.chance(0.6);
                int dst = DECNET_ADDRESSES[r.nextInt(DECNET_ADDRESSES.length)];
                int src = DECNET_ADDRESSES[r.nextInt(DECNET_ADDRESSES.length)];
                yield LinkPayload.ethernet(NonIp.DECNET, NonIp.decnetData(pad, longHeader, dst, src,
                        p.bytes(p.between(4, 30))), decnetMac(dst), "DECnet data" + (pad ? " padded" : "")
                        + (longHeader ? " long" : " short"));
            }
            case 16 -> LinkPayload.ethernet(NonIp.DECNET, NonIp.decnetControl(p.pick(List.of(0x0b, 0x0d, 0x0f)),
                    DECNET_ADDRESSES[r.nextInt(DECNET_ADDRESSES.length)]), Addr.mac("ab:00:00:03:00:00"),
                    "DECnet control");
            case 17 -> LinkPayload.ethernet(NonIp.LAT, NonIp.lat(p.pick(List.of(0, 1, 2, 0x28)), p.between(1, 300),
                    p.bytes(p.between(0, 20))), p.chance(0.3) ? Addr.mac("09:00:2b:00:00:0f") : p.mac(), "LAT");
            case 18 -> LinkPayload.ethernet(NonIp.MOPDL, NonIp.mop(p.pick(List.of(8, 10, 2, 3)), p.bytes(p.between(4,
                    24))), Addr.mac("ab:00:00:01:00:00"), "MOP dump/load");
            case 19 -> LinkPayload.ethernet(NonIp.MOPRC, NonIp.mop(p.pick(List.of(7, 15, 5)), p.bytes(p.between(4,
                    24))), Addr.mac("ab:00:00:02:00:00"), "MOP remote console");
            case 20 -> LinkPayload.ethernet(NonIp.SCA, p.bytes(p.between(8, 40)), Addr.mac("ab:00:04:00:00:00"),
                    "SCA");
            case 21 -> LinkPayload.ethernet(NonIp.ATALK, ddp(), Addr.mac("09:00:07:ff:ff:ff"), "AppleTalk phase 1");
            case 22 -> LinkPayload.llc(Link.snap(0x080007, NonIp.ATALK, ddp()), Addr.mac("09:00:07:ff:ff:ff"),
                    "AppleTalk phase 2 SNAP");
            case 23 -> LinkPayload.ethernet(NonIp.AARP, aarpPacket(), BROADCAST, "AARP phase 1");
            case 24 -> LinkPayload.llc(Link.snap(0, NonIp.AARP, aarpPacket()), Addr.mac("09:00:07:ff:ff:ff"),
                    "AARP phase 2 SNAP");
            case 25 -> LinkPayload.ethernet(NonIp.PPPOED, NonIp.pppoe(p.pick(List.of(0x09, 0x07, 0x19, 0x65, 0xa7)),
                    0, new ByteBuilder().u16(0x0101).u16(0).u16(0x0103).u16(4).u32(r.nextInt() & 0xffffffffL)
                            .toByteArray()), BROADCAST, "PPPoE discovery");
            case 26 -> pppoeSession();
            case 27 -> LinkPayload.ethernet(NonIp.LLDP, new ByteBuilder().u16(0x0207).u8(4).bytes(p.mac())
                    .u16(0x0403).u8(3).u16(0x3031).u16(0x0602).u16(120).u16(0).toByteArray(),
                    Addr.mac("01:80:c2:00:00:0e"), "LLDP");
            case 28 -> LinkPayload.ethernet(NonIp.SLOW, new ByteBuilder().u8(1).u8(1).bytes(p.bytes(108))
                    .toByteArray(), Addr.mac("01:80:c2:00:00:02"), "LACP");
            case 29 -> LinkPayload.ethernet(NonIp.LOOPBACK, new ByteBuilder().u16le(0).u16le(1).bytes(p.mac())
                    .bytes(p.bytes(10)).toByteArray(), Addr.mac("cf:00:00:00:00:00"), "Ethernet loopback");
            case 30 -> miscLlc();
            case 31 -> {
                IpTraffic.L3 l3 = ip.nextV4().getFirst();
                yield llc(NonIp.SAP_IP, NonIp.SAP_IP, 0x03, l3.bytes(), l3.dstMac(), "IPv4 over 802.2");
            }
            case 32 -> {
                if (p.chance(0.5)) {
                    IpTraffic.L3 l3 = ip.nextV4().getFirst();
                    yield LinkPayload.llc(Link.snap(0, Ipv4.ETHERTYPE, l3.bytes()), l3.dstMac(), "IPv4 over SNAP");
                }
                yield LinkPayload.llc(Link.snap(0, NonIp.ARP, NonIp.arp(1, p.mac(), p.ipv4(), new byte[6],
                        p.ipv4())), BROADCAST, "ARP over SNAP");
            }
            case 33 -> tagged(NonIp.VLAN);
            case 34 -> tagged(NonIp.QINQ);
            case 35 -> {
                IpTraffic.L3 l3 = ip.nextV4().getFirst();
                yield LinkPayload.ethernet(NonIp.MPLS, new ByteBuilder().u32(((long) p.between(16, 1000) << 12)
                        | 0x100 | 64).bytes(l3.bytes()).toByteArray(), p.mac(), "MPLS IPv4");
            }
            case 36 -> LinkPayload.ethernet(p.between(0x0600, 0xffff), p.bytes(p.between(0, 46)), p.mac(),
                    "unknown EtherType");
            default -> LinkPayload.llc(Link.snap(0x00000c, 0x2000, p.bytes(p.between(10, 40))),
                    Addr.mac("01:00:0c:cc:cc:cc"), "CDP over SNAP");
        };
    }

    /** Every IS-IS PDU type with and without the reserved bits, and a few unassigned types. */
    public List<LinkPayload> isisSweep() {
        List<LinkPayload> out = new java.util.ArrayList<>();
        for (int type : new int[] {15, 16, 17, 18, 20, 24, 25, 26, 27, 0, 19, 21, 31}) {
            for (int reserved : new int[] {0, 0xe0, 0x20}) {
                out.add(llc(NonIp.SAP_ISONS, NonIp.SAP_ISONS, 0x03, NonIp.isis(type | reserved, 27, p.bytes(24)),
                        Addr.mac("01:80:c2:00:00:14"), "IS-IS sweep " + (type | reserved)));
            }
        }
        for (int nlpid : new int[] {0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0xcc, 0x8e}) {
            out.add(llc(NonIp.SAP_ISONS, NonIp.SAP_ISONS, 0x03, new ByteBuilder().u8(nlpid).u8(8).u8(1).u8(0).u8(15)
                    .u8(1).u16(0).bytes(p.bytes(20)).toByteArray(), p.mac(), "ISO NLPID sweep " + nlpid));
        }
        return out;
    }

    /** Every LLC control format (I, S, U with each modifier, poll/final set and clear) on a few SAPs. */
    public List<LinkPayload> llcControlSweep() {
        List<LinkPayload> out = new java.util.ArrayList<>();
        int[] saps = {NonIp.SAP_STP, NonIp.SAP_NETBEUI, NonIp.SAP_SNA, NonIp.SAP_ISONS};
        int[] unnumbered = {0x03, 0x13, 0xaf, 0xbf, 0xe3, 0xf3, 0x6f, 0x7f, 0x43, 0x53, 0x63, 0x73, 0x0f, 0x1f,
                0x87, 0x97, 0x07, 0xcf};
        int i = 0;
        for (int control : unnumbered) {
            int sap = saps[i++ % saps.length];
            out.add(llc(sap, sap, control, p.bytes(8), p.mac(), "LLC U sweep " + control));
        }
        for (int s : new int[] {0x01, 0x05, 0x09, 0x0d}) {
            for (int pf : new int[] {0, 1}) {
                int sap = saps[i++ % saps.length];
                out.add(LinkPayload.llc(Link.llc2(sap, sap, (s << 8) | (pf == 1 ? 0x11 : 0x20), new byte[0]),
                        p.mac(), "LLC S sweep " + s));
            }
        }
        for (int ns : new int[] {0, 1, 64, 127}) {
            int sap = saps[i++ % saps.length];
            out.add(LinkPayload.llc(Link.llc2(sap, sap, (ns << 9) | 0x05, p.bytes(4)), p.mac(), "LLC I sweep " + ns));
        }
        return out;
    }

    private LinkPayload arp(int op) {
        byte[] sha = p.mac();
        byte[] spa = p.ipv4();
        byte[] tpa = p.ipv4();
        boolean request = op == 1 || op == 3;
        byte[] tha = request ? new byte[6] : p.mac();
        String name = op <= 2 ? "ARP" : "RARP";
        return LinkPayload.ethernet(op <= 2 ? NonIp.ARP : NonIp.RARP, NonIp.arp(op, sha, spa, tha, tpa),
                request ? BROADCAST : p.mac(), name + " op " + op);
    }

    private LinkPayload llc(int dsap, int ssap, int control, byte[] info, byte[] dst, String note) {
        return LinkPayload.llc(Link.llc(dsap, ssap, control, info), dst, note);
    }

    private byte[] ipxPacket() {
        return NonIp.ipx(p.pick(List.of(0, 4, 5, 17, 20)), p.chance(0.5) ? 0 : 0x12345678L, BROADCAST,
                p.pick(List.of(0x0452, 0x0453, 0x0455, 0x0456, 0x4000)), 0x12345678L, p.mac(),
                p.pick(List.of(0x0452, 0x0453, 0x4001)), p.bytes(p.between(0, 32)));
    }

    private byte[] nsap() {
        return new ByteBuilder().u8(0x49).u16(1).bytes(p.mac()).u8(0).toByteArray();
    }

    private LinkPayload isis() {
        int type = ISIS_PDU_TYPES[r.nextInt(ISIS_PDU_TYPES.length)];
        if (p.chance(0.1)) {
            type = p.pick(List.of(0, 19, 21, 31));
        }
        int typeByte = p.chance(0.15) ? type | 0xe0 : type;
        int headerLength = switch (type) {
            case 15, 16 -> 27;
            case 17 -> 20;
            case 18, 20 -> 27;
            case 24, 25 -> 33;
            default -> 17;
        };
        byte[] body = p.bytes(Math.max(0, headerLength - 8) + p.between(0, 24));
        boolean level1 = type == 15 || type == 18 || type == 24 || type == 26;
        byte[] dst = Addr.mac(type == 17 ? "09:00:2b:00:00:05" : level1 ? "01:80:c2:00:00:14" : "01:80:c2:00:00:15");
        return llc(NonIp.SAP_ISONS, NonIp.SAP_ISONS, 0x03, NonIp.isis(typeByte, headerLength, body), dst,
                "IS-IS PDU " + type + (typeByte != type ? " reserved bits" : ""));
    }

    private byte[] decnetMac(int address) {
        return new byte[] {(byte) 0xaa, 0, 4, 0, (byte) address, (byte) (address >>> 8)};
    }

    private byte[] ddp() {
        return NonIp.ddp(p.pick(List.of(0, 100, 65280)), p.pick(List.of(0, 100, 200)), p.pick(List.of(255, 1, 42)),
                p.between(1, 254), p.pick(List.of(1, 2, 4, 6)), p.between(1, 254), p.pick(List.of(1, 2, 3, 4, 6)),
                p.bytes(p.between(0, 24)));
    }

    private byte[] aarpPacket() {
        return NonIp.aarp(p.between(1, 3), p.mac(), 100, p.between(1, 254), 100, p.between(1, 254));
    }

    private LinkPayload pppoeSession() {
        int session = p.pick(List.of(1, 0x1234, 0xffff));
        return switch (r.nextInt(3)) {
            case 0 -> {
                IpTraffic.L3 l3 = ip.nextV4().getFirst();
                yield LinkPayload.ethernet(NonIp.PPPOES, NonIp.pppoe(0, session,
                        new ByteBuilder().u16(0x0021).bytes(l3.bytes()).toByteArray()), p.mac(), "PPPoE session IPv4");
            }
            case 1 -> {
                IpTraffic.L3 l3 = ip.nextV6().getFirst();
                yield LinkPayload.ethernet(NonIp.PPPOES, NonIp.pppoe(0, session,
                        new ByteBuilder().u16(0x0057).bytes(l3.bytes()).toByteArray()), p.mac(), "PPPoE session IPv6");
            }
            default -> LinkPayload.ethernet(NonIp.PPPOES, NonIp.pppoe(0, session, new ByteBuilder().u16(0xc021)
                    .u8(p.between(1, 11)).u8(1).u16(8).u32(r.nextInt() & 0xffffffffL).toByteArray()), p.mac(),
                    "PPPoE session LCP");
        };
    }

    /** LLC frames of every control format and a few other SAPs (SNA, the null SAP, the global SAP). */
    private LinkPayload miscLlc() {
        int sap = p.pick(List.of(NonIp.SAP_SNA, NonIp.SAP_NULL, NonIp.SAP_GLOBAL, 0x42, 0xf0, 0xfe, 0xe0, 0x06,
                0x80, 0xbc, 0xf4));
        int ssap = p.chance(0.7) ? sap : p.pick(List.of(0x00, 0x01, 0xf1, 0x43));
        byte[] dst = p.chance(0.5) ? p.mac() : Addr.mac("03:00:00:00:00:01");
        return switch (r.nextInt(3)) {
            case 0 -> {
                // U-format: UI, XID, TEST, SABME, DISC, UA, DM, FRMR, with and without the poll/final bit.
                int control = p.pick(List.of(0x03, 0x13, 0xaf, 0xbf, 0xe3, 0xf3, 0x6f, 0x7f, 0x43, 0x53, 0x63,
                        0x73, 0x0f, 0x1f, 0x87, 0x97));
                yield llc(sap, ssap, control, p.bytes(p.between(0, 16)), dst, "LLC U " + control);
            }
            case 1 -> {
                // S-format: RR, RNR, REJ.
                int s = p.pick(List.of(0x01, 0x05, 0x09));
                yield LinkPayload.llc(Link.llc2(sap, ssap, (s << 8) | p.between(0, 255), new byte[0]), dst,
                        "LLC S " + s);
            }
            default -> LinkPayload.llc(Link.llc2(sap, ssap, (p.between(0, 127) << 9) | p.between(0, 255),
                    p.bytes(p.between(0, 20))), dst, "LLC I");
        };
    }

    private LinkPayload tagged(int tpid) {
        IpTraffic.L3 l3 = p.chance(0.7) ? ip.next().getFirst()
                : new IpTraffic.L3(NonIp.ARP, NonIp.arp(1, p.mac(), p.ipv4(), new byte[6], p.ipv4()), BROADCAST,
                "ARP");
        int vid = p.pick(List.of(1, 10, 100, 4094, 0));
        ByteBuilder b = new ByteBuilder().u16((p.between(0, 7) << 13) | vid);
        if (tpid == NonIp.QINQ) {
            b.u16(NonIp.VLAN).u16(p.pick(List.of(20, 200)));
        }
        b.u16(l3.etherType()).bytes(l3.bytes());
        return LinkPayload.ethernet(tpid, b.toByteArray(), l3.dstMac(), (tpid == NonIp.QINQ ? "QinQ " : "VLAN ")
                + vid + " " + l3.note());
    }
}
