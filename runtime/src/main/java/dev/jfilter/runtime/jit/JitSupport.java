package dev.jfilter.runtime.jit;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The layouts generated filters read packets with: static finals, so HotSpot folds them into the accesses.
 */
final class JitSupport {
    static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private JitSupport() {}
}
