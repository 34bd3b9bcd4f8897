package dev.jfilter.frontend.link;

/**
 * Where a link layer keeps its MAC-48 addresses, from the start of the link-layer header (libpcap's
 * {@code gen_mac48host}).
 */
public record MacLayout(int sourceOffset, int destinationOffset) {}
