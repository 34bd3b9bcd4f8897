package dev.jfilter.cfg;

/**
 * A {@link Cfg} as a Graphviz digraph ({@code dot -Tsvg} draws it): one box a block with its statements and its
 * test, a green edge labelled {@code T} where the test holds and a red dashed one labelled {@code F} where it does
 * not, black edges for jumps, and the return blocks filled (green for accept, grey for reject, blue for
 * {@code ret a}) with rounded corners. The entry is marked by an arrow from a point.
 *
 * @see <a href="https://graphviz.org/doc/info/lang.html">The DOT language</a>
 */
public final class CfgDot {
    private CfgDot() {}

    /** The graph as a DOT {@code digraph} named {@code cfg}, with {@code title} as its label. */
    public static String render(Cfg cfg, String title) {
        StringBuilder out = new StringBuilder();
        out.append("digraph cfg {\n");
        out.append("  graph [label=").append(quote(title)).append(", labelloc=t, fontname=\"monospace\"];\n");
        out.append("  node [shape=box, fontname=\"monospace\", fontsize=10];\n");
        out.append("  edge [fontname=\"monospace\", fontsize=10];\n");
        out.append("  entry [shape=point, label=\"\"];\n");
        out.append("  entry -> ").append(cfg.entry()).append(";\n");
        for (Block b : cfg.blocks()) {
            out.append("  ").append(b.id()).append(" [label=").append(quote(label(b)));
            switch (b.terminator()) {
                case Terminator.Return r -> out.append(", style=\"rounded,filled\", fillcolor=")
                        .append(r.value() == 0 ? "\"lightgrey\"" : "\"palegreen\"");
                case Terminator.ReturnA r -> out.append(", style=\"rounded,filled\", fillcolor=\"lightblue\"");
                case Terminator.Branch br -> {}
                case Terminator.Jump j -> {}
            }
            out.append("];\n");
        }
        for (Block b : cfg.blocks()) {
            switch (b.terminator()) {
                case Terminator.Branch br -> {
                    edge(out, b.id(), br.ifTrue(), "label=\"T\", color=\"darkgreen\", fontcolor=\"darkgreen\"");
                    edge(out, b.id(), br.ifFalse(), "label=\"F\", color=\"red\", fontcolor=\"red\", style=dashed");
                }
                case Terminator.Jump j -> edge(out, b.id(), j.target(), "label=\"ja\"");
                case Terminator.Return r -> {}
                case Terminator.ReturnA r -> {}
            }
        }
        return out.append("}\n").toString();
    }

    private static void edge(StringBuilder out, BlockId from, BlockId to, String attributes) {
        out.append("  ").append(from).append(" -> ").append(to).append(" [").append(attributes).append("];\n");
    }

    /** The block's id, statements and terminator, each line left-justified ({@code \l}); targets are the edges. */
    private static String label(Block b) {
        StringBuilder s = new StringBuilder().append(b.id()).append('\n');
        for (Stmt st : b.statements()) {
            s.append(CfgPrinter.statement(st)).append('\n');
        }
        s.append(switch (b.terminator()) {
            case Terminator.Branch br -> CfgPrinter.condition(br.condition());
            case Terminator.Jump j -> "ja";
            case Terminator.Return r -> CfgPrinter.terminator(r);
            case Terminator.ReturnA r -> CfgPrinter.terminator(r);
        }).append('\n');
        return s.toString();
    }

    /** A DOT quoted string; a newline becomes {@code \l} (end of a left-justified line). */
    private static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\l");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
