package dev.jfilter.frontend.ast;

/**
 * The operand of a qualified primitive ({@code id} in libpcap's grammar): a name, a number, an address or a
 * network. Each keeps its source {@link #text()}, since libpcap's messages quote it.
 */
public sealed interface IdOperand {

    /** The operand as written. */
    String text();

    /** Where the operand is. */
    Span span();

    /** A name: a host, network, port, protocol or service; {@code \keyword} escapes already removed. */
    record Name(String text, Span span) implements IdOperand {}

    /** A number ({@code NUM}): decimal, {@code 0x} hexadecimal or leading-zero octal; 32 bits unsigned. */
    record Number(long value, String text, Span span) implements IdOperand {}

    /**
     * An IPv4 address or short form ({@code HID}: {@code 10}, {@code 10.1}, {@code 10.1.2}, {@code 10.1.2.3}).
     * {@code value} holds the parts as {@code inet_aton}-style left-to-right bytes of the written length;
     * {@code bits} is 8 times the number of parts written (libpcap's {@code pcap_atoin}). {@code bits} is 0 when
     * {@code pcap_atoin} rejects the text (a part above 255, or a {@code 0x} part, which it reads as decimal): the
     * lowering reports libpcap's {@code invalid IPv4 address '%s'} for it, except under {@code decnet}, which
     * reads the text as a DECnet address.
     */
    record Ipv4(long value, int bits, String text, Span span) implements IdOperand {
        /** Whether {@code pcap_atoin} accepts the text. */
        public boolean valid() {
            return bits > 0;
        }
    }

    /**
     * {@code HID/NUM}: an IPv4 network and prefix length. {@code prefixLength} is the NUM as written, any 32-bit
     * value, kept as unsigned bits in an int ({@link Integer#toUnsignedLong} reads it; lowering checks the range).
     */
    record Ipv4Prefix(Ipv4 address, int prefixLength, String text, Span span) implements IdOperand {}

    /** {@code HID mask HID}: an IPv4 network and netmask. */
    record Ipv4Masked(Ipv4 address, Ipv4 mask, String text, Span span) implements IdOperand {}

    /** An IPv6 address ({@code HID6}); {@code high} and {@code low} are its 128 bits. */
    record Ipv6(long high, long low, String text, Span span) implements IdOperand {}

    /** {@code HID6/NUM}: an IPv6 network and prefix length, 32 unsigned bits as for {@link Ipv4Prefix}. */
    record Ipv6Prefix(Ipv6 address, int prefixLength, String text, Span span) implements IdOperand {}

    /** A MAC-48 address ({@code EID}) in its 48 low bits. */
    record Mac(long value, String text, Span span) implements IdOperand {}

    /** An 8-bit link address ({@code AID}, {@code $xx}), for ARCnet and MS/TP. */
    record LinkByte(int value, String text, Span span) implements IdOperand {}
}
