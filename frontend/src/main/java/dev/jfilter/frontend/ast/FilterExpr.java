package dev.jfilter.frontend.ast;

/**
 * A boolean filter expression: {@code and}, {@code or}, {@code not} or a {@link Primitive}.
 * {@code and} and {@code or} have equal precedence and associate to the left (libpcap grammar.y).
 */
public sealed interface FilterExpr permits FilterExpr.And, FilterExpr.Or, FilterExpr.Not, Primitive {

    /** Where the expression is in the source text. */
    Span span();

    /** {@code left and right}; {@code right} is evaluated only when {@code left} holds. */
    record And(FilterExpr left, FilterExpr right, Span span) implements FilterExpr {}

    /** {@code left or right}; {@code right} is evaluated only when {@code left} fails. */
    record Or(FilterExpr left, FilterExpr right, Span span) implements FilterExpr {}

    /** {@code not operand}. */
    record Not(FilterExpr operand, Span span) implements FilterExpr {}
}
