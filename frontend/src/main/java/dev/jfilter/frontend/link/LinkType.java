package dev.jfilter.frontend.link;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A link-layer header type: libpcap's {@code DLT_} name and value as on Linux, and the {@code LINKTYPE_} value
 * that capture files store. Names and descriptions are libpcap master's ({@code dlt_choices} in pcap.c), as its error messages quote them.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public enum LinkType {
    NULL(0, 0, "BSD loopback"),
    EN10MB(1, 1, "Ethernet"),
    EN3MB(2, -1, "experimental Ethernet (3Mb/s)"),
    AX25(3, 3, "AX.25 layer 2"),
    PRONET(4, 4, "Proteon ProNET Token Ring"),
    CHAOS(5, 5, "MIT Chaosnet"),
    IEEE802(6, 6, "802.5 Token Ring"),
    ARCNET(7, 7, "BSD ARCnet"),
    SLIP(8, 8, "Serial Line IP"),
    PPP(9, 9, "Point-to-Point Protocol"),
    FDDI(10, 10, "Fiber Distributed Data Interface"),
    ATM_RFC1483(11, 100, "RFC 1483 LLC-encapsulated ATM"),
    RAW(12, 101, "Raw IPv4/IPv6"),
    SLIP_BSDOS(15, 102, "BSD/OS Serial Line IP"),
    PPP_BSDOS(16, 103, "BSD/OS Point-to-Point Protocol"),
    ATM_CLIP(19, 106, "Linux Classical IP over ATM"),
    REDBACK_SMARTEDGE(32, -1, "Redback SmartEdge 400/800"),
    PPP_SERIAL(50, 50, "Point-to-Point Protocol over serial"),
    PPP_ETHER(51, 51, "PPPoE session packets"),
    SYMANTEC_FIREWALL(99, 99, "Symantec Firewall"),
    C_HDLC(104, 104, "Cisco HDLC"),
    IEEE802_11(105, 105, "802.11"),
    FRELAY(107, 107, "Frame Relay"),
    LOOP(108, 108, "OpenBSD loopback"),
    ENC(109, 109, "OpenBSD encapsulated IP"),
    LINUX_SLL(113, 113, "Linux cooked v1"),
    LTALK(114, 114, "LocalTalk"),
    PFLOG(117, 117, "OpenBSD pflog file"),
    PRISM_HEADER(119, 119, "802.11 plus Prism header"),
    IP_OVER_FC(122, 122, "RFC 2625 IP-over-Fibre Channel"),
    SUNATM(123, 123, "Sun raw ATM"),
    IEEE802_11_RADIO(127, 127, "802.11 plus radiotap header"),
    ARCNET_LINUX(129, 129, "Linux ARCnet"),
    JUNIPER_MLPPP(130, 130, "Juniper Multi-Link PPP"),
    JUNIPER_MLFR(131, 131, "Juniper Multi-Link Frame Relay"),
    JUNIPER_ES(132, 132, "Juniper Encryption Services PIC"),
    JUNIPER_GGSN(133, 133, "Juniper GGSN PIC"),
    JUNIPER_MFR(134, 134, "Juniper FRF.16 Frame Relay"),
    JUNIPER_ATM2(135, 135, "Juniper ATM2 PIC"),
    JUNIPER_SERVICES(136, 136, "Juniper Advanced Services PIC"),
    JUNIPER_ATM1(137, 137, "Juniper ATM1 PIC"),
    APPLE_IP_OVER_IEEE1394(138, 138, "Apple IP-over-IEEE 1394"),
    MTP2_WITH_PHDR(139, 139, "SS7 MTP2 with Pseudo-header"),
    MTP2(140, 140, "SS7 MTP2"),
    MTP3(141, 141, "SS7 MTP3"),
    SCCP(142, 142, "SS7 SCCP"),
    DOCSIS(143, 143, "DOCSIS"),
    LINUX_IRDA(144, 144, "Linux IrDA"),
    USER0(147, 147, "Private use 0"),
    USER1(148, 148, "Private use 1"),
    USER2(149, 149, "Private use 2"),
    USER3(150, 150, "Private use 3"),
    USER4(151, 151, "Private use 4"),
    USER5(152, 152, "Private use 5"),
    USER6(153, 153, "Private use 6"),
    USER7(154, 154, "Private use 7"),
    USER8(155, 155, "Private use 8"),
    USER9(156, 156, "Private use 9"),
    USER10(157, 157, "Private use 10"),
    USER11(158, 158, "Private use 11"),
    USER12(159, 159, "Private use 12"),
    USER13(160, 160, "Private use 13"),
    USER14(161, 161, "Private use 14"),
    USER15(162, 162, "Private use 15"),
    IEEE802_11_RADIO_AVS(163, 163, "802.11 plus AVS radio information header"),
    JUNIPER_MONITOR(164, 164, "Juniper Passive Monitor PIC"),
    BACNET_MS_TP(165, 165, "BACnet MS/TP"),
    PPP_PPPD(166, 166, "PPP for pppd, with direction flag"),
    JUNIPER_PPPOE(167, 167, "Juniper PPPoE"),
    JUNIPER_PPPOE_ATM(168, 168, "Juniper PPPoE/ATM"),
    GPRS_LLC(169, 169, "GPRS LLC"),
    GPF_T(170, 170, "GPF-T"),
    GPF_F(171, 171, "GPF-F"),
    JUNIPER_PIC_PEER(174, 174, "Juniper PIC Peer"),
    ERF_ETH(175, 175, "Ethernet with Endace ERF header"),
    ERF_POS(176, 176, "Packet-over-SONET with Endace ERF header"),
    LINUX_LAPD(177, 177, "Linux vISDN LAPD"),
    JUNIPER_ETHER(178, 178, "Juniper Ethernet"),
    JUNIPER_PPP(179, 179, "Juniper PPP"),
    JUNIPER_FRELAY(180, 180, "Juniper Frame Relay"),
    JUNIPER_CHDLC(181, 181, "Juniper C-HDLC"),
    MFR(182, 182, "FRF.16 Frame Relay"),
    JUNIPER_VP(183, 183, "Juniper Voice PIC"),
    A429(184, 184, "Arinc 429"),
    A653_ICM(185, 185, "Arinc 653 Interpartition Communication"),
    USB_FREEBSD(186, 186, "USB with FreeBSD header"),
    BLUETOOTH_HCI_H4(187, 187, "Bluetooth HCI UART transport layer"),
    IEEE802_16_MAC_CPS(188, 188, "IEEE 802.16 MAC Common Part Sublayer"),
    USB_LINUX(189, 189, "USB with Linux header"),
    CAN20B(190, 190, "Controller Area Network (CAN) v. 2.0B"),
    IEEE802_15_4_LINUX(191, 191, "IEEE 802.15.4 with Linux padding"),
    PPI(192, 192, "Per-Packet Information"),
    IEEE802_16_MAC_CPS_RADIO(193, 193, "IEEE 802.16 MAC Common Part Sublayer plus radiotap header"),
    JUNIPER_ISM(194, 194, "Juniper Integrated Service Module"),
    IEEE802_15_4(195, 195, "IEEE 802.15.4 with FCS"),
    SITA(196, 196, "SITA pseudo-header"),
    ERF(197, 197, "Endace ERF header"),
    RAIF1(198, 198, "Ethernet with u10 Networks pseudo-header"),
    IPMB_KONTRON(199, 199, "IPMB with Kontron pseudo-header"),
    JUNIPER_ST(200, 200, "Juniper Secure Tunnel"),
    BLUETOOTH_HCI_H4_WITH_PHDR(201, 201, "Bluetooth HCI UART transport layer plus pseudo-header"),
    AX25_KISS(202, 202, "AX.25 with KISS header"),
    IPMB_LINUX(209, 209, "IPMB with Linux/Pigeon Point pseudo-header"),
    I2C_LINUX(209, 209, "I2C with Linux/Pigeon Point pseudo-header"),
    IEEE802_15_4_NONASK_PHY(215, 215, "IEEE 802.15.4 with non-ASK PHY data"),
    LINUX_EVDEV(216, 216, "Linux evdev events"),
    MPLS(219, 219, "MPLS with label as link-layer header"),
    USB_LINUX_MMAPPED(220, 220, "USB with padded Linux header"),
    DECT(221, 221, "DECT"),
    AOS(222, 222, "AOS Space Data Link protocol"),
    WIHART(223, 223, "WirelessHART"),
    FC_2(224, 224, "Fibre Channel FC-2"),
    FC_2_WITH_FRAME_DELIMS(225, 225, "Fibre Channel FC-2 with frame delimiters"),
    IPNET(226, 226, "Solaris ipnet"),
    CAN_SOCKETCAN(227, 227, "CAN-bus with SocketCAN headers"),
    IPV4(228, 228, "Raw IPv4"),
    IPV6(229, 229, "Raw IPv6"),
    IEEE802_15_4_NOFCS(230, 230, "IEEE 802.15.4 without FCS"),
    DBUS(231, 231, "D-Bus"),
    JUNIPER_VS(232, 232, "Juniper Virtual Server"),
    JUNIPER_SRX_E2E(233, 233, "Juniper SRX E2E"),
    JUNIPER_FIBRECHANNEL(234, 234, "Juniper Fibre Channel"),
    DVB_CI(235, 235, "DVB-CI"),
    MUX27010(236, 236, "MUX27010"),
    STANAG_5066_D_PDU(237, 237, "STANAG 5066 D_PDUs"),
    JUNIPER_ATM_CEMIC(238, 238, "Juniper ATM CEMIC"),
    NFLOG(239, 239, "Linux netfilter log messages"),
    NETANALYZER(240, 240, "Ethernet with Hilscher netANALYZER pseudo-header"),
    NETANALYZER_TRANSPARENT(241, 241, "Ethernet with Hilscher netANALYZER pseudo-header and with preamble and SFD"),
    IPOIB(242, 242, "RFC 4391 IP-over-InfiniBand"),
    MPEG_2_TS(243, 243, "MPEG-2 transport stream"),
    NG40(244, 244, "ng40 protocol tester Iub/Iur"),
    NFC_LLCP(245, 245, "NFC LLCP PDUs with pseudo-header"),
    PFSYNC(246, 246, "Packet filter state syncing"),
    INFINIBAND(247, 247, "InfiniBand"),
    SCTP(248, 248, "SCTP"),
    USBPCAP(249, 249, "USB with USBPcap header"),
    RTAC_SERIAL(250, 250, "Schweitzer Engineering Laboratories RTAC packets"),
    BLUETOOTH_LE_LL(251, 251, "Bluetooth Low Energy air interface"),
    NETLINK(253, 253, "Linux netlink"),
    BLUETOOTH_LINUX_MONITOR(254, 254, "Bluetooth Linux Monitor"),
    BLUETOOTH_BREDR_BB(255, 255, "Bluetooth Basic Rate/Enhanced Data Rate baseband packets"),
    BLUETOOTH_LE_LL_WITH_PHDR(256, 256, "Bluetooth Low Energy air interface with pseudo-header"),
    PROFIBUS_DL(257, 257, "PROFIBUS data link layer"),
    PKTAP(258, 258, "Apple PKTAP"),
    EPON(259, 259, "Ethernet with 802.3 Clause 65 EPON preamble"),
    IPMI_HPM_2(260, 260, "IPMI trace packets"),
    ZWAVE_R1_R2(261, 261, "Z-Wave RF profile R1 and R2 packets"),
    ZWAVE_R3(262, 262, "Z-Wave RF profile R3 packets"),
    WATTSTOPPER_DLM(263, 263, "WattStopper Digital Lighting Management (DLM) and Legrand Nitoo Open protocol"),
    ISO_14443(264, 264, "ISO 14443 messages"),
    RDS(265, 265, "IEC 62106 Radio Data System groups"),
    USB_DARWIN(266, 266, "USB with Darwin header"),
    OPENFLOW(267, 267, "OpenBSD OpenFlow"),
    SDLC(268, 268, "IBM SDLC frames"),
    TI_LLN_SNIFFER(269, 269, "TI LLN sniffer frames"),
    VSOCK(271, 271, "Linux vsock"),
    NORDIC_BLE(272, 272, "Nordic Semiconductor Bluetooth LE sniffer frames"),
    DOCSIS31_XRA31(273, 273, "Excentis XRA-31 DOCSIS 3.1 RF sniffer frames"),
    ETHERNET_MPACKET(274, 274, "802.3br mPackets"),
    DISPLAYPORT_AUX(275, 275, "DisplayPort AUX channel monitoring data"),
    LINUX_SLL2(276, 276, "Linux cooked v2"),
    OPENVIZSLA(278, 278, "OpenVizsla USB"),
    EBHSCR(279, 279, "Elektrobit High Speed Capture and Replay (EBHSCR)"),
    VPP_DISPATCH(280, 280, "VPP graph dispatch tracer"),
    DSA_TAG_BRCM(281, 281, "Broadcom infix DSA tag"),
    DSA_TAG_BRCM_PREPEND(282, 282, "Broadcom prefix DSA tag"),
    IEEE802_15_4_TAP(283, 283, "IEEE 802.15.4 with pseudo-header"),
    DSA_TAG_DSA(284, 284, "Marvell infix 4-octet DSA tag"),
    DSA_TAG_EDSA(285, 285, "Marvell infix 8-octet DSA tag"),
    ELEE(286, 286, "ELEE lawful intercept packets"),
    Z_WAVE_SERIAL(287, 287, "Z-Wave serial frames between host and chip"),
    USB_2_0(288, 288, "USB 2.0/1.1/1.0 as transmitted over the cable"),
    ATSC_ALP(289, 289, "ATSC Link-Layer Protocol packets"),
    ETW(290, 290, "Event Tracing for Windows messages"),
    NETANALYZER_NG(291, 291, "Hilscher netANALYZER NG pseudo-footer"),
    ZBOSS_NCP(292, 292, "ZBOSS NCP protocol with pseudo-header"),
    USB_2_0_LOW_SPEED(293, 293, "Low-Speed USB 2.0/1.1/1.0 as transmitted over the cable"),
    USB_2_0_FULL_SPEED(294, 294, "Full-Speed USB 2.0/1.1/1.0 as transmitted over the cable"),
    USB_2_0_HIGH_SPEED(295, 295, "High-Speed USB 2.0 as transmitted over the cable"),
    AUERSWALD_LOG(296, 296, "Auerswald Logger Protocol"),
    ZWAVE_TAP(297, 297, "Z-Wave packets with a TAP meta-data header"),
    SILABS_DEBUG_CHANNEL(298, 298, "Silicon Labs debug channel protocol"),
    FIRA_UCI(299, 299, "Ultra-wideband controller interface protocol"),
    MDB(300, 300, "Multi-Drop Bus"),
    DECT_NR(301, 301, "DECT New Radio"),
    EDK2_MM(302, 302, "EDK II MM request serialization protocol"),
    DEBUG_ONLY(303, 303, "unstructured data for manual debugging only"),
    DECT_NR_TAP(304, 304, "DECT-2020 New Radio TAP");

    private static final Map<String, LinkType> BY_NAME = new HashMap<>();
    private static final Map<Integer, LinkType> BY_DLT = new HashMap<>();
    private static final Map<Integer, LinkType> BY_LINKTYPE = new HashMap<>();

    static {
        for (LinkType t : values()) {
            BY_NAME.put(t.name(), t);
            BY_DLT.putIfAbsent(t.dlt, t);
            if (t.linktype >= 0) {
                BY_LINKTYPE.putIfAbsent(t.linktype, t);
            }
        }
    }

    private final int dlt;
    private final int linktype;
    private final String description;

    LinkType(int dlt, int linktype, String description) {
        this.dlt = dlt;
        this.linktype = linktype;
        this.description = description;
    }

    /** The {@code DLT_} value on Linux, as libpcap and tcpdump's {@code -y} use it. */
    public int dlt() {
        return dlt;
    }

    /** The {@code LINKTYPE_} value stored in pcap and pcapng files, or -1 if there is none. */
    public int linktype() {
        return linktype;
    }

    /** libpcap's one-line description. */
    public String description() {
        return description;
    }

    /** The link type as libpcap's messages name it ({@code pcapint_datalink_val_to_string}): {@code DLT_EN10MB (Ethernet)}. */
    public String describe() {
        return "DLT_" + name() + " (" + description + ")";
    }

    /** The type for a {@code DLT_} name, with or without the prefix, in any case ({@code en10mb}, {@code DLT_RAW}). */
    public static Optional<LinkType> ofName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("DLT_")) {
            n = n.substring(4);
        }
        return Optional.ofNullable(BY_NAME.get(n));
    }

    /** The type for a {@code DLT_} value. */
    public static Optional<LinkType> ofDlt(int dlt) {
        return Optional.ofNullable(BY_DLT.get(dlt));
    }

    /** The type for a {@code LINKTYPE_} value read from a capture file. */
    public static Optional<LinkType> ofLinktype(int linktype) {
        return Optional.ofNullable(BY_LINKTYPE.get(linktype));
    }
}
