package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.Arith;
import dev.jfilter.frontend.ast.ArithOp;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.IdOperand;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.Qualifiers;
import dev.jfilter.frontend.ast.RelOp;
import dev.jfilter.frontend.ast.Span;

/**
 * Builds AST nodes by hand for the lowering tests, with placeholder spans unless one is given. Operand texts are
 * what libpcap's messages quote.
 */
public final class Ast {
    private Ast() {}

    public static final Span NOWHERE = new Span(0, 0);

    public static Qualifiers q(ProtoQualifier p, DirQualifier d, AddrQualifier a) {
        return new Qualifiers(p, d, a, new Span(0, 1));
    }

    public static Primitive.Qualified qualified(ProtoQualifier p, DirQualifier d, AddrQualifier a, IdOperand id) {
        return new Primitive.Qualified(q(p, d, a), id, new Span(0, 2));
    }

    public static IdOperand.Name name(String s) {
        return new IdOperand.Name(s, new Span(1, 2));
    }

    public static IdOperand.Number num(long v) {
        return new IdOperand.Number(v, Long.toString(v), new Span(1, 2));
    }

    /**
     * An IPv4 address or short form as the parser gives it: parts of at most 255, or 0 bits when {@code pcap_atoin}
     * refuses the text.
     */
    public static IdOperand.Ipv4 ipv4(String text) {
        String[] parts = text.split("\\.");
        long v = 0;
        for (String p : parts) {
            long part = Long.parseLong(p);
            if (part > 255) {
                return new IdOperand.Ipv4(0, 0, text, new Span(1, 2));
            }
            v = (v << 8) | part;
        }
        return new IdOperand.Ipv4(v, 8 * parts.length, text, new Span(1, 2));
    }

    public static IdOperand.Ipv4Prefix ipv4(String text, int len) {
        return new IdOperand.Ipv4Prefix(ipv4(text), len, text + "/" + len, new Span(1, 2));
    }

    public static IdOperand.Ipv4Masked ipv4(String text, String mask) {
        return new IdOperand.Ipv4Masked(ipv4(text), ipv4(mask), text + " mask " + mask, new Span(1, 2));
    }

    public static IdOperand.Ipv6 ipv6(String text) {
        byte[] b = java.net.InetAddress.ofLiteral(text).getAddress();
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[8 + i] & 0xff);
        }
        return new IdOperand.Ipv6(hi, lo, text, new Span(1, 2));
    }

    public static IdOperand.Ipv6Prefix ipv6(String text, int len) {
        return new IdOperand.Ipv6Prefix(ipv6(text), len, text + "/" + len, new Span(1, 2));
    }

    public static IdOperand.Mac mac(long v) {
        return new IdOperand.Mac(v, Long.toHexString(v), new Span(1, 2));
    }

    public static Primitive.ProtoAbbrev abbrev(ProtoQualifier p) {
        return new Primitive.ProtoAbbrev(p, NOWHERE);
    }

    public static FilterExpr and(FilterExpr a, FilterExpr b) {
        return new FilterExpr.And(a, b, NOWHERE);
    }

    public static FilterExpr or(FilterExpr a, FilterExpr b) {
        return new FilterExpr.Or(a, b, NOWHERE);
    }

    public static FilterExpr not(FilterExpr a) {
        return new FilterExpr.Not(a, NOWHERE);
    }

    public static Arith lit(long v) {
        return new Arith.Literal(v, NOWHERE);
    }

    public static Arith len() {
        return new Arith.PacketLength(NOWHERE);
    }

    public static Arith index(ProtoQualifier p, Arith i, int size) {
        return new Arith.PacketIndex(p, i, size, NOWHERE, NOWHERE, NOWHERE);
    }

    public static Arith bin(ArithOp op, Arith l, Arith r) {
        return new Arith.Binary(op, l, r, NOWHERE, NOWHERE);
    }

    public static Primitive.Relation rel(Arith l, RelOp op, Arith r) {
        return new Primitive.Relation(l, op, r, NOWHERE, NOWHERE);
    }
}
