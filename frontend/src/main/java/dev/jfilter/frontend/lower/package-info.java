/**
 * Lowering ("gencode"): from the AST to the CFG, as libpcap master's {@code gencode.c} generates code.
 *
 * <p>Each primitive becomes a {@link dev.jfilter.frontend.lower.Pred}, a tree of tests with libpcap's structure and
 * libpcap's semantic checks and messages ({@link dev.jfilter.frontend.lower.Addresses},
 * {@link dev.jfilter.frontend.lower.Ports}, {@link dev.jfilter.frontend.lower.Protocols},
 * {@link dev.jfilter.frontend.lower.Arithmetic}, {@link dev.jfilter.frontend.lower.ProtoChain},
 * {@link dev.jfilter.frontend.lower.LinkLevel}, {@link dev.jfilter.frontend.lower.Encapsulations} and
 * {@link dev.jfilter.frontend.lower.Tunnels}); {@link dev.jfilter.frontend.lower.CfgEmitter} turns the tree into
 * blocks, and {@link dev.jfilter.frontend.lower.Lowering} is the entry point. Where the headers are is the
 * lowering's state ({@link dev.jfilter.frontend.lower.Layout}): {@code vlan}, {@code mpls}, {@code pppoes},
 * {@code geneve} and {@code vxlan} move it for everything lowered after them, in source order, and fields are loaded
 * through it ({@link dev.jfilter.frontend.lower.Fields}), at constant offsets or at offsets the program computes
 * into scratch words. Link-layer specifics come from
 * {@link dev.jfilter.frontend.link.LinkLayer}, names from {@link dev.jfilter.frontend.names.NameResolver}.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
package dev.jfilter.frontend.lower;
