/**
 * Link-layer header types: their DLT names and values ({@link dev.jfilter.frontend.link.LinkType}), and for the
 * ones jfilter lowers, their layout and protocol tests ({@link dev.jfilter.frontend.link.LinkLayer}: Ethernet, raw
 * IP, raw IPv4, raw IPv6, Linux cooked v1 and v2, BSD and OpenBSD loopback, pflog, SS7 MTP2 (with and without
 * pseudo-header) and MTP3; and PPP, the link layer inside a PPPoE
 * session).
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
package dev.jfilter.frontend.link;
