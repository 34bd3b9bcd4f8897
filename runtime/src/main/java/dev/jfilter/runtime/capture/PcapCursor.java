package dev.jfilter.runtime.capture;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a pcap file: a 24-byte file header, then for each packet a record header (16 bytes; 24 in Alexey
 * Kuznetzov's patched format) and the captured bytes. Follows libpcap's {@code sf-pcap.c} on what it accepts: the
 * versions 2.0–2.4 and 543.0, caplen/len swapped in files before 2.3 (and in some 2.3 files), a captured length above
 * the snapshot length delivered cut to it, one above the link type's maximum refused. The link type is the low 16
 * bits of the header's field (as in the draft and libpcap 1.11; 1.10 keeps 26), the FCS length its top 4 bits when
 * the "FCS length present" bit is set.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap</a>
 */
final class PcapCursor extends PacketCursor {
    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;
    static final int MAGIC_KUZNETZOV = 0xa1b2cd34;
    static final int FILE_HEADER_LENGTH = 24;

    private static final int FCS_PRESENT = 0x04000000;
    /** How many well-formed records in a row {@link #findRecord} takes for a boundary. */
    private static final int RUN = 8;


    private enum LengthOrder { NORMAL, SWAPPED, MAYBE_SWAPPED }

    private final boolean bigEndian;
    private final int recordHeaderLength;
    private final LengthOrder lengthOrder;
    private final CaptureInterface iface;
    private final int snapshot;
    private final int maximumCaplen;
    private final long size;
    private long position;
    /** Where the walk stops cleanly: the first record at or past this offset is not read. */
    private long stop = Long.MAX_VALUE;

    private PcapCursor(Path path, MemorySegment file, boolean bigEndian, int magic, int versionMajor,
            int versionMinor, CaptureInterface iface) {
        super(path, file);
        this.bigEndian = bigEndian;
        this.recordHeaderLength = magic == MAGIC_KUZNETZOV ? 24 : 16;
        this.lengthOrder = versionMajor == 543 || versionMinor < 3 ? LengthOrder.SWAPPED
                : versionMinor == 3 ? LengthOrder.MAYBE_SWAPPED : LengthOrder.NORMAL;
        this.iface = iface;
        int adjusted = iface.snapshot();
        // Kuznetzov's cooked-mode captures added a fake Ethernet header after cutting to the snapshot length.
        if (magic == MAGIC_KUZNETZOV && iface.linkType().linktype() == 1) {
            adjusted = adjusted <= Integer.MAX_VALUE - 14 ? adjusted + 14 : Integer.MAX_VALUE;
        }
        this.snapshot = adjusted;
        this.maximumCaplen = CaptureInterface.maximumSnaplen(iface.linkType());
        this.size = file.byteSize();
        this.position = FILE_HEADER_LENGTH;
    }

    /** True if {@code magic} (read little-endian) starts a pcap file in either byte order. */
    static boolean isMagic(int magic) {
        return isNativeMagic(magic) || isNativeMagic(Integer.reverseBytes(magic));
    }

    private static boolean isNativeMagic(int magic) {
        return magic == MAGIC_MICRO || magic == MAGIC_NANO || magic == MAGIC_KUZNETZOV;
    }

    /** A cursor over {@code file}, which starts with a pcap magic number, or one that reports its bad header. */
    static PacketCursor open(Path path, MemorySegment file) {
        int leMagic = file.get(Bytes.LE_INT, 0);
        boolean bigEndian = !isNativeMagic(leMagic);
        int magic = bigEndian ? Integer.reverseBytes(leMagic) : leMagic;
        if (file.byteSize() < FILE_HEADER_LENGTH) {
            return new FailedCursor(path, file, 0, "truncated pcap file header: " + FILE_HEADER_LENGTH
                    + " bytes needed, the file has " + file.byteSize());
        }
        int major = Bytes.u16(file, 4, bigEndian);
        int minor = Bytes.u16(file, 6, bigEndian);
        if (major < 2) {
            return new FailedCursor(path, file, 4, "archaic pcap file format, version " + major + "." + minor);
        }
        if (!(major == 2 && minor <= 4) && !(major == 543 && minor == 0)) {
            return new FailedCursor(path, file, 4, "unsupported pcap file version " + major + "." + minor);
        }
        long snaplen = Bytes.u32(file, 16, bigEndian);
        int linkField = Bytes.i32(file, 20, bigEndian);
        OptionalInt fcs = (linkField & FCS_PRESENT) != 0
                ? OptionalInt.of((linkField >>> 28) * 16)
                : OptionalInt.empty();
        var iface = new CaptureInterface(0, 0, FileLinkType.ofLinktype(linkField & 0xffff), snaplen,
                magic == MAGIC_NANO ? TimestampResolution.NANOSECONDS : TimestampResolution.MICROSECONDS, 0, fcs,
                Optional.empty(), bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return new PcapCursor(path, file, bigEndian, magic, major, minor, iface);
    }

    /** The file's one interface. */
    CaptureInterface fileInterface() {
        return iface;
    }

    /** Limits the walk to the records from {@code part.start()} to the first one at or past {@code part.end()}. */
    void bound(FilePart part) {
        position = part.start();
        stop = part.end();
        resume(part.start());
    }

    @Override
    public long nextRecordOffset() {
        return position;
    }

    @Override
    public void seek(long recordOffset) {
        if (recordOffset < FILE_HEADER_LENGTH || recordOffset >= size) {
            throw new IllegalArgumentException("no record at offset " + recordOffset);
        }
        position = recordOffset;
        stop = Long.MAX_VALUE;
        resume(recordOffset);
    }

    /**
     * The first offset in [{@code from}, {@code until}) where a record header starts a run of {@value #RUN}
     * well-formed records (or well-formed records up to the end of the file), or -1: where a thread can start to
     * read the middle of the file. A packet's bytes can look like such a run, rarely; the caller confirms the
     * boundary when the thread reading the part before it ends there.
     */
    long findRecord(long from, long until) {
        if (recordHeaderLength != 16 || lengthOrder != LengthOrder.NORMAL) {
            return -1;
        }
        for (long at = Math.max(from, FILE_HEADER_LENGTH); at < Math.min(until, size); at++) {
            if (startsRun(at)) {
                return at;
            }
        }
        return -1;
    }

    private boolean startsRun(long start) {
        long fractionLimit = iface.resolution().equals(TimestampResolution.NANOSECONDS) ? 1_000_000_000L
                : 1_000_000L;
        long at = start;
        for (int i = 0; i < RUN && at != size; i++) {
            if (size - at < recordHeaderLength) {
                return false;
            }
            long fraction = Bytes.u32(file, at + 4, bigEndian);
            long caplen = Bytes.u32(file, at + 8, bigEndian);
            long len = Bytes.u32(file, at + 12, bigEndian);
            // Empty records are legal but rare, and a stretch of zeros would look like a run of them.
            if (fraction >= fractionLimit || caplen == 0 || caplen > len || caplen > snapshot
                    || caplen > maximumCaplen || caplen > size - at - recordHeaderLength) {
                return false;
            }
            at += recordHeaderLength + caplen;
        }
        return true;
    }

    @Override
    boolean advance() {
        long at = position;
        long remaining = size - at;
        if (remaining == 0 || at >= stop) {
            return false;
        }
        if (remaining < recordHeaderLength) {
            return fail(at, "truncated record header: " + recordHeaderLength + " bytes needed, " + remaining
                    + " remain");
        }
        long seconds = Bytes.u32(file, at, bigEndian);
        long fraction = Bytes.u32(file, at + 4, bigEndian);
        long caplen = Bytes.u32(file, at + 8, bigEndian);
        long len = Bytes.u32(file, at + 12, bigEndian);
        if (lengthOrder == LengthOrder.SWAPPED || lengthOrder == LengthOrder.MAYBE_SWAPPED && caplen > len) {
            long t = caplen;
            caplen = len;
            len = t;
        }
        if (caplen > maximumCaplen) {
            return fail(at, caplen > snapshot
                    ? "captured length " + caplen + " is bigger than the snapshot length " + snapshot
                    : "captured length " + caplen + " is bigger than the maximum " + maximumCaplen + " for "
                            + iface.linkType().displayName());
        }
        long available = remaining - recordHeaderLength;
        if (caplen > available) {
            return fail(at, "truncated packet: captured length " + caplen + ", " + available
                    + " bytes remain after the record header");
        }
        position = at + recordHeaderLength + caplen;
        readAhead(position);
        // libpcap hands over at most the snapshot length and skips the rest of the record.
        int delivered = (int) Math.min(caplen, snapshot);
        deliver(iface, at, iface.resolution().toNanos(seconds, fraction, 0), delivered, len,
                at + recordHeaderLength);
        return true;
    }
}
