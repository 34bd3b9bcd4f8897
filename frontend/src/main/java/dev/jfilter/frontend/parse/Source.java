package dev.jfilter.frontend.parse;

import dev.jfilter.frontend.ast.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * The expression text and the mapping from ANTLR's code-point indices to the {@code char} offsets that
 * {@link Span} uses (they differ only after a character outside the Basic Multilingual Plane).
 */
final class Source {

    private final String text;
    private final int[] charOffset; // null when every code point is one char

    Source(String text) {
        this.text = text;
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            charOffset = null;
        } else {
            charOffset = new int[codePoints + 1];
            int offset = 0;
            for (int cp = 0; cp < codePoints; cp++) {
                charOffset[cp] = offset;
                offset = text.offsetByCodePoints(offset, 1);
            }
            charOffset[codePoints] = text.length();
        }
    }

    String text() {
        return text;
    }

    private int offset(int codePointIndex) {
        int clamped = Math.max(0, codePointIndex);
        return charOffset == null ? Math.min(clamped, text.length()) : charOffset[Math.min(clamped, charOffset.length - 1)];
    }

    /** Where a token is; EOF is an empty span at the end of the text. */
    Span span(Token token) {
        if (token.getType() == Token.EOF) {
            return new Span(text.length(), text.length());
        }
        return new Span(offset(token.getStartIndex()), offset(token.getStopIndex() + 1));
    }

    /** From the first token of {@code from} to the last of {@code to}. */
    Span span(Token from, Token to) {
        return span(from).union(span(to));
    }

    /** Where a parse-tree node is. */
    Span span(ParserRuleContext ctx) {
        return span(ctx.getStart(), ctx.getStop() == null ? ctx.getStart() : ctx.getStop());
    }
}
