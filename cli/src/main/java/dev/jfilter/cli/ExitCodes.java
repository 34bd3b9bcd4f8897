package dev.jfilter.cli;

/** The command's exit statuses. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** The filter expression has a problem; the diagnostic says which and where. */
    static final int EXPRESSION = 1;
    /** A bad option, a missing file, or an environment problem. */
    static final int USAGE = 2;

    private ExitCodes() {}
}
