package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A capture file, pcap or pcapng (told apart by the magic number), memory-mapped and read without copying.
 * {@link #open} never throws: a file that cannot be read or is not a capture yields no packets and one
 * {@link CaptureError}, like a file that breaks off halfway yields its packets and then the error.
 *
 * <pre>{@code
 * try (CaptureFile file = CaptureFile.open(path)) {
 *     PacketCursor cursor = file.cursor();
 *     while (cursor.next()) {
 *         run(filter, cursor.file(), cursor.dataOffset(), cursor.capturedLength(), cursor.wireLength());
 *     }
 *     cursor.error().ifPresent(e -> System.err.println(e.message()));
 * }
 * }</pre>
 *
 * <p>Packet data are slices of the mapping: they stay valid until the file (or the caller's arena) is closed.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">pcap</a>
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">pcapng</a>
 */
public final class CaptureFile implements AutoCloseable {

    private final Path path;
    private final MemorySegment contents;
    private final Arena ownArena;
    private final Optional<CaptureFormat> format;
    /** Why the file cannot be read at all, or null. */
    private final String openProblem;

    private CaptureFile(Path path, MemorySegment contents, Arena ownArena, String openProblem) {
        this.path = path;
        this.contents = contents;
        this.ownArena = ownArena;
        this.openProblem = openProblem;
        this.format = openProblem != null ? Optional.empty() : detect(contents);
    }

    /** Opens and maps {@code path} in an arena of its own, released by {@link #close()}. */
    public static CaptureFile open(Path path) {
        Arena arena = Arena.ofShared();
        return open(path, arena, arena);
    }

    /**
     * Opens and maps {@code path} in the caller's {@code arena}: packet data stay valid until the arena closes, and
     * {@link #close()} leaves it open.
     */
    public static CaptureFile open(Path path, Arena arena) {
        return open(path, arena, null);
    }

    private static CaptureFile open(Path path, Arena arena, Arena own) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            MemorySegment contents = size == 0
                    ? MemorySegment.ofArray(new byte[0])
                    : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new CaptureFile(path, contents, own, null);
        } catch (NoSuchFileException e) {
            return failed(path, own, "no such file");
        } catch (AccessDeniedException e) {
            return failed(path, own, "permission denied");
        } catch (IOException | UnsupportedOperationException e) {
            String why = Files.isDirectory(path) ? "is a directory" : String.valueOf(e.getMessage());
            return failed(path, own, "cannot read: " + why);
        }
    }

    private static CaptureFile failed(Path path, Arena own, String problem) {
        return new CaptureFile(path, MemorySegment.ofArray(new byte[0]), own, problem);
    }

    private static Optional<CaptureFormat> detect(MemorySegment contents) {
        if (contents.byteSize() >= 4 && PcapCursor.isMagic(contents.get(Bytes.LE_INT, 0))) {
            return Optional.of(CaptureFormat.PCAP);
        }
        if (PcapngCursor.isPcapng(contents)) {
            return Optional.of(CaptureFormat.PCAPNG);
        }
        return Optional.empty();
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The file's format; empty when it is neither pcap nor pcapng (or could not be read). */
    public Optional<CaptureFormat> format() {
        return format;
    }

    /**
     * The interface a pcap file's header describes, before any packet is read (for a writer of the same kind of
     * file); empty for pcapng, whose interfaces come with its blocks, and for a file that cannot be read.
     */
    public Optional<CaptureInterface> headerInterface() {
        if (openProblem == null && format.orElse(null) == CaptureFormat.PCAP
                && PcapCursor.open(path, contents) instanceof PcapCursor pcap) {
            return Optional.of(pcap.fileInterface());
        }
        return Optional.empty();
    }

    /** The whole file, mapped (empty when it could not be read). */
    public MemorySegment contents() {
        return contents;
    }

    /** A new cursor at the first packet. Cursors are independent; each belongs to one thread. */
    public PacketCursor cursor() {
        if (openProblem != null) {
            return new FailedCursor(path, contents, 0, openProblem);
        }
        return switch (format.orElse(null)) {
            case PCAP -> PcapCursor.open(path, contents);
            case PCAPNG -> PcapngCursor.open(path, contents);
            case null -> new FailedCursor(path, contents, 0, notACapture());
        };
    }

    /**
     * Cuts the file into at most {@code count} parts of at least {@code minimumBytes} each, for as many threads to
     * read at once: each part after the first starts at a place that looks like a record boundary (see
     * {@link PcapCursor}), near an equal share of the file. Only pcap files with 16-byte record headers are cut;
     * other files are one part. A part's boundary is a guess until a cursor over the part before it stops exactly
     * there ({@link PacketCursor#nextRecordOffset()} equals the next part's start): a reader must check that before
     * it uses what it found in the next part.
     */
    public List<FilePart> parts(int count, long minimumBytes) {
        long size = contents.byteSize();
        FilePart whole = new FilePart(0, size);
        if (openProblem != null || format.orElse(null) != CaptureFormat.PCAP
                || !(PcapCursor.open(path, contents) instanceof PcapCursor pcap)) {
            return List.of(whole);
        }
        int n = (int) Math.max(1, Math.min(count, size / Math.max(1, minimumBytes)));
        List<FilePart> parts = new ArrayList<>();
        long start = PcapCursor.FILE_HEADER_LENGTH;
        for (int i = 1; i < n; i++) {
            long target = size / n * i;
            long boundary = pcap.findRecord(Math.max(target, start + 1), target + BOUNDARY_SEARCH);
            if (boundary > start) {
                parts.add(new FilePart(start, boundary));
                start = boundary;
            }
        }
        parts.add(new FilePart(start, size));
        return parts.size() == 1 ? List.of(whole) : List.copyOf(parts);
    }

    /** How far past an equal share {@link #parts} looks for a record boundary: well over one record. */
    private static final long BOUNDARY_SEARCH = 1 << 20;

    /**
     * A new cursor over {@code part} of this file (one of {@link #parts}, or a stretch from a record a cursor stopped
     * at): it reads the records from the part's start and stops cleanly before the first one at or past its end. A
     * part that starts at 0 is the whole file ({@link #parts} of a file it does not cut), read as {@link #cursor()}
     * reads it.
     */
    public PacketCursor cursor(FilePart part) {
        PacketCursor cursor = cursor();
        if (cursor instanceof PcapCursor pcap && part.start() != 0) {
            pcap.bound(part);
        }
        return cursor;
    }

    private String notACapture() {
        long size = contents.byteSize();
        if (size == 0) {
            return "empty file, not a pcap or pcapng capture";
        }
        if (size < 4) {
            return "not a pcap or pcapng capture: " + size + " bytes, too short for a magic number";
        }
        int magic = contents.get(Bytes.LE_INT, 0);
        if (magic == PcapngCursor.SECTION_HEADER) {
            return size < 12
                    ? "truncated pcapng section header block: 12 bytes needed, the file has " + size
                    : "not a pcapng capture: bad byte-order magic "
                            + Bytes.hex32(contents.get(Bytes.LE_INT, 8)) + " in the section header block";
        }
        return "not a pcap or pcapng capture: unknown magic number " + Bytes.hex32(Integer.reverseBytes(magic));
    }

    /** The packets, then the error if the file does not end cleanly. */
    public Iterable<CaptureRecord> records() {
        return () -> new RecordIterator(cursor());
    }

    /** The packets, then the error if the file does not end cleanly, as a sequential stream. */
    public Stream<CaptureRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new RecordIterator(cursor()),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Every packet, and the error that stopped the reading, if any. */
    public Contents readAll() {
        List<Packet> packets = new ArrayList<>();
        PacketCursor cursor = cursor();
        while (cursor.next()) {
            packets.add(cursor.packet());
        }
        return new Contents(packets, cursor.error());
    }

    /** What {@link #readAll()} returns: the packets read, and why reading stopped early if it did. */
    public record Contents(List<Packet> packets, Optional<CaptureError> error) {
        public Contents {
            packets = List.copyOf(packets);
        }
    }

    /** Releases the mapping if this file owns its arena. */
    @Override
    public void close() {
        if (ownArena != null) {
            ownArena.close();
        }
    }

    private static final class RecordIterator implements Iterator<CaptureRecord> {
        private final PacketCursor cursor;
        private CaptureRecord next;
        private boolean errorDelivered;

        RecordIterator(PacketCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (cursor.next()) {
                next = cursor.packet();
                return true;
            }
            if (!errorDelivered && cursor.error().isPresent()) {
                errorDelivered = true;
                next = cursor.error().get();
                return true;
            }
            return false;
        }

        @Override
        public CaptureRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CaptureRecord r = next;
            next = null;
            return r;
        }
    }
}
