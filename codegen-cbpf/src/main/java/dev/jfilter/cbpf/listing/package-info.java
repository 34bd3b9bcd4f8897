/**
 * tcpdump's program listings, {@code -d}, {@code -dd} and {@code -ddd}: printed byte for byte as libpcap's
 * {@code bpf_dump()}/{@code bpf_image()} print them, and parsed back, in libpcap 1.10's and 1.11's dialects.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1)</a>
 */
package dev.jfilter.cbpf.listing;
