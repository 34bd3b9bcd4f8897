package dev.jfilter.frontend.link;

/**
 * The offsets libpcap's {@code init_linktype} sets for a link-layer header type.
 *
 * @param linkType {@code off_linktype}: where the link-level protocol field is, or -1 if there is none
 * @param payload {@code off_linkpl}: where the link-layer payload starts
 * @param network {@code off_nl}: where the network-layer header starts, from the payload (with a SNAP header)
 * @param networkNoSnap {@code off_nl_nosnap}: where the network-layer header starts, from the payload, after an
 *     802.2 header without SNAP
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public record LinkOffsets(int linkType, int payload, int network, int networkNoSnap) {}
