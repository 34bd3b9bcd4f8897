/**
 * Lowering ("gencode"): from the AST to the CFG, as libpcap master's {@code gencode.c} generates code.
 *
 * <p>Each primitive becomes a {@link dev.jfilter.frontend.lower.Pred}, a tree of tests with libpcap's structure and
 * libpcap's semantic checks and messages ({@link dev.jfilter.frontend.lower.Addresses},
 * {@link dev.jfilter.frontend.lower.Ports}, {@link dev.jfilter.frontend.lower.Protocols},
 * {@link dev.jfilter.frontend.lower.Arithmetic}, {@link dev.jfilter.frontend.lower.ProtoChain},
 * {@link dev.jfilter.frontend.lower.LinkLevel}); {@link dev.jfilter.frontend.lower.CfgEmitter} turns the tree into
 * blocks, and {@link dev.jfilter.frontend.lower.Lowering} is the entry point. Link-layer specifics come from
 * {@link dev.jfilter.frontend.link.LinkLayer}, names from {@link dev.jfilter.frontend.names.NameResolver}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
package dev.jfilter.frontend.lower;
