package dev.jfilter.cli;

/** A problem with the command line itself, reported in one line with exit status 2. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }
}
