package dev.jfilter.runtime.capture;

/**
 * A stretch of a capture file for one thread to read: the records from {@code start} (a record's first byte) up to
 * the first record that starts at or past {@code end}. See {@link CaptureFile#parts}.
 *
 * @param start the offset of the part's first record
 * @param end   where the next part starts (the file's size for the last part)
 */
public record FilePart(long start, long end) {
    public FilePart {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad part [" + start + ", " + end + ")");
        }
    }
}
