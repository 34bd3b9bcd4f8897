package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.cfg.Stmt;
import dev.jfilter.frontend.lower.Pred;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the lowering needs to know about one link-layer header type: libpcap's {@code init_linktype} offsets and the
 * per-DLT parts of {@code gen_linktype}, {@code gen_mac48host}, {@code gen_inbound_outbound}, {@code gen_ifindex},
 * {@code gen_multicast} and {@code gen_llc}. {@link #offsets()} are where the headers start when this is the
 * outermost link layer; the tests load fields through {@link Fields}, relative to where the headers are when the
 * primitive is lowered (shifted by {@code vlan}, or inside a PPPoE session or a tunnel). A link layer whose header
 * has no protocol field reports -1 as its {@link #linkTypeOffset()} ({@code OFFSET_NOT_SET}).
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public sealed interface LinkLayer
        permits EthernetFramed,
                RawIp,
                RawIpv4,
                RawIpv6,
                LinuxSll,
                LinuxSll2,
                BsdLoopback,
                OpenBsdLoopback,
                Ppp,
                LlcLan,
                AtmLlc,
                SunAtm,
                Arcnet,
                BacnetMsTp,
                OpaqueLink,
                Pflog,
                Mtp2,
                Mtp3,
                Ieee80211,
                PppBsdos,
                CiscoHdlc,
                SerialLineIp,
                FrameRelay,
                Juniper,
                Ipnet,
                Enc,
                LocalTalk,
                EtherTypeField,
                Untyped {

    /** The DLT this layer describes. */
    LinkType type();

    /** Where this layer's header fields and payload are. */
    LinkOffsets offsets();

    /** {@code off_linktype}: where the link-level protocol field is, or -1 if there is none. */
    default int linkTypeOffset() {
        return offsets().linkType();
    }

    /** {@code off_linkpl}: where the link-layer payload starts. */
    default int payloadOffset() {
        return offsets().payload();
    }

    /** {@code off_nl}: where the network-layer header starts, from the payload (with a SNAP header, if any). */
    default int networkOffset() {
        return offsets().network();
    }

    /** {@code off_nl_nosnap}: where the network-layer header starts, from the payload, after an 802.2 header. */
    default int networkOffsetNoSnap() {
        return offsets().networkNoSnap();
    }

    /**
     * A test for a link-level protocol ({@code gen_linktype}): an EtherType above 1500, an LLC SAP at or below.
     *
     * @throws dev.jfilter.frontend.lower.LoweringException when the value is out of range for this link layer
     */
    Pred protocolTest(Fields fields, long llProto);

    /** Where the MAC-48 addresses are, if this link layer has them ({@code is_mac48_linktype}). */
    default Optional<MacLayout> mac() {
        return Optional.empty();
    }

    /** A test for {@code outbound} (or, when false, {@code inbound}) traffic, if the header records it. */
    default Optional<Pred> direction(Fields fields, boolean outbound) {
        return Optional.empty();
    }

    /** A test for the interface index, if the header records it. */
    default Optional<Pred> ifIndex(Fields fields, long index) {
        return Optional.empty();
    }

    /** The test for {@code link multicast}, if this link layer has one. */
    default Optional<Pred> multicast(Fields fields) {
        return Optional.empty();
    }

    /** The test for an 802.2 LLC frame ({@code llc}), if this link layer can carry one. */
    default Optional<Pred> llcFrame(Fields fields) {
        return Optional.empty();
    }

    /**
     * {@code off_linkhdr}: where the link-layer header starts in the packet, past a capture pseudo-header (the
     * netANALYZER types); {@code link[...]} and the header fields are relative to it.
     */
    default int headerOffset() {
        return 0;
    }

    /**
     * Whether an Ethernet header (possibly with a tag or behind a pseudo-header) is here: {@code vlan} tags in the
     * packet data ({@code gen_vlan_no_bpf_extensions}) and {@code mpls} by EtherType ({@code gen_mpls_internal}).
     */
    default boolean ethernetFraming() {
        return false;
    }

    /** Where the MAC-8 addresses are ({@code gen_mac8host}: ARCnet, MS/TP), if this link layer has them. */
    default Optional<Mac8Layout> mac8() {
        return Optional.empty();
    }

    /**
     * {@code off_linkhdr.is_variable}: a header of run-time length (radio information) precedes the link-layer
     * header, whose offset is then a scratch word.
     */
    default boolean variableLinkHeader() {
        return false;
    }

    /**
     * {@code off_linkpl.is_variable}: the link-layer header's own length is known at run time only, so the payload
     * offset is a scratch word (computed by {@link #finishProgram}).
     */
    default boolean variablePayload() {
        return false;
    }

    /**
     * A MAC-48 host test for a link layer whose addresses are not at fixed offsets (802.11's
     * {@code gen_wlanhostop}, which also takes the 802.11 direction qualifiers); empty to use {@link #mac()}.
     */
    default Optional<Pred> mac48Host(Fields fields, byte[] mac, dev.jfilter.frontend.ast.DirQualifier dir) {
        return Optional.empty();
    }

    /** Whether {@code vlan} may follow this link layer's header (libpcap's {@code gen_vlan}). */
    default boolean carriesVlan() {
        return type() == LinkType.EN10MB;
    }

    /** Whether {@code radio[...]} can index a radio-information header at the start of the packet. */
    default boolean hasRadioHeader() {
        return false;
    }

    /** The test of 802.11's {@code type}/{@code subtype} ({@code gen_p80211_type}), if this layer has them. */
    default Optional<Pred> frameTypeTest(int value, int mask, Fields fields) {
        return Optional.empty();
    }

    /** The test of 802.11's {@code dir} ({@code gen_p80211_fcdir}), if this layer has it. */
    default Optional<Pred> frameDirectionTest(int value, Fields fields) {
        return Optional.empty();
    }

    /**
     * For a link layer whose header length is only known at run time ({@code off_linkpl.is_variable}): the
     * statements that leave that length in A. The payload then starts at {@link #payloadOffset()} plus that length,
     * and the program computes it first, into a scratch word, when some primitive needs it (libpcap's
     * {@code insert_compute_vloffsets}). Empty when the payload is at the constant {@link #payloadOffset()}.
     */
    default Optional<List<Stmt>> headerLengthAtRunTime() {
        return Optional.empty();
    }

    /** Where the SS7 MTP2 and MTP3 fields are, if this link layer carries SS7 signalling units ({@code assert_ss7}). */
    default Optional<Ss7Offsets> ss7() {
        return Optional.empty();
    }

    /**
     * The whole program, when this is the outermost layer, with what libpcap's {@code finish_parse} adds: the code
     * that computes the run-time offsets ({@code insert_compute_vloffsets}) and checks of the whole frame.
     */
    default Pred finishProgram(Pred program, RunTimeOffsets offsets) {
        return program;
    }

    /** The layer for a link type, if jfilter supports it yet. */
    static Optional<LinkLayer> of(LinkType type, LoopbackEncoding loopback) {
        Function<LoopbackEncoding, LinkLayer> make = SUPPORTED.get(type);
        if (make != null) {
            return Optional.of(make.apply(loopback));
        }
        return OpaqueLink.isOpaque(type) ? Optional.of(new OpaqueLink(type)) : Optional.empty();
    }

    /** The link types jfilter lowers, each with its layer. */
    Map<LinkType, Function<LoopbackEncoding, LinkLayer>> SUPPORTED = Map.ofEntries(
            Map.entry(LinkType.EN10MB, l -> new Ethernet()),
            Map.entry(LinkType.RAW, l -> new RawIp()),
            Map.entry(LinkType.IPV4, l -> new RawIpv4()),
            Map.entry(LinkType.IPV6, l -> new RawIpv6()),
            Map.entry(LinkType.LINUX_SLL, l -> new LinuxSll()),
            Map.entry(LinkType.LINUX_SLL2, l -> new LinuxSll2()),
            Map.entry(LinkType.NULL, BsdLoopback::new),
            Map.entry(LinkType.LOOP, OpenBsdLoopback::new),
            Map.entry(LinkType.FDDI, l -> LlcLan.fddi()),
            Map.entry(LinkType.IEEE802, l -> LlcLan.tokenRing()),
            Map.entry(LinkType.IP_OVER_FC, l -> LlcLan.ipOverFc()),
            Map.entry(LinkType.ATM_RFC1483, l -> new AtmLlc(LinkType.ATM_RFC1483)),
            Map.entry(LinkType.ATM_CLIP, l -> new AtmLlc(LinkType.ATM_CLIP)),
            Map.entry(LinkType.SUNATM, l -> new SunAtm()),
            Map.entry(LinkType.DSA_TAG_BRCM, l -> new DsaTagged(LinkType.DSA_TAG_BRCM)),
            Map.entry(LinkType.DSA_TAG_DSA, l -> new DsaTagged(LinkType.DSA_TAG_DSA)),
            Map.entry(LinkType.NETANALYZER, l -> new NetAnalyzer(LinkType.NETANALYZER)),
            Map.entry(LinkType.NETANALYZER_TRANSPARENT, l -> new NetAnalyzer(LinkType.NETANALYZER_TRANSPARENT)),
            Map.entry(LinkType.ARCNET, l -> new Arcnet(LinkType.ARCNET)),
            Map.entry(LinkType.ARCNET_LINUX, l -> new Arcnet(LinkType.ARCNET_LINUX)),
            Map.entry(LinkType.BACNET_MS_TP, l -> new BacnetMsTp()),
            Map.entry(LinkType.PFLOG, Pflog::new),
            Map.entry(LinkType.MTP2, l -> new Mtp2(LinkType.MTP2)),
            Map.entry(LinkType.MTP2_WITH_PHDR, l -> new Mtp2(LinkType.MTP2_WITH_PHDR)),
            Map.entry(LinkType.MTP3, l -> new Mtp3()),
            Map.entry(LinkType.IEEE802_11, l -> new Ieee80211(LinkType.IEEE802_11)),
            Map.entry(LinkType.PRISM_HEADER, l -> new Ieee80211(LinkType.PRISM_HEADER)),
            Map.entry(LinkType.IEEE802_11_RADIO_AVS, l -> new Ieee80211(LinkType.IEEE802_11_RADIO_AVS)),
            Map.entry(LinkType.IEEE802_11_RADIO, l -> new Ieee80211(LinkType.IEEE802_11_RADIO)),
            Map.entry(LinkType.PPI, l -> new Ieee80211(LinkType.PPI)),
            Map.entry(LinkType.PPP, l -> new Ppp(LinkType.PPP)),
            Map.entry(LinkType.PPP_PPPD, l -> new Ppp(LinkType.PPP_PPPD)),
            Map.entry(LinkType.PPP_SERIAL, l -> new Ppp(LinkType.PPP_SERIAL)),
            Map.entry(LinkType.PPP_ETHER, l -> new Ppp(LinkType.PPP_ETHER)),
            Map.entry(LinkType.PPP_BSDOS, l -> new PppBsdos()),
            Map.entry(LinkType.C_HDLC, l -> new CiscoHdlc()),
            Map.entry(LinkType.SLIP, l -> new SerialLineIp(LinkType.SLIP)),
            Map.entry(LinkType.SLIP_BSDOS, l -> new SerialLineIp(LinkType.SLIP_BSDOS)),
            Map.entry(LinkType.FRELAY, l -> new FrameRelay()),
            Map.entry(LinkType.JUNIPER_MFR, l -> new Juniper(LinkType.JUNIPER_MFR)),
            Map.entry(LinkType.JUNIPER_MLFR, l -> new Juniper(LinkType.JUNIPER_MLFR)),
            Map.entry(LinkType.JUNIPER_MLPPP, l -> new Juniper(LinkType.JUNIPER_MLPPP)),
            Map.entry(LinkType.JUNIPER_ATM1, l -> new Juniper(LinkType.JUNIPER_ATM1)),
            Map.entry(LinkType.JUNIPER_ATM2, l -> new Juniper(LinkType.JUNIPER_ATM2)),
            Map.entry(LinkType.JUNIPER_PPPOE, l -> new Juniper(LinkType.JUNIPER_PPPOE)),
            Map.entry(LinkType.JUNIPER_PPPOE_ATM, l -> new Juniper(LinkType.JUNIPER_PPPOE_ATM)),
            Map.entry(LinkType.JUNIPER_GGSN, l -> new Juniper(LinkType.JUNIPER_GGSN)),
            Map.entry(LinkType.JUNIPER_ES, l -> new Juniper(LinkType.JUNIPER_ES)),
            Map.entry(LinkType.JUNIPER_MONITOR, l -> new Juniper(LinkType.JUNIPER_MONITOR)),
            Map.entry(LinkType.JUNIPER_SERVICES, l -> new Juniper(LinkType.JUNIPER_SERVICES)),
            Map.entry(LinkType.JUNIPER_ETHER, l -> new Juniper(LinkType.JUNIPER_ETHER)),
            Map.entry(LinkType.JUNIPER_PPP, l -> new Juniper(LinkType.JUNIPER_PPP)),
            Map.entry(LinkType.JUNIPER_FRELAY, l -> new Juniper(LinkType.JUNIPER_FRELAY)),
            Map.entry(LinkType.JUNIPER_CHDLC, l -> new Juniper(LinkType.JUNIPER_CHDLC)),
            Map.entry(LinkType.JUNIPER_VP, l -> new Juniper(LinkType.JUNIPER_VP)),
            Map.entry(LinkType.JUNIPER_ST, l -> new Juniper(LinkType.JUNIPER_ST)),
            Map.entry(LinkType.JUNIPER_ISM, l -> new Juniper(LinkType.JUNIPER_ISM)),
            Map.entry(LinkType.JUNIPER_VS, l -> new Juniper(LinkType.JUNIPER_VS)),
            Map.entry(LinkType.JUNIPER_SRX_E2E, l -> new Juniper(LinkType.JUNIPER_SRX_E2E)),
            Map.entry(LinkType.JUNIPER_FIBRECHANNEL, l -> new Juniper(LinkType.JUNIPER_FIBRECHANNEL)),
            Map.entry(LinkType.JUNIPER_ATM_CEMIC, l -> new Juniper(LinkType.JUNIPER_ATM_CEMIC)),
            Map.entry(LinkType.IPNET, l -> new Ipnet()),
            Map.entry(LinkType.ENC, Enc::new),
            Map.entry(LinkType.LTALK, l -> new LocalTalk()),
            Map.entry(LinkType.SYMANTEC_FIREWALL, l -> new EtherTypeField(LinkType.SYMANTEC_FIREWALL)),
            Map.entry(LinkType.APPLE_IP_OVER_IEEE1394, l -> new EtherTypeField(LinkType.APPLE_IP_OVER_IEEE1394)),
            Map.entry(LinkType.MFR, l -> new Untyped(LinkType.MFR)),
            Map.entry(LinkType.PFSYNC, l -> new Untyped(LinkType.PFSYNC)),
            Map.entry(LinkType.ERF, l -> new Untyped(LinkType.ERF)));
}
