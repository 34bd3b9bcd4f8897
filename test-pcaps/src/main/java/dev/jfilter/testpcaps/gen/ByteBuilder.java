package dev.jfilter.testpcaps.gen;

import java.util.Arrays;

/**
 * A growable byte buffer that writes network (big-endian) fields, with little-endian variants for the few
 * headers that use host order (pcap file headers, DLT_NULL address families).
 *
 * <p>Writes return {@code this}, so a header reads like its field list in the RFC.
 */
public final class ByteBuilder {
    private byte[] buf = new byte[64];
    private int size;

    /** Appends the low 8 bits of {@code v}. */
    public ByteBuilder u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /** Appends the low 16 bits of {@code v}, most significant byte first. */
    public ByteBuilder u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    /** Appends {@code v}, most significant byte first. */
    public ByteBuilder u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    /** Appends the low 16 bits of {@code v}, least significant byte first. */
    public ByteBuilder u16le(int v) {
        return u8(v).u8(v >>> 8);
    }

    /** Appends {@code v}, least significant byte first. */
    public ByteBuilder u32le(long v) {
        return u16le((int) v).u16le((int) (v >>> 16));
    }

    /** Appends all of {@code bytes}. */
    public ByteBuilder bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Appends {@code n} copies of {@code value}. */
    public ByteBuilder fill(int n, int value) {
        for (int i = 0; i < n; i++) {
            u8(value);
        }
        return this;
    }

    /** Pads with {@code value} until the length is a multiple of {@code alignment}. */
    public ByteBuilder padTo(int alignment, int value) {
        while (size % alignment != 0) {
            u8(value);
        }
        return this;
    }

    /** Overwrites the 16-bit big-endian field at {@code offset} (for lengths and checksums known only at the end). */
    public ByteBuilder set16(int offset, int v) {
        buf[offset] = (byte) (v >>> 8);
        buf[offset + 1] = (byte) v;
        return this;
    }

    /** Overwrites the byte at {@code offset}. */
    public ByteBuilder set8(int offset, int v) {
        buf[offset] = (byte) v;
        return this;
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
