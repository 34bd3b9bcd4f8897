package dev.jfilter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of a {@code -F} file as tcpdump reads it: a {@code #} starts a comment to the end of its line. Comments
 * become blanks rather than disappearing, so columns in diagnostics still match the file.
 */
final class ExpressionFiles {
    private ExpressionFiles() {}

    /** The expression: the words joined with spaces, or the {@code -F} file (when not null) with comments blanked. */
    static String expression(List<String> words, Path file) throws UsageError {
        if (file == null) {
            return String.join(" ", words);
        }
        if (!words.isEmpty()) {
            throw new UsageError("give the expression either in a file (-F) or on the command line, not both");
        }
        try {
            return stripComments(Files.readString(file));
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
    }

    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                comment = false;
            } else if (c == '#') {
                comment = true;
            }
            out.append(comment ? ' ' : c);
        }
        return out.toString();
    }
}
