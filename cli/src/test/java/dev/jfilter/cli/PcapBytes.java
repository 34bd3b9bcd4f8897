package dev.jfilter.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A pcap file as its bytes say, nothing interpreted: the header's fields and each record's header as stored (a
 * fraction field of a second or more stays so), for comparing the files tcpdump and jfilter write. The
 * records end where the bytes do, or at the first one that does not fit.
 *
 * @param bytes   the whole file
 * @param order   the file's byte order, from its magic number
 * @param records the records, in file order
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap</a>
 */
record PcapBytes(byte[] bytes, ByteOrder order, List<Rec> records) {
    static final int HEADER = 24;
    static final int LINK_FIELD = 20;

    /** A record: where its 16-byte header starts, and that header's four fields. */
    record Rec(int offset, long seconds, long fraction, long capturedLength, long wireLength) {}

    static PcapBytes parse(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new IllegalArgumentException("not a pcap file: " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        ByteOrder order = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.LITTLE_ENDIAN
                : Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d
                        ? ByteOrder.BIG_ENDIAN : null;
        if (order == null) {
            throw new IllegalArgumentException("not a pcap file: magic " + Integer.toHexString(magic));
        }
        b.order(order);
        List<Rec> records = new ArrayList<>();
        int at = HEADER;
        while (at + 16 <= bytes.length) {
            long caplen = Integer.toUnsignedLong(b.getInt(at + 8));
            if (at + 16 + caplen > bytes.length) {
                break;
            }
            records.add(new Rec(at, Integer.toUnsignedLong(b.getInt(at)), Integer.toUnsignedLong(b.getInt(at + 4)),
                    caplen, Integer.toUnsignedLong(b.getInt(at + 12))));
            at += 16 + (int) caplen;
        }
        return new PcapBytes(bytes, order, List.copyOf(records));
    }

    /** Whether the timestamps are in nanoseconds (by the magic number). */
    boolean nanoseconds() {
        return ByteBuffer.wrap(bytes).order(order).getInt(0) == 0xa1b23c4d;
    }

    /** The header's link-type field: the link type in the low 16 bits, FCS length and reserved bits above. */
    int linkField() {
        return ByteBuffer.wrap(bytes).order(order).getInt(LINK_FIELD);
    }

    /** Where the last whole record ends (the header's end if there is none). */
    int end() {
        return records.isEmpty() ? HEADER : (int) (records.getLast().offset() + 16 + records.getLast().capturedLength());
    }

    /** The bytes from the first record on (all of them after the file header). */
    byte[] body() {
        return java.util.Arrays.copyOfRange(bytes, HEADER, bytes.length);
    }
}
