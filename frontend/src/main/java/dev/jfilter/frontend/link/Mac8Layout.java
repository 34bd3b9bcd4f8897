package dev.jfilter.frontend.link;

/**
 * Where a link layer keeps its one-byte (MAC-8) station addresses, from the start of the link-layer header, and its
 * broadcast address (libpcap's {@code gen_mac8host}, {@code gen_broadcast}).
 *
 * @param sourceOffset where the source address is
 * @param destinationOffset where the destination address is
 * @param broadcast the destination address of a broadcast
 */
public record Mac8Layout(int sourceOffset, int destinationOffset, int broadcast) {}
