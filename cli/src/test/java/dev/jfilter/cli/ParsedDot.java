package dev.jfilter.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the DOT language's statement grammar (graph, node, edge and attribute statements; IDs as names,
 * numerals or quoted strings), strict where Graphviz is strict: it throws on anything {@code dot} would reject as a
 * syntax error in these forms. Subgraphs and HTML labels are not supported (jfilter does not write them).
 *
 * @see <a href="https://graphviz.org/doc/info/lang.html">The DOT language</a>
 */
record ParsedDot(String name, Map<String, Map<String, String>> nodes, List<Edge> edges,
        Map<String, Map<String, String>> defaults) {

    /** An edge statement's edge with its attributes. */
    record Edge(String from, String to, Map<String, String> attributes) {}

    static ParsedDot parse(String text) {
        return new Parser(tokens(text)).graph();
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder s = new StringBuilder("\"");
                while (true) {
                    if (j >= text.length()) {
                        throw new IllegalArgumentException("unterminated string at " + i);
                    }
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < text.length()) {
                        s.append(d).append(text.charAt(j + 1));
                        j += 2;
                    } else if (d == '"') {
                        j++;
                        break;
                    } else if (d == '\n') {
                        throw new IllegalArgumentException("raw newline in string at " + j);
                    } else {
                        s.append(d);
                        j++;
                    }
                }
                out.add(s.toString());
                i = j;
            } else if (text.startsWith("->", i)) {
                out.add("->");
                i += 2;
            } else if ("{}[];,=".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                        || text.charAt(j) == '.' || (text.charAt(j) == '-' && !text.startsWith("->", j)))) {
                    j++;
                }
                String id = text.substring(i, j);
                if (!id.matches("[A-Za-z_][A-Za-z_0-9]*|-?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)")) {
                    throw new IllegalArgumentException("not a DOT ID: " + id);
                }
                out.add(id);
                i = j;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' at " + i);
            }
        }
        return out;
    }

    private static final class Parser {
        private final List<String> tokens;
        private int at;
        private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, Map<String, String>> defaults = new LinkedHashMap<>();

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        ParsedDot graph() {
            expect("digraph");
            String name = peek().equals("{") ? "" : id();
            expect("{");
            while (!peek().equals("}")) {
                statement();
                if (peek().equals(";")) {
                    at++;
                }
            }
            expect("}");
            if (at != tokens.size()) {
                throw new IllegalArgumentException("text after the graph: " + tokens.get(at));
            }
            return new ParsedDot(name, nodes, edges, defaults);
        }

        private void statement() {
            String first = id();
            if (first.equals("graph") || first.equals("node") || first.equals("edge")) {
                defaults.put(first, attributes());
            } else if (peek().equals("=")) {
                at++;
                defaults.computeIfAbsent("graph", k -> new LinkedHashMap<>()).put(first, id());
            } else if (peek().equals("->")) {
                List<String> chain = new ArrayList<>(List.of(first));
                while (peek().equals("->")) {
                    at++;
                    chain.add(id());
                }
                Map<String, String> attrs = peek().equals("[") ? attributes() : Map.of();
                for (int i = 0; i + 1 < chain.size(); i++) {
                    edges.add(new Edge(chain.get(i), chain.get(i + 1), attrs));
                }
            } else {
                nodes.put(first, peek().equals("[") ? attributes() : Map.of());
            }
        }

        private Map<String, String> attributes() {
            Map<String, String> attrs = new LinkedHashMap<>();
            expect("[");
            while (!peek().equals("]")) {
                String key = id();
                expect("=");
                attrs.put(key, id());
                if (peek().equals(",") || peek().equals(";")) {
                    at++;
                }
            }
            expect("]");
            return attrs;
        }

        /** An ID; a quoted string without its quotes. */
        private String id() {
            String t = next();
            if (t.startsWith("\"")) {
                return t.substring(1);
            }
            if (t.length() == 1 && "{}[];,=".contains(t) || t.equals("->")) {
                throw new IllegalArgumentException("expected an ID, got '" + t + "'");
            }
            return t;
        }

        private void expect(String token) {
            String t = next();
            if (!t.equals(token)) {
                throw new IllegalArgumentException("expected '" + token + "', got '" + t + "'");
            }
        }

        private String peek() {
            if (at >= tokens.size()) {
                throw new IllegalArgumentException("unexpected end of the graph");
            }
            return tokens.get(at);
        }

        private String next() {
            String t = peek();
            at++;
            return t;
        }
    }
}
