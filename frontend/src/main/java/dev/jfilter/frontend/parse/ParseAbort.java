package dev.jfilter.frontend.parse;

import dev.jfilter.frontend.Diagnostic;

/**
 * Stops the tree walk at the first error, as YYABORT stops libpcap's parser. Internal to this package: the
 * walk's caller turns it into a {@link dev.jfilter.frontend.Result.Failed}.
 */
final class ParseAbort extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;
    private final int lastTokenIndex;

    /** {@code lastTokenIndex}: the last token of the rule whose action failed (bison runs it after that token). */
    ParseAbort(Diagnostic diagnostic, int lastTokenIndex) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
        this.lastTokenIndex = lastTokenIndex;
    }

    int lastTokenIndex() {
        return lastTokenIndex;
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }
}
