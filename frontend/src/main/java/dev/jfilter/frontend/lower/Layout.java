package dev.jfilter.frontend.lower;

import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LinkOffsets;

/**
 * Where the headers are for the primitive being lowered: the part of libpcap's {@code compiler_state_t} that
 * {@code vlan}, {@code mpls}, {@code pppoes}, {@code geneve} and {@code vxlan} change for everything parsed after
 * them, across {@code or} and parentheses (pcap-filter(7), libpcap issues #798, #158, #916). It starts as
 * {@code init_linktype} sets it for the capture's link type and is changed in source order, as libpcap's parser
 * actions change it.
 */
final class Layout {
    /** {@code linktype}: the link layer whose header the link-level primitives test now. */
    LinkLayer link;
    /** {@code off_linkhdr}. */
    AbsoluteOffset linkHeader;
    /** {@code prevlinktype}: the link layer the current one is inside (itself while there is only one). */
    LinkLayer previousLink;
    /** {@code off_prevlinkhdr}. */
    AbsoluteOffset previousLinkHeader;
    /** {@code off_linkpl}. */
    AbsoluteOffset linkPayload;
    /** {@code off_linktype}: where the link-level protocol field is (constant -1 when there is none). */
    AbsoluteOffset linkType;
    /** {@code off_nl}: the network-layer header, from the link-layer payload. */
    int network;
    /** {@code off_nl_nosnap}: the same after an 802.2 header without SNAP. */
    int networkNoSnap;
    /** {@code is_encap}: the link layer is the frame inside a Geneve or VXLAN tunnel. */
    boolean encapsulated;
    /** {@code label_stack_depth}: MPLS labels passed. */
    int mplsDepth;
    /** {@code vlan_stack_depth}: VLAN tags passed. */
    int vlanDepth;
    /** The link layer of the capture ({@code outermostlinktype}). */
    final LinkLayer captureLink;

    /** {@code off_outermostlinkhdr}: where the capture's own link-layer header starts. */
    private final int outermostHeader;

    Layout(LinkLayer link) {
        outermostHeader = link.headerOffset();
        LinkOffsets o = link.offsets();
        this.link = link;
        linkHeader = new AbsoluteOffset(link.variableLinkHeader(), link.headerOffset(), -1);
        previousLink = link;
        previousLinkHeader = new AbsoluteOffset(link.headerOffset());
        linkPayload = new AbsoluteOffset(link.headerLengthAtRunTime().isPresent() || link.variablePayload(), o.payload(), -1);
        captureLink = link;
        linkType = new AbsoluteOffset(o.linkType());
        network = o.network();
        networkNoSnap = o.networkNoSnap();
    }

    /**
     * libpcap's {@code PUSH_LINKHDR}: a new link-layer header inside the current one, which is kept as the previous
     * header (only SunATM's LANE checks read it).
     */
    void pushLinkHeader(LinkLayer inner, boolean variable, int constant, int reg) {
        previousLink = link;
        previousLinkHeader = linkHeader;
        link = inner;
        linkHeader = new AbsoluteOffset(variable, constant, reg);
        encapsulated = false;
    }

    /** Whether this is still the outermost link-layer header, at the start of the packet. */
    boolean outermost() {
        return !linkHeader.variable && linkHeader.constant == outermostHeader;
    }
}
