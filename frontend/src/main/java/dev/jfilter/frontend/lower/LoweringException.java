package dev.jfilter.frontend.lower;

import dev.jfilter.frontend.ast.Span;
import java.util.Optional;

/**
 * A semantic error found while lowering, with libpcap's message. It unwinds the lowering of one expression the way
 * {@code bpf_error} longjmps out of {@code gencode.c}; {@link Lowering} catches it and returns it as a
 * {@link dev.jfilter.frontend.Diagnostic}, so it never leaves the frontend. Code that knows no span (the link
 * layers) leaves it empty, and the primitive being lowered supplies its own.
 */
public final class LoweringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Span span;
    private final boolean aboutQualifiers;

    /** An error without a span: the enclosing primitive's span applies. */
    public LoweringException(String message) {
        this(null, message, false);
    }

    /** An error about the given part of the expression. */
    public LoweringException(Span span, String message) {
        this(span, message, false);
    }

    private LoweringException(Span span, String message, boolean aboutQualifiers) {
        super(message, null, false, false);
        this.span = span;
        this.aboutQualifiers = aboutQualifiers;
    }

    /** An error about the qualifiers of the primitive being lowered ({@code 'ip6' is not a valid qualifier...}). */
    public static LoweringException qualifier(String message) {
        return new LoweringException(null, message, true);
    }

    /** Whether the error is about the primitive's qualifiers rather than its operand. */
    public boolean aboutQualifiers() {
        return aboutQualifiers;
    }

    /** The part of the expression the error is about, if known. */
    public Optional<Span> span() {
        return Optional.ofNullable(span);
    }

    /** The same error, placed at {@code fallback} when it has no span yet. */
    public LoweringException orAt(Span fallback) {
        return span != null ? this : new LoweringException(fallback, getMessage(), aboutQualifiers);
    }
}
