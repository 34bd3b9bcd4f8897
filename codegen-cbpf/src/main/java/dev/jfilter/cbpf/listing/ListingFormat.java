package dev.jfilter.cbpf.listing;

/**
 * The three ways tcpdump prints a compiled filter (libpcap's {@code bpf_dump()}).
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), options -d, -dd, -ddd</a>
 */
public enum ListingFormat {
    /** {@code -d}: one line per instruction in libpcap's {@code bpf_image()} mnemonics, {@code (000) ldh [12]}. */
    IMAGE("-d"),
    /** {@code -dd}: a C array initializer, one {@code { 0x28, 0, 0, 0x0000000c },} per instruction. */
    C_ARRAY("-dd"),
    /** {@code -ddd}: the instruction count, then {@code code jt jf k} in decimal, one line each. */
    DECIMAL("-ddd");

    private final String option;

    ListingFormat(String option) {
        this.option = option;
    }

    /** tcpdump's option for this format. */
    public String option() {
        return option;
    }
}
