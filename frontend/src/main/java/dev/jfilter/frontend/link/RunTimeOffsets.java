package dev.jfilter.frontend.link;

/**
 * The scratch words that hold run-time header offsets when the whole expression has been lowered: what libpcap's
 * {@code insert_compute_vloffsets} finds in {@code off_linkhdr.reg} and {@code off_linkpl.reg} (gencode.c), -1
 * where no test read that offset, and the link type the lowering ended on ({@code cstate->linktype}, which
 * {@code pppoes}, {@code geneve} or {@code vxlan} change).
 *
 * @param linkHeaderRegister the word for the variable part of the link-layer header's offset, or -1
 * @param payloadRegister the word for the variable part of the link-layer payload's offset, or -1
 * @param current the link type of the last link-layer header the lowering stood on
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public record RunTimeOffsets(int linkHeaderRegister, int payloadRegister, LinkType current) {}
