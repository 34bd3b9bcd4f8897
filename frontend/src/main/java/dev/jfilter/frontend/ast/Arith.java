package dev.jfilter.frontend.ast;

/** An arithmetic expression ({@code arth} in libpcap's grammar): unsigned 32-bit values. */
public sealed interface Arith {

    /** Where the expression is. */
    Span span();

    /** A number literal, including named constants such as {@code tcp-syn} or {@code icmp-echo}. */
    record Literal(long value, Span span) implements Arith {}

    /** {@code len}/{@code length}: the packet's length on the wire. */
    record PacketLength(Span span) implements Arith {}

    /** {@code proto[index]} or {@code proto[index : size]}, {@code size} 1, 2 or 4 as written. */
    record PacketIndex(ProtoQualifier proto, Arith index, int size, Span protoSpan, Span sizeSpan, Span span)
            implements Arith {}

    /** {@code left op right}. */
    record Binary(ArithOp op, Arith left, Arith right, Span opSpan, Span span) implements Arith {}

    /** {@code -operand}. */
    record Negate(Arith operand, Span span) implements Arith {}
}
