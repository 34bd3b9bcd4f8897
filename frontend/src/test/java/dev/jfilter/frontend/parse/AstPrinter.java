package dev.jfilter.frontend.parse;

import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.Arith;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.ast.IdOperand;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.Qualifiers;
import java.util.Locale;

/**
 * A compact s-expression of the AST for tests, in the format of the bison reference harness
 * (test resources, {@code oracle/harness.c}): {@code (or (q tcp dst port num:80) (q tcp dst port num:8080))}.
 */
final class AstPrinter {

    private AstPrinter() {}

    static String print(FilterExpr e) {
        StringBuilder b = new StringBuilder();
        expr(e, b);
        return b.toString();
    }

    private static void expr(FilterExpr e, StringBuilder b) {
        switch (e) {
            case FilterExpr.And and -> binary("and", and.left(), and.right(), b);
            case FilterExpr.Or or -> binary("or", or.left(), or.right(), b);
            case FilterExpr.Not not -> {
                b.append("(not ");
                expr(not.operand(), b);
                b.append(')');
            }
            case Primitive p -> b.append(primitive(p));
        }
    }

    private static void binary(String op, FilterExpr l, FilterExpr r, StringBuilder b) {
        b.append('(').append(op).append(' ');
        expr(l, b);
        b.append(' ');
        expr(r, b);
        b.append(')');
    }

    private static String u(long v) {
        return Long.toString(v & 0xFFFF_FFFFL);
    }

    private static String primitive(Primitive p) {
        return switch (p) {
            case Primitive.Qualified q -> "(q " + qualifiers(q.qualifiers()) + " " + operand(q.operand()) + ")";
            case Primitive.ProtoAbbrev a -> "(proto " + proto(a.proto()) + ")";
            case Primitive.Relation r -> "(rel " + r.op().symbol() + " " + arith(r.left()) + " " + arith(r.right()) + ")";
            case Primitive.Broadcast b -> "(broadcast " + proto(b.proto()) + ")";
            case Primitive.Multicast m -> "(multicast " + proto(m.proto()) + ")";
            case Primitive.LengthCompare l -> "(" + (l.greater() ? "greater " : "less ") + u(l.length()) + ")";
            case Primitive.ByteOp o -> "(byte " + u(o.index()) + " " + o.op() + " " + u(o.value()) + ")";
            case Primitive.Direction d -> d.outbound() ? "(outbound)" : "(inbound)";
            case Primitive.IfIndex i -> "(ifindex " + u(i.index()) + ")";
            case Primitive.Encapsulation en -> "(" + en.kind().keyword()
                    + (en.value().isPresent() ? " " + u(en.value().getAsLong()) : "") + ")";
            case Primitive.Llc l -> switch (l.kind()) {
                case ANY -> "(llc)";
                case I -> "(llc i)";
                case S -> "(llc s)";
                case U -> "(llc u)";
                case S_SUBTYPE -> "(llc s " + l.subtype() + ")";
                case U_SUBTYPE -> "(llc u " + l.subtype() + ")";
            };
            case Primitive.PfIfname i -> "(ifname " + i.name() + ")";
            case Primitive.PfRuleset r -> "(ruleset " + r.name() + ")";
            case Primitive.PfRuleNumber r -> "(rnr " + u(r.number()) + ")";
            case Primitive.PfSubruleNumber r -> "(srnr " + u(r.number()) + ")";
            case Primitive.PfReason r -> "(reason " + u(r.reason()) + ")";
            case Primitive.PfAction a -> "(action " + u(a.action()) + ")";
            case Primitive.WlanType t -> "(wlantype " + t.value() + " " + t.mask() + ")";
            case Primitive.WlanDir d -> "(wlandir " + d.value() + ")";
            case Primitive.AtmAbbrev a -> "(atm " + a.type().name().toLowerCase(Locale.ROOT) + ")";
            case Primitive.AtmField f -> "(atmfield " + f.field().name().toLowerCase(Locale.ROOT) + " "
                    + f.op().symbol() + " " + u(f.value()) + ")";
            case Primitive.Mtp2Abbrev m -> "(mtp2 " + m.type().name().toLowerCase(Locale.ROOT) + ")";
            case Primitive.Mtp3Field f -> "(mtp3 " + f.field().name().toLowerCase(Locale.ROOT) + " "
                    + f.op().symbol() + " " + u(f.value()) + ")";
        };
    }

    private static String qualifiers(Qualifiers q) {
        return proto(q.proto()) + " " + dir(q.dir()) + " " + addr(q.addr());
    }

    private static String proto(ProtoQualifier p) {
        return p == ProtoQualifier.DEFAULT ? "-" : p.keyword();
    }

    private static String dir(DirQualifier d) {
        return d == DirQualifier.DEFAULT ? "-" : d.keyword().replace(' ', '-');
    }

    private static String addr(AddrQualifier a) {
        return a == AddrQualifier.DEFAULT ? "-" : a.keyword();
    }

    private static String operand(IdOperand o) {
        return switch (o) {
            case IdOperand.Name n -> "name:" + n.text();
            case IdOperand.Number n -> "num:" + u(n.value());
            case IdOperand.Ipv4 a -> "ip4:" + a.text();
            case IdOperand.Ipv4Prefix p -> "ip4:" + p.address().text() + "/" + Integer.toUnsignedString(p.prefixLength());
            case IdOperand.Ipv4Masked m -> "ip4:" + m.address().text() + "/mask/" + m.mask().text();
            case IdOperand.Ipv6 a -> "ip6:" + a.text() + "/128";
            case IdOperand.Ipv6Prefix p -> "ip6:" + p.address().text() + "/" + Integer.toUnsignedString(p.prefixLength());
            case IdOperand.Mac m -> "mac:" + m.text();
            case IdOperand.LinkByte l -> "aid:" + l.text();
        };
    }

    static String arith(Arith a) {
        return switch (a) {
            case Arith.Literal l -> u(l.value());
            case Arith.PacketLength l -> "len";
            case Arith.PacketIndex x -> "(idx " + proto(x.proto()) + " " + arith(x.index()) + " "
                    + Integer.toUnsignedString(x.size()) + ")";
            case Arith.Binary bin -> "(" + bin.op().symbol() + " " + arith(bin.left()) + " " + arith(bin.right()) + ")";
            case Arith.Negate n -> "(neg " + arith(n.operand()) + ")";
        };
    }
}
