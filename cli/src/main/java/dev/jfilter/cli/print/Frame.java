package dev.jfilter.cli.print;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The captured bytes of one packet, read big-endian with bounds checks: a read past the captured length returns
 * -1, so that the printers can say where a packet is cut off instead of failing.
 *
 * @param bytes    the memory holding the packet (a mapped capture file)
 * @param base     where the packet's first byte is in {@code bytes}
 * @param captured the captured length
 */
record Frame(MemorySegment bytes, long base, int captured) {

    /** Whether {@code n} bytes from {@code at} were captured. */
    boolean has(int at, int n) {
        return at >= 0 && n >= 0 && (long) at + n <= captured;
    }

    int u8(int at) {
        return has(at, 1) ? Byte.toUnsignedInt(bytes.get(ValueLayout.JAVA_BYTE, base + at)) : -1;
    }

    int u16(int at) {
        return has(at, 2) ? u8(at) << 8 | u8(at + 1) : -1;
    }

    long u32(int at) {
        return has(at, 4) ? (long) u16(at) << 16 | u16(at + 2) : -1;
    }

    /** A 32-bit field in little-endian order (BSD loopback headers are in the writer's byte order). */
    long u32le(int at) {
        return has(at, 4) ? Long.reverseBytes(u32(at)) >>> 32 : -1;
    }
}
