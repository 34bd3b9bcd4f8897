package dev.jfilter.testpcaps.gen;

import dev.jfilter.testpcaps.TestPcap;
import java.util.List;
import java.util.Random;

/** SKELETON: replaced by the helper that owns these link types. */
final class SerialCaptures {
    private SerialCaptures() {
    }

    static int[] networkOffsets(TestPcap pcap, byte[] frame) {
        throw new UnsupportedOperationException(pcap.name());
    }

    static List<Frame> frames(TestPcap pcap, Random random) {
        throw new UnsupportedOperationException(pcap.name());
    }
}
