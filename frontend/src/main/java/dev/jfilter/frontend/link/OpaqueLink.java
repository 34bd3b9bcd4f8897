package dev.jfilter.frontend.link;

import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Pred;
import java.util.EnumSet;
import java.util.Set;

/**
 * A link type whose header libpcap does not interpret: only {@code link[N:M]}, {@code len} and the primitives that
 * need no link-layer knowledge compile; everything that must find the network layer is refused with libpcap's
 * reason ("link-layer type filtering not implemented for DLT_X", "'vlan' not supported on DLT_X", ...). libpcap's
 * {@code init_linktype} treats this way the link types it names without offsets (AX.25, ProNET, Chaos, ...) and
 * every other DLT of the range it assigned ({@code DLT_HIGH_MATCHING_MIN} to {@code DLT_HIGH_MATCHING_MAX}) that
 * has no case of its own.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public record OpaqueLink(LinkType type) implements LinkLayer {

    /** libpcap's {@code DLT_HIGH_MATCHING_MIN}: DLT values from here on are the same on every OS. */
    static final int HIGH_MATCHING_MIN = 104;

    /** The low DLT values {@code init_linktype} names without offsets. */
    private static final Set<LinkType> NAMED = EnumSet.of(LinkType.EN3MB, LinkType.AX25, LinkType.PRONET,
            LinkType.CHAOS, LinkType.REDBACK_SMARTEDGE);

    /**
     * The link types {@code init_linktype} (or the code after it) gives offsets or primitives of their own: not
     * opaque, whether or not jfilter lowers them yet.
     */
    private static final Set<LinkType> INTERPRETED = EnumSet.of(LinkType.ARCNET, LinkType.ARCNET_LINUX,
            LinkType.EN10MB, LinkType.SLIP, LinkType.SLIP_BSDOS, LinkType.NULL, LinkType.LOOP, LinkType.ENC,
            LinkType.PPP, LinkType.PPP_PPPD, LinkType.C_HDLC, LinkType.PPP_SERIAL, LinkType.PPP_ETHER,
            LinkType.PPP_BSDOS, LinkType.FDDI, LinkType.IEEE802, LinkType.PRISM_HEADER,
            LinkType.IEEE802_11_RADIO_AVS, LinkType.IEEE802_11_RADIO, LinkType.IEEE802_11, LinkType.PPI,
            LinkType.ATM_RFC1483, LinkType.ATM_CLIP, LinkType.SUNATM, LinkType.RAW, LinkType.IPV4, LinkType.IPV6,
            LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.LTALK, LinkType.IP_OVER_FC, LinkType.FRELAY,
            LinkType.MFR, LinkType.APPLE_IP_OVER_IEEE1394, LinkType.SYMANTEC_FIREWALL, LinkType.PFLOG,
            LinkType.JUNIPER_MFR, LinkType.JUNIPER_MLFR, LinkType.JUNIPER_MLPPP, LinkType.JUNIPER_PPP,
            LinkType.JUNIPER_CHDLC, LinkType.JUNIPER_FRELAY, LinkType.JUNIPER_ATM1, LinkType.JUNIPER_ATM2,
            LinkType.JUNIPER_PPPOE, LinkType.JUNIPER_ETHER, LinkType.JUNIPER_PPPOE_ATM, LinkType.JUNIPER_GGSN,
            LinkType.JUNIPER_ES, LinkType.JUNIPER_MONITOR, LinkType.JUNIPER_SERVICES, LinkType.JUNIPER_VP,
            LinkType.JUNIPER_ST, LinkType.JUNIPER_ISM, LinkType.JUNIPER_VS, LinkType.JUNIPER_SRX_E2E,
            LinkType.JUNIPER_FIBRECHANNEL, LinkType.JUNIPER_ATM_CEMIC, LinkType.MTP2, LinkType.MTP2_WITH_PHDR,
            LinkType.MTP3, LinkType.ERF, LinkType.PFSYNC, LinkType.IPNET, LinkType.NETANALYZER,
            LinkType.NETANALYZER_TRANSPARENT, LinkType.DSA_TAG_BRCM, LinkType.DSA_TAG_DSA, LinkType.BACNET_MS_TP);

    /** Whether libpcap treats {@code type} as opaque. */
    public static boolean isOpaque(LinkType type) {
        return NAMED.contains(type) || (type.dlt() >= HIGH_MATCHING_MIN && !INTERPRETED.contains(type));
    }

    @Override
    public LinkOffsets offsets() {
        return new LinkOffsets(-1, -1, -1, -1);
    }

    @Override
    public Pred protocolTest(Fields fields, long llProto) {
        throw NoProtocolField.linkTypeFilteringNotImplemented(type);
    }
}
