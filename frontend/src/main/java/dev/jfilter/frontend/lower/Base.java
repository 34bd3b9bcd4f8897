package dev.jfilter.frontend.lower;

/**
 * What an offset is relative to: libpcap's {@code enum e_offrel} (gencode.c). Where each base is depends on the
 * encapsulations lowered so far ({@link Layout}).
 */
public enum Base {
    /** The start of the packet data ({@code OR_PACKET}). */
    PACKET,
    /** The start of the link-layer header ({@code OR_LINKHDR}). */
    LINK_HEADER,
    /** The 802.2 LLC header, at the start of the link-layer payload ({@code OR_LLC}). */
    LLC,
    /** The last MPLS label stack entry before the network-layer header ({@code OR_PREVMPLSHDR}). */
    PREVIOUS_MPLS,
    /** The network-layer header ({@code OR_LINKPL}: payload plus {@code off_nl}). */
    NETWORK,
    /** The network-layer header after an 802.2 header without SNAP ({@code OR_LINKPL_NOSNAP}). */
    NETWORK_NOSNAP,
    /** The link-level protocol field ({@code OR_LINKTYPE}). */
    LINK_TYPE,
    /** The transport header after a variable-length IPv4 header ({@code OR_TRAN_IPV4}). */
    TRANSPORT_IPV4,
    /** The transport header after the fixed 40-byte IPv6 header ({@code OR_TRAN_IPV6}). */
    TRANSPORT_IPV6
}
