package dev.jfilter.testpcaps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal reader of little-endian microsecond pcap files, written independently of the generator's writer. */
public record PcapFile(int versionMajor, int versionMinor, int snaplen, int linkType, List<Record> records) {

    /** One packet record. */
    public record Record(long seconds, long micros, int caplen, int wireLength, byte[] data) {
        /** The byte at {@code i}, unsigned, or -1 past the captured bytes. */
        public int u8(int i) {
            return i < data.length ? data[i] & 0xff : -1;
        }

        /** The big-endian 16-bit value at {@code i}, or -1 past the captured bytes. */
        public int u16(int i) {
            return i + 1 < data.length ? (data[i] & 0xff) << 8 | (data[i + 1] & 0xff) : -1;
        }

        /** The big-endian 32-bit value at {@code i}, or -1 past the captured bytes. */
        public long u32(int i) {
            return i + 3 < data.length ? ((long) u16(i) << 16) | u16(i + 2) : -1;
        }
    }

    /** Parses a whole file; throws on anything but a little-endian microsecond pcap. */
    public static PcapFile parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        if (magic != 0xa1b2c3d4) {
            throw new IllegalArgumentException("bad magic " + Integer.toHexString(magic));
        }
        int major = b.getShort() & 0xffff;
        int minor = b.getShort() & 0xffff;
        b.getInt();
        b.getInt();
        int snaplen = b.getInt();
        int linkType = b.getInt();
        List<Record> records = new ArrayList<>();
        while (b.hasRemaining()) {
            long sec = b.getInt() & 0xffffffffL;
            long usec = b.getInt() & 0xffffffffL;
            int caplen = b.getInt();
            int len = b.getInt();
            byte[] data = Arrays.copyOfRange(file, b.position(), b.position() + caplen);
            b.position(b.position() + caplen);
            records.add(new Record(sec, usec, caplen, len, data));
        }
        return new PcapFile(major, minor, snaplen, linkType, records);
    }
}
