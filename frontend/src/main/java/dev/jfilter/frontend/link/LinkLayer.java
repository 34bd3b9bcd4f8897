package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
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
        permits Ethernet,
                RawIp,
                RawIpv4,
                RawIpv6,
                LinuxSll,
                LinuxSll2,
                BsdLoopback,
                OpenBsdLoopback,
                Ppp,
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

    /** The layer for a link type, if jfilter supports it yet. */
    static Optional<LinkLayer> of(LinkType type, LoopbackEncoding loopback) {
        Function<LoopbackEncoding, LinkLayer> make = SUPPORTED.get(type);
        return make == null ? Optional.empty() : Optional.of(make.apply(loopback));
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
            Map.entry(LinkType.JUNIPER_PIC_PEER, l -> new Untyped(LinkType.JUNIPER_PIC_PEER)));
}
