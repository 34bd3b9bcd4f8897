package dev.jfilter.runtime.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes pcap and pcapng bytes by hand, in either byte order, including malformed ones, and remembers where each
 * record or block starts and ends and whether it carries a packet: what the truncation tests cut against.
 */
final class CaptureBuilder {
    /** A pcapng option. */
    record Option(int code, byte[] value) {
        static Option u8(int code, int value) {
            return new Option(code, new byte[] {(byte) value});
        }

        static Option text(int code, String value) {
            return new Option(code, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A record or block: where it is, and whether the reader delivers a packet for it. */
    record Unit(long start, long end, boolean packet) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Unit> units = new ArrayList<>();
    private ByteOrder order;

    private CaptureBuilder(ByteOrder order) {
        this.order = order;
    }

    // ---- pcap

    static CaptureBuilder pcap(ByteOrder order, int magic, int major, int minor, long snaplen, int linkField) {
        CaptureBuilder b = new CaptureBuilder(order);
        ByteBuffer header = b.buffer(24);
        header.putInt(magic).putShort((short) major).putShort((short) minor).putInt(0).putInt(0)
                .putInt((int) snaplen).putInt(linkField);
        b.emit(header, false);
        return b;
    }

    static CaptureBuilder pcap(ByteOrder order, boolean nano, long snaplen, int linktype) {
        return pcap(order, nano ? 0xa1b23c4d : 0xa1b2c3d4, 2, 4, snaplen, linktype);
    }

    CaptureBuilder record(long seconds, long fraction, long caplen, long len, byte[] data) {
        ByteBuffer r = buffer(16 + data.length);
        r.putInt((int) seconds).putInt((int) fraction).putInt((int) caplen).putInt((int) len).put(data);
        return emit(r, true);
    }

    CaptureBuilder record(long seconds, long fraction, byte[] data) {
        return record(seconds, fraction, data.length, data.length, data);
    }

    // ---- pcapng

    static CaptureBuilder pcapng(ByteOrder order) {
        return new CaptureBuilder(order).shb(order);
    }

    CaptureBuilder shb(ByteOrder sectionOrder, Option... options) {
        order = sectionOrder;
        ByteBuffer body = buffer(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D0D0A, body.array(), false, options);
    }

    CaptureBuilder idb(int linktype, long snaplen, Option... options) {
        ByteBuffer body = buffer(8);
        body.putShort((short) linktype).putShort((short) 0).putInt((int) snaplen);
        return block(1, body.array(), false, options);
    }

    CaptureBuilder epb(long interfaceId, long units, long caplen, long len, byte[] data, Option... options) {
        ByteBuffer body = buffer(20 + padded(data.length));
        body.putInt((int) interfaceId).putInt((int) (units >>> 32)).putInt((int) units).putInt((int) caplen)
                .putInt((int) len).put(data);
        return block(6, body.array(), true, options);
    }

    CaptureBuilder epb(long interfaceId, long units, byte[] data, Option... options) {
        return epb(interfaceId, units, data.length, data.length, data, options);
    }

    CaptureBuilder spb(long len, byte[] data) {
        ByteBuffer body = buffer(4 + padded(data.length));
        body.putInt((int) len).put(data);
        return block(3, body.array(), true);
    }

    CaptureBuilder pb(int interfaceId, int drops, long units, byte[] data) {
        ByteBuffer body = buffer(20 + padded(data.length));
        body.putShort((short) interfaceId).putShort((short) drops).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(data.length).put(data);
        return block(2, body.array(), true);
    }

    /** A block of any type, skipped by the reader unless it is one it knows. */
    CaptureBuilder block(int type, byte[] body, Option... options) {
        return block(type, body, false, options);
    }

    private CaptureBuilder block(int type, byte[] body, boolean packet, Option... options) {
        int optionLength = 0;
        for (Option o : options) {
            optionLength += 4 + padded(o.value().length);
        }
        if (options.length > 0) {
            optionLength += 4;
        }
        int length = 12 + padded(body.length) + optionLength;
        ByteBuffer b = buffer(length);
        b.putInt(type).putInt(length).put(body);
        b.position(8 + padded(body.length));
        for (Option o : options) {
            b.putShort((short) o.code()).putShort((short) o.value().length).put(o.value());
            b.position(b.position() + padded(o.value().length) - o.value().length);
        }
        if (options.length > 0) {
            b.putInt(0);
        }
        b.putInt(length);
        return emit(b, packet);
    }

    /** Bytes as they are, for malformed files; not a unit of their own. */
    CaptureBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    // ----

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private CaptureBuilder emit(ByteBuffer b, boolean packet) {
        long start = out.size();
        out.writeBytes(b.array());
        units.add(new Unit(start, out.size(), packet));
        return this;
    }

    private static int padded(int n) {
        return (n + 3) & ~3;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    List<Unit> units() {
        return List.copyOf(units);
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    static byte[] data(int length, int seed) {
        byte[] d = new byte[length];
        for (int i = 0; i < length; i++) {
            d[i] = (byte) (seed * 31 + i * 7);
        }
        return d;
    }
}
