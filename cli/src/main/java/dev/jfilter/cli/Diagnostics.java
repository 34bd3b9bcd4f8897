package dev.jfilter.cli;

import dev.jfilter.frontend.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/** How the commands print diagnostics: {@code jfilter: LINE:COLUMN: message}, the line, and a caret under the place. */
final class Diagnostics {
    private Diagnostics() {}

    /** Errors: what stopped the compilation. */
    static void print(PrintWriter err, List<Diagnostic> errors, String expression) {
        for (Diagnostic d : errors) {
            err.print(d.format("jfilter", expression));
        }
    }

    /** Warnings: problems that did not stop it. */
    static void printWarnings(PrintWriter err, List<Diagnostic> warnings, String expression) {
        for (Diagnostic w : warnings) {
            err.print(w.format("jfilter: warning", expression));
        }
    }
}
