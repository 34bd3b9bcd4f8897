package dev.jfilter.frontend.ast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The AST as an indented tree, one node a line, with where in the source each node is ({@code LINE:COL-COL}, or
 * {@code LINE:COL-LINE:COL} across lines, 1-based and inclusive) and the text it covers. {@code and} and {@code or}
 * associate to the left, so {@code a or b or c} is {@code (a or b) or c}; such a left chain of one operator is
 * shown as one node with all its operands, which keeps a 1000-term filter readable. Printing uses no recursion,
 * so any depth the parser accepts prints; below depth 12 lines are no longer indented but say their depth.
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public final class AstPrinter {
    /** The widest tree column; deeper lines push their columns right. */
    private static final int MAX_TREE_WIDTH = 60;
    /** Deeper nodes are not indented further but marked with their depth, so output stays linear in the tree. */
    private static final int MAX_INDENT = 12;
    /** The longest quoted source text; longer texts are cut with "...". */
    private static final int MAX_TEXT = 40;

    private AstPrinter() {}

    /** The tree of {@code root}, which was parsed from {@code source}. */
    public static String print(FilterExpr root, String source) {
        List<String[]> rows = new ArrayList<>();
        Deque<Frame> todo = new ArrayDeque<>();
        todo.push(new Frame(new Node.Expr(root), 0, "", "", true));
        while (!todo.isEmpty()) {
            Frame f = todo.pop();
            Described d = describe(f.node());
            String depth = f.depth() > MAX_INDENT ? "[depth " + f.depth() + "] " : "";
            rows.add(new String[] {f.prefix() + depth + f.branch() + d.label(), where(d.span(), source),
                quoteText(source, d.span())});
            String childPrefix = f.depth() >= MAX_INDENT ? f.prefix()
                    : f.prefix() + (f.branch().isEmpty() ? "" : f.last() ? "    " : "|   ");
            List<Node> children = d.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                boolean last = i == children.size() - 1;
                todo.push(new Frame(children.get(i), f.depth() + 1, childPrefix, last ? "`-- " : "|-- ", last));
            }
        }
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, Math.min(r[0].length(), MAX_TREE_WIDTH));
        }
        int whereWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append(pad(r[0], width)).append("  ").append(pad(r[1], whereWidth)).append("  ").append(r[2]);
            out.append('\n');
        }
        return out.toString();
    }

    /** A node of the tree: a boolean expression or an arithmetic one. */
    private sealed interface Node {
        record Expr(FilterExpr expr) implements Node {}

        record Math(Arith arith) implements Node {}
    }

    private record Frame(Node node, int depth, String prefix, String branch, boolean last) {}

    private record Described(String label, Span span, List<Node> children) {}

    private static Described describe(Node node) {
        return switch (node) {
            case Node.Expr(FilterExpr e) -> describe(e);
            case Node.Math(Arith a) -> describe(a);
        };
    }

    private static Described describe(FilterExpr e) {
        return switch (e) {
            case FilterExpr.And a -> chain("and", a, a.span());
            case FilterExpr.Or o -> chain("or", o, o.span());
            case FilterExpr.Not n -> new Described("not", n.span(), List.of(new Node.Expr(n.operand())));
            case Primitive p -> describe(p);
        };
    }

    /** An and/or node with the operands of its left chain of the same operator. */
    private static Described chain(String op, FilterExpr top, Span span) {
        Deque<Node> operands = new ArrayDeque<>();
        FilterExpr e = top;
        while (true) {
            FilterExpr left;
            switch (e) {
                case FilterExpr.And a when op.equals("and") -> {
                    operands.push(new Node.Expr(a.right()));
                    left = a.left();
                }
                case FilterExpr.Or o when op.equals("or") -> {
                    operands.push(new Node.Expr(o.right()));
                    left = o.left();
                }
                case FilterExpr other -> {
                    operands.push(new Node.Expr(other));
                    left = null;
                }
            }
            if (left == null) {
                break;
            }
            e = left;
        }
        String label = operands.size() > 2 ? op + " (" + operands.size() + " operands, left to right)" : op;
        return new Described(label, span, List.copyOf(operands));
    }

    private static Described describe(Primitive p) {
        return switch (p) {
            case Primitive.Qualified q -> leaf("Qualified " + qualifiers(q.qualifiers()) + " id=" + operand(q.operand()),
                    q.span());
            case Primitive.ProtoAbbrev a -> leaf("ProtoAbbrev " + a.proto().keyword(), a.span());
            case Primitive.Relation r -> new Described("Relation " + r.op().symbol(), r.span(),
                    List.of(new Node.Math(r.left()), new Node.Math(r.right())));
            case Primitive.Broadcast b -> leaf("Broadcast" + proto(b.proto()), b.span());
            case Primitive.Multicast m -> leaf("Multicast" + proto(m.proto()), m.span());
            case Primitive.LengthCompare l -> leaf("LengthCompare " + (l.greater() ? "len >= " : "len <= ")
                    + l.length(), l.span());
            case Primitive.ByteOp b -> leaf("ByteOp byte " + b.index() + " " + b.op() + " " + b.value(), b.span());
            case Primitive.Direction d -> leaf("Direction " + (d.outbound() ? "outbound" : "inbound"), d.span());
            case Primitive.IfIndex i -> leaf("IfIndex " + i.index(), i.span());
            case Primitive.Encapsulation en -> leaf("Encapsulation " + en.kind().keyword()
                    + (en.value().isPresent() ? " " + en.value().getAsLong() : ""), en.span());
            case Primitive.Llc l -> leaf("Llc " + l.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (l.kind() == Primitive.Llc.Kind.S_SUBTYPE || l.kind() == Primitive.Llc.Kind.U_SUBTYPE
                            ? " 0x" + Integer.toHexString(l.subtype()) : ""), l.span());
            case Primitive.PfIfname f -> leaf("PfIfname " + f.name(), f.span());
            case Primitive.PfRuleset f -> leaf("PfRuleset " + f.name(), f.span());
            case Primitive.PfRuleNumber f -> leaf("PfRuleNumber " + f.number(), f.span());
            case Primitive.PfSubruleNumber f -> leaf("PfSubruleNumber " + f.number(), f.span());
            case Primitive.PfReason f -> leaf("PfReason " + f.reason(), f.span());
            case Primitive.PfAction f -> leaf("PfAction " + f.action(), f.span());
            case Primitive.WlanType w -> leaf("WlanType 0x" + Integer.toHexString(w.value()) + " mask 0x"
                    + Integer.toHexString(w.mask()), w.span());
            case Primitive.WlanDir w -> leaf("WlanDir " + w.value(), w.span());
            case Primitive.AtmAbbrev a -> leaf("AtmAbbrev " + a.type().name().toLowerCase(java.util.Locale.ROOT),
                    a.span());
            case Primitive.AtmField a -> leaf("AtmField " + a.field().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + a.op().symbol() + " " + a.value(), a.span());
            case Primitive.Mtp2Abbrev m -> leaf("Mtp2Abbrev " + m.type().name().toLowerCase(java.util.Locale.ROOT),
                    m.span());
            case Primitive.Mtp3Field m -> leaf("Mtp3Field " + m.field().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + m.op().symbol() + " " + m.value(), m.span());
        };
    }

    private static Described describe(Arith a) {
        return switch (a) {
            case Arith.Literal l -> leaf("Literal " + l.value() + (l.value() > 9 ? " (0x" + Long.toHexString(l.value())
                    + ")" : ""), l.span());
            case Arith.PacketLength l -> leaf("PacketLength", l.span());
            case Arith.PacketIndex i -> new Described("PacketIndex " + i.proto().keyword() + "[...:" + i.size() + "]",
                    i.span(), List.of(new Node.Math(i.index())));
            case Arith.Binary b -> new Described("Binary " + b.op().symbol(), b.span(),
                    List.of(new Node.Math(b.left()), new Node.Math(b.right())));
            case Arith.Negate n -> new Described("Negate", n.span(), List.of(new Node.Math(n.operand())));
        };
    }

    private static Described leaf(String label, Span span) {
        return new Described(label, span, List.of());
    }

    /** {@code proto=P dir=D type=T} as written or inherited; {@code -} where none was given. */
    private static String qualifiers(Qualifiers q) {
        return "proto=" + keyword(q.proto().keyword()) + " dir=" + keyword(q.dir().keyword()) + " type="
                + (q.addr() == AddrQualifier.DEFAULT ? "-" : q.addr().keyword());
    }

    private static String keyword(String k) {
        return k == null ? "-" : k.replace(' ', '-');
    }

    private static String proto(ProtoQualifier p) {
        return p == ProtoQualifier.DEFAULT ? "" : " " + p.keyword();
    }

    private static String operand(IdOperand id) {
        String kind = switch (id) {
            case IdOperand.Name n -> "name";
            case IdOperand.Number n -> "number";
            case IdOperand.Ipv4 a -> "ipv4";
            case IdOperand.Ipv4Prefix a -> "ipv4-net";
            case IdOperand.Ipv4Masked a -> "ipv4-net";
            case IdOperand.Ipv6 a -> "ipv6";
            case IdOperand.Ipv6Prefix a -> "ipv6-net";
            case IdOperand.Mac m -> "mac";
            case IdOperand.LinkByte b -> "link-byte";
        };
        return kind + " " + id.text();
    }

    /** {@code 1:5-12}, or {@code 1:5-2:3} across lines; inclusive, 1-based. */
    static String where(Span span, String source) {
        int[] start = lineColumn(source, span.start());
        int[] end = lineColumn(source, Math.max(span.start(), span.end() - 1));
        if (start[0] == end[0]) {
            return start[0] + ":" + start[1] + (end[1] == start[1] ? "" : "-" + end[1]);
        }
        return start[0] + ":" + start[1] + "-" + end[0] + ":" + end[1];
    }

    private static int[] lineColumn(String source, int offset) {
        int at = Math.min(offset, source.length());
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, at - lineStart + 1};
    }

    private static String quoteText(String source, Span span) {
        String text = source.substring(Math.min(span.start(), source.length()), Math.min(span.end(), source.length()))
                .replaceAll("\\s+", " ");
        return "'" + (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 3) + "..." : text) + "'";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
