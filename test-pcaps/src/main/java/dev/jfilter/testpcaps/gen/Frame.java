package dev.jfilter.testpcaps.gen;

import java.util.Arrays;

/**
 * One captured packet: the bytes kept ({@code data}, the pcap record's {@code caplen}) and the length the packet had
 * on the wire ({@code wireLength}, the record's {@code len}, which is what {@code len}, {@code less} and
 * {@code greater} test). A truncated capture has {@code data.length < wireLength}.
 *
 * <p>{@code note} says in a few words what the frame is meant to exercise; it is not written to the file.
 *
 * @see <a href="https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html">the pcap file format</a>
 */
public record Frame(byte[] data, int wireLength, String note) {
    /** Checks the lengths and takes a private copy of the bytes. */
    public Frame {
        if (wireLength < data.length) {
            throw new IllegalArgumentException("wire length " + wireLength + " < captured " + data.length);
        }
        data = data.clone();
    }

    /** A frame captured whole. */
    public static Frame of(byte[] data, String note) {
        return new Frame(data, data.length, note);
    }

    /** This frame with only its first {@code caplen} bytes kept (a snapshot-length cut); the wire length stays. */
    public Frame truncatedTo(int caplen) {
        return new Frame(Arrays.copyOf(data, Math.min(caplen, data.length)), wireLength, note + ", cut at " + caplen);
    }

    /** The captured bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The number of captured bytes. */
    public int capturedLength() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.wireLength == wireLength && Arrays.equals(f.data, data) && f.note.equals(note);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + wireLength;
    }

    @Override
    public String toString() {
        return "Frame[" + data.length + "/" + wireLength + " " + note + "]";
    }
}
