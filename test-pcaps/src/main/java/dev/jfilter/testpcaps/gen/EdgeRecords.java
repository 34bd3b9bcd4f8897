package dev.jfilter.testpcaps.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The records every capture holds whatever its link type: nothing or one byte captured (of the same or a longer
 * wire length), and random bytes (some of them cut short of their wire length). What they draw from the pool, and
 * in which order, is part of each capture's bytes: keep it.
 */
final class EdgeRecords {
    private EdgeRecords() {
    }

    /**
     * An empty packet, nothing captured of a {@code nothingCapturedWire}-byte one, a 1-byte packet, and 1 byte
     * captured of a packet of {@code oneByteWireFrom} to {@code oneByteWireTo} bytes.
     */
    static List<Frame> tiny(Pools p, int nothingCapturedWire, int oneByteWireFrom, int oneByteWireTo) {
        byte[] one = p.bytes(1);
        return List.of(new Frame(new byte[0], 0, "empty packet"),
                new Frame(new byte[0], nothingCapturedWire, "nothing captured"), new Frame(one, 1, "1-byte packet"),
                new Frame(one, p.between(oneByteWireFrom, oneByteWireTo), "1 byte captured"));
    }

    /**
     * {@code count} records of 0 to {@code maxLength} random bytes; with probability {@code cutChance} the packet
     * was 1 to {@code maxMissing} bytes longer on the wire.
     */
    static List<Frame> random(Pools p, int count, int maxLength, double cutChance, int maxMissing) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] junk = p.bytes(p.between(0, maxLength));
            out.add(new Frame(junk, junk.length + (p.chance(cutChance) ? p.between(1, maxMissing) : 0),
                    "random bytes"));
        }
        return out;
    }
}
