package dev.jfilter.testpcaps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One committed capture file of the differential tests: its name, the libpcap {@code DLT_} name of its link type
 * (without the prefix, as {@code pcap_datalink_name_to_val} takes it), the {@code LINKTYPE_} value stored in the
 * file header, and its class-path resource. The files are classic pcap, little-endian, microsecond timestamps,
 * snapshot length 262144, written by {@code dev.jfilter.testpcaps.gen.GenerateTestPcaps}.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">tcpdump.org link-layer header types</a>
 */
public enum TestPcap {
    /** Ethernet: typical IPv4/IPv6 traffic, ARP/RARP and every non-IP protocol the language names. */
    EN10MB_MIXED("en10mb-mixed", "EN10MB", 1),
    /** Ethernet: network-layer corner cases, 802.3 length edges, runts, truncations, tags, random bytes. */
    EN10MB_CORNERS("en10mb-corners", "EN10MB", 1),
    /** Ethernet: VLAN tags and stacks, MPLS, PPPoE, Geneve and VXLAN, inside one another, cut inside each header. */
    EN10MB_ENCAP("en10mb-encap", "EN10MB", 1),
    /** Raw IP (DLT_RAW, LINKTYPE_RAW 101): IPv4 and IPv6 mixed with junk. */
    RAW("raw", "RAW", 101),
    /** Raw IPv4 (LINKTYPE_IPV4 228). */
    IPV4("ipv4", "IPV4", 228),
    /** Raw IPv6 (LINKTYPE_IPV6 229). */
    IPV6("ipv6", "IPV6", 229),
    /** Linux cooked capture v1 (LINKTYPE_LINUX_SLL 113): every packet type, 802.2/802.3 protocol values. */
    LINUX_SLL("linux-sll", "LINUX_SLL", 113),
    /** Linux cooked capture v1: PPPoE, Geneve and VXLAN (and tagged or labelled frames) behind the cooked header. */
    LINUX_SLL_ENCAP("linux-sll-encap", "LINUX_SLL", 113),
    /** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2 276): packet types and interface indexes. */
    LINUX_SLL2("linux-sll2", "LINUX_SLL2", 276),
    /** Linux cooked capture v2: PPPoE, Geneve and VXLAN (and tagged or labelled frames) behind the cooked header. */
    LINUX_SLL2_ENCAP("linux-sll2-encap", "LINUX_SLL2", 276),
    /** BSD loopback (LINKTYPE_NULL 0): address families in both byte orders, every AF_INET6 variant. */
    NULL("null", "NULL", 0),
    /** OpenBSD loopback (LINKTYPE_LOOP 108): address families in network byte order (and a few that are not). */
    LOOP("loop", "LOOP", 108),
    /** FDDI (LINKTYPE_FDDI 10): frame controls, LLC/SNAP and 802.2 payloads, every kind of destination. */
    FDDI("fddi", "FDDI", 10),
    /** 802.5 Token Ring (LINKTYPE_IEEE802_5 6): LLC/SNAP and 802.2 payloads, LLC and MAC frames. */
    IEEE802("ieee802", "IEEE802", 6),
    /** RFC 2625 IP over Fibre Channel (LINKTYPE_IP_OVER_FC 122): LLC/SNAP and 802.2 payloads. */
    IP_OVER_FC("ip-over-fc", "IP_OVER_FC", 122),
    /** RFC 1483 LLC-encapsulated ATM (LINKTYPE_ATM_RFC1483 100): frames that begin with the LLC header. */
    ATM_RFC1483("atm-rfc1483", "ATM_RFC1483", 100),
    /** Linux Classical IP over ATM (LINKTYPE_ATM_CLIP 106): frames that begin with the LLC header. */
    ATM_CLIP("atm-clip", "ATM_CLIP", 106),
    /** SunATM (LINKTYPE_SUNATM 123): VPI/VCI, traffic types, LLC, LANE (data and LE Control), Q.2931 signalling. */
    SUNATM("sunatm", "SUNATM", 123),
    /** OpenBSD pflog (LINKTYPE_PFLOG 117): pflog headers of varied lengths, families, actions, reasons, rules. */
    PFLOG("pflog", "PFLOG", 117),
    /** SS7 MTP2 (LINKTYPE_MTP2 140): basic and high-speed FISUs, LSSUs and MSUs with MTP3 routing labels. */
    MTP2("mtp2", "MTP2", 140),
    /** SS7 MTP3 (LINKTYPE_MTP3 141): MTP3 messages without MTP2. */
    MTP3("mtp3", "MTP3", 141),
    /** 802.11 (LINKTYPE_IEEE802_11 105): every frame type and subtype, direction and address layout, QoS. */
    IEEE802_11("ieee802-11", "IEEE802_11", 105),
    /** 802.11 behind a radiotap header (LINKTYPE_IEEE802_11_RADIOTAP 127) of varied lengths, with and without pads. */
    IEEE802_11_RADIO("ieee802-11-radio", "IEEE802_11_RADIO", 127),
    /** 802.11 behind an AVS radio header (LINKTYPE_IEEE802_11_AVS 163), whose length field varies. */
    IEEE802_11_RADIO_AVS("ieee802-11-radio-avs", "IEEE802_11_RADIO_AVS", 163),
    /** 802.11 behind a Prism monitor-mode header (LINKTYPE_IEEE802_11_PRISM 119), or an AVS one in its place. */
    PRISM_HEADER("prism-header", "PRISM_HEADER", 119),
    /** Per-Packet Information (LINKTYPE_PPI 192): a PPI header of varied lengths before 802.11 (and other) frames. */
    PPI("ppi", "PPI", 192),
    /** PPP (LINKTYPE_PPP 9): HDLC-framed and bare protocol fields. */
    PPP("ppp", "PPP", 9),
    /** PPP for pppd (LINKTYPE_PPP_PPPD 166): the direction byte in place of the address. */
    PPP_PPPD("ppp-pppd", "PPP_PPPD", 166),
    /** PPP in HDLC-like framing (LINKTYPE_PPP_HDLC 50), including Cisco HDLC frames. */
    PPP_SERIAL("ppp-serial", "PPP_SERIAL", 50),
    /** NetBSD PPP over Ethernet (LINKTYPE_PPP_ETHER 51): the PPPoE session header before the PPP protocol. */
    PPP_ETHER("ppp-ether", "PPP_ETHER", 51),
    /** BSD/OS PPP (LINKTYPE_PPP_BSDOS 103): the 24-byte BSD/OS header. */
    PPP_BSDOS("ppp-bsdos", "PPP_BSDOS", 103),
    /** Cisco HDLC (LINKTYPE_C_HDLC 104): unicast and broadcast addresses, EtherType protocol fields. */
    C_HDLC("c-hdlc", "C_HDLC", 104),
    /** Frame Relay (LINKTYPE_FRELAY 107): Q.922 addresses, NLPID and SNAP payloads. */
    FRELAY("frelay", "FRELAY", 107),
    /** SLIP (LINKTYPE_SLIP 8): the 16-byte direction and compressed-header pseudo-header. */
    SLIP("slip", "SLIP", 8),
    /** BSD/OS SLIP (LINKTYPE_SLIP_BSDOS 102): the 24-byte pseudo-header. */
    SLIP_BSDOS("slip-bsdos", "SLIP_BSDOS", 102),
    /** Juniper FRF.16 Frame Relay (LINKTYPE_JUNIPER_MFR 134): Juniper cookies, directions, payloads. */
    JUNIPER_MFR("juniper-mfr", "JUNIPER_MFR", 134),
    /** Solaris ipnet (LINKTYPE_IPNET 226): the ipnet header's family and direction. */
    IPNET("ipnet", "IPNET", 226),
    /** OpenBSD enc (LINKTYPE_ENC 109): the enc header before IPv4 and IPv6. */
    ENC("enc", "ENC", 109),
    /** LocalTalk (LINKTYPE_LTALK 114): LLAP frames, AppleTalk and others. */
    LTALK("ltalk", "LTALK", 114),
    /** Symantec Firewall (LINKTYPE_SYMANTEC_FIREWALL 99): its 44-byte header with an EtherType. */
    SYMANTEC_FIREWALL("symantec-firewall", "SYMANTEC_FIREWALL", 99),
    /** Apple IP-over-IEEE 1394 (LINKTYPE_APPLE_IP_OVER_IEEE1394 138): EUI-64 addresses and an EtherType. */
    APPLE_IP_OVER_IEEE1394("apple-ip-over-ieee1394", "APPLE_IP_OVER_IEEE1394", 138),
    /** Hilscher netANALYZER (LINKTYPE_NETANALYZER 240): a 4-byte pseudo-header before Ethernet. */
    NETANALYZER("netanalyzer", "NETANALYZER", 240),
    /** Hilscher netANALYZER transparent (LINKTYPE_NETANALYZER_TRANSPARENT 241): with preamble and SFD. */
    NETANALYZER_TRANSPARENT("netanalyzer-transparent", "NETANALYZER_TRANSPARENT", 241),
    /** Broadcom DSA tag (LINKTYPE_DSA_TAG_BRCM 281): a 4-byte tag between the MAC addresses and the type. */
    DSA_TAG_BRCM("dsa-tag-brcm", "DSA_TAG_BRCM", 281),
    /** Marvell DSA tag (LINKTYPE_DSA_TAG_DSA 284): a 4-byte tag between the MAC addresses and the type. */
    DSA_TAG_DSA("dsa-tag-dsa", "DSA_TAG_DSA", 284),
    /** BSD ARCnet (LINKTYPE_ARCNET_BSD 7): 1-byte addresses, every ARCnet protocol ID, short and long frames. */
    ARCNET("arcnet", "ARCNET", 7),
    /** Linux ARCnet (LINKTYPE_ARCNET_LINUX 129): the Linux header with its offset field. */
    ARCNET_LINUX("arcnet-linux", "ARCNET_LINUX", 129),
    /** BACnet MS/TP (LINKTYPE_BACNET_MS_TP 165): preamble, frame types, 1-byte addresses. */
    BACNET_MS_TP("bacnet-ms-tp", "BACNET_MS_TP", 165);

