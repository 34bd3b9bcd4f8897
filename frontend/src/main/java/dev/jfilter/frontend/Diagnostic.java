package dev.jfilter.frontend;

import dev.jfilter.frontend.ast.Span;

/**
 * A problem with a filter expression: what is wrong and where. A value, never thrown; the command line prints it
 * as {@code jfilter: LINE:COLUMN: message}, then the line of the expression and a caret under the span.
 */
public record Diagnostic(Span span, String message) {

    /** The 1-based line of the span's start in {@code source}. */
    public int line(String source) {
        int line = 1;
        for (int i = 0; i < Math.min(span.start(), source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of the span's start within its line of {@code source}. */
    public int column(String source) {
        int lineStart = source.lastIndexOf('\n', Math.min(span.start(), source.length()) - 1) + 1;
        return span.start() - lineStart + 1;
    }

    /** The most characters of the source line a diagnostic shows; a longer line is cut around the span. */
    public static final int EXCERPT_WIDTH = 100;

    /** How many characters before the span an excerpt of a long line keeps. */
    private static final int CONTEXT_BEFORE = 30;

    private static final String ELLIPSIS = "...";

    /**
     * The diagnostic as the command line prints it: {@code prefix: LINE:COLUMN: message}, the source line, and a
     * caret line marking the span (at least one caret, also at the end of the text). A line longer than
     * {@link #EXCERPT_WIDTH} (a generated list of a thousand hosts) is shown as an excerpt around the span, with
     * {@code ...} where it was cut, so the caret stays readable.
     */
    public String format(String prefix, String source) {
        int start = Math.min(span.start(), source.length());
        int lineStart = source.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int from = lineStart;
        int to = lineEnd;
        if (to - from > EXCERPT_WIDTH) {
            from = Math.max(lineStart, start - CONTEXT_BEFORE);
            to = Math.min(lineEnd, from + EXCERPT_WIDTH);
            from = Math.max(lineStart, Math.min(from, to - EXCERPT_WIDTH));
        }
        String head = from > lineStart ? ELLIPSIS : "";
        String tail = to < lineEnd ? ELLIPSIS : "";
        StringBuilder caret = new StringBuilder(" ".repeat(head.length()));
        for (int i = from; i < start; i++) {
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        int carets = Math.max(1, Math.min(Math.min(span.end(), lineEnd), to) - start);
        caret.append("^".repeat(carets));
        return prefix + ": " + line(source) + ":" + column(source) + ": " + message + "\n"
                + "    " + head + source.substring(from, to) + tail + "\n"
                + "    " + caret + "\n";
    }
}
