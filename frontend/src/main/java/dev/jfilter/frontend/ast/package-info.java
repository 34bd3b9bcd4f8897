/**
 * The abstract syntax tree of a filter expression in the pcap-filter(7) language: immutable records, each with
 * the {@link dev.jfilter.frontend.ast.Span} of source text it came from. Qualifier inheritance ({@code host a or b})
 * is already resolved: every {@link dev.jfilter.frontend.ast.Primitive.Qualified} carries its full qualifiers.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
package dev.jfilter.frontend.ast;
