package dev.jfilter.runtime.kernel.netns;

import java.util.Arrays;

/**
 * A crafted Ethernet frame and what it is, for messages ({@code "ipv4 tcp 192.168.251.1:40000 > ...:80 [S]"}).
 * The bytes are copied in and out: a labeled frame cannot change.
 */
public record LabeledFrame(String label, byte[] frame) {
    public LabeledFrame {
        frame = frame.clone();
    }

    /** A copy of the frame's bytes. */
    @Override
    public byte[] frame() {
        return frame.clone();
    }

    public int length() {
        return frame.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabeledFrame f && label.equals(f.label) && Arrays.equals(frame, f.frame);
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + Arrays.hashCode(frame);
    }

    @Override
    public String toString() {
        return label + " (" + frame.length + " bytes)";
    }
}
