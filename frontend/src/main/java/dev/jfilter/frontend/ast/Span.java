package dev.jfilter.frontend.ast;

/** A range of characters {@code [start, end)} of the expression text, 0-based. */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The smallest span that covers both. */
    public Span union(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }

    /** The number of characters covered. */
    public int length() {
        return end - start;
    }
}
