package dev.jfilter.runtime.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Unaligned little-endian reads of file fields; callers swap for big-endian sections. */
final class Bytes {
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {}

    static int i32(MemorySegment file, long offset, boolean bigEndian) {
        int v = file.get(LE_INT, offset);
        return bigEndian ? Integer.reverseBytes(v) : v;
    }

    static long u32(MemorySegment file, long offset, boolean bigEndian) {
        return Integer.toUnsignedLong(i32(file, offset, bigEndian));
    }

    static int u16(MemorySegment file, long offset, boolean bigEndian) {
        short v = file.get(LE_SHORT, offset);
        return Short.toUnsignedInt(bigEndian ? Short.reverseBytes(v) : v);
    }

    static long i64(MemorySegment file, long offset, boolean bigEndian) {
        long v = file.get(LE_LONG, offset);
        return bigEndian ? Long.reverseBytes(v) : v;
    }

    static String hex32(int value) {
        return String.format("0x%08x", value);
    }
}
