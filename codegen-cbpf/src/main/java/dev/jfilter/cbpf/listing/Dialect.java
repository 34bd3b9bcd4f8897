package dev.jfilter.cbpf.listing;

/**
 * Which libpcap's {@code bpf_image()} a {@code -d} listing follows. They differ in two places: 1.10 has no mnemonic
 * for {@code ldx #pktlen} (it prints {@code unimp 0x81}) and pads an instruction without operand
 * ({@code "ret      "}); 1.11 prints {@code ldx #pktlen} and ends such lines after the mnemonic ({@code "ret"}).
 * The parser reads both.
 *
 * @see <a href="https://github.com/the-tcpdump-group/libpcap/blob/master/bpf_image.c">libpcap bpf_image.c</a>
 */
public enum Dialect {
    /** libpcap 1.10 (1.10.3 is tcpdump 4.99.3's library here): the format jfilter prints by default. */
    LIBPCAP_1_10,
    /** libpcap 1.11 (master), the format of libpcap's test suite. */
    LIBPCAP_1_11
}
