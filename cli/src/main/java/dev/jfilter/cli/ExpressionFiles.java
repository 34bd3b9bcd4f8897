package dev.jfilter.cli;

/**
 * The text of a {@code -F} file as tcpdump reads it: a {@code #} starts a comment to the end of its line. Comments
 * become blanks rather than disappearing, so columns in diagnostics still match the file.
 */
final class ExpressionFiles {
    private ExpressionFiles() {}

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
