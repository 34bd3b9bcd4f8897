package dev.jfilter.cli;

import java.lang.foreign.MemorySegment;

/** A compiled filter as {@code jfilter filter} runs it: the program's return value for one packet, 0 to reject. */
@FunctionalInterface
interface Matcher {
    /**
     * @param file       the memory-mapped capture file
     * @param offset     where the packet's first byte is in {@code file}
     * @param captured   the captured length
     * @param wireLength the length on the wire (unsigned)
     */
    int run(MemorySegment file, long offset, int captured, int wireLength);
}