    /** The class-path folder of the capture files and of the corpus. */
    public static final String RESOURCE_DIR = "dev/jfilter/testpcaps/";

    private final String pcapName;
    private final String dltName;
    private final int linkType;

    TestPcap(String pcapName, String dltName, int linkType) {
        this.pcapName = pcapName;
        this.dltName = dltName;
        this.linkType = linkType;
    }

    /** The capture's name, e.g. {@code en10mb-mixed}. */
    public String pcapName() {
        return pcapName;
    }

    /** libpcap's DLT name without {@code DLT_}, e.g. {@code EN10MB}, {@code LINUX_SLL2}. */
    public String dltName() {
        return dltName;
    }

    /** The {@code LINKTYPE_} value in the file header (which for RAW differs from the Linux {@code DLT_RAW} 12). */
    public int linkType() {
        return linkType;
    }

    /** The file name, {@code <name>.pcap}. */
    public String fileName() {
        return pcapName + ".pcap";
    }

    /** The class-path resource, e.g. {@code dev/jfilter/testpcaps/en10mb-mixed.pcap}. */
    public String resourcePath() {
        return RESOURCE_DIR + fileName();
    }

    /** Opens the committed file. */
    public InputStream openStream() {
        InputStream in = TestPcap.class.getClassLoader().getResourceAsStream(resourcePath());
        if (in == null) {
            throw new IllegalStateException("missing resource " + resourcePath());
        }
        return in;
    }

    /** The committed file's bytes. */
    public byte[] bytes() {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file-system path to the capture, for tools that want a file name (tcpdump, libpcap): the resource itself
     * when the class path is a directory, otherwise a temporary copy deleted when the JVM exits.
     */
    public Path path() {
        URL url = TestPcap.class.getClassLoader().getResource(resourcePath());
        if (url == null) {
            throw new IllegalStateException("missing resource " + resourcePath());
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path tmp = Files.createTempFile(pcapName + "-", ".pcap");
            tmp.toFile().deleteOnExit();
            try (InputStream in = openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
