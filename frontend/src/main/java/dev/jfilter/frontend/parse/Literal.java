package dev.jfilter.frontend.parse;

/**
 * The value of a literal token, or libpcap's message for why it has none. Package-private: the parser turns
 * an invalid literal into a {@link dev.jfilter.frontend.Diagnostic} at the token.
 */
sealed interface Literal {

    /** A valid literal. */
    record Value(long value) implements Literal {}

    /** An invalid literal, with libpcap's message. */
    record Invalid(String message) implements Literal {}
}
