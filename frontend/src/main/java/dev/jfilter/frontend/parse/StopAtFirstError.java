package dev.jfilter.frontend.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * An ANTLR error strategy that records the first syntax error and stops the parse there: no recovery, no
 * console output, no partial tree (bison's parser likewise stops at its first error). The offending token is
 * the first one that cannot continue the input read so far.
 */
final class StopAtFirstError extends DefaultErrorStrategy {

    private RecognitionException first;

    /** The first error, or null. */
    RecognitionException first() {
        return first;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        if (first == null) {
            first = e;
        }
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        reportError(recognizer, e);
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        InputMismatchException e = new InputMismatchException(recognizer);
        reportError(recognizer, e);
        throw new ParseCancellationException(e);
    }

    @Override
    public void sync(Parser recognizer) {
        // Errors surface at the next prediction or match, at the same token; nothing is skipped here.
    }
}
