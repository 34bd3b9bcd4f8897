package dev.jfilter.runtime.capture;

import java.nio.file.Path;

/**
 * Why reading a capture file stopped early: the file, the byte offset of the header, record or block where the
 * problem is, and the problem. A value, never thrown.
 */
public record CaptureError(Path file, long offset, String problem) implements CaptureRecord {

    /** The error as the command line prints it: {@code FILE: offset N: PROBLEM}. */
    public String message() {
        return file + ": offset " + offset + ": " + problem;
    }

    @Override
    public String toString() {
        return message();
    }
}
