package dev.jfilter.cli;

import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.runtime.capture.CaptureError;
import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.FilePart;
import dev.jfilter.runtime.capture.PacketCursor;
import dev.jfilter.runtime.jit.PacketFilter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One later part of a pcap file, filtered on a thread of its own while the command works through the parts before
 * it: the record offsets of the matching packets (or just their number, for {@code --count}), where the walk
 * stopped, and the error that stopped it. The command then takes the matches in file order, once the part's start
 * is confirmed as a record boundary (see {@link CaptureFile#parts}).
 */
final class PartScan {
    /** What a finished scan found. */
    record Found(long[] matchOffsets, long matches, long end, Optional<CaptureError> error, long packets) {}

    private final FilePart part;
    private final CompletableFuture<Found> result = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private PartScan(FilePart part) {
        this.part = part;
    }

    /**
     * Starts scanning {@code part} of {@code file} with {@code filter} on a new daemon thread, keeping the offsets
     * of the first {@code keep} matches ({@code 0} to count only).
     */
    static PartScan start(CaptureFile file, FilePart part, PacketFilter filter, long keep) {
        PartScan scan = new PartScan(part);
        Thread.ofPlatform().daemon().name("jfilter-scan-" + part.start()).start(() -> {
            try {
                scan.result.complete(scan.run(file.cursor(part), filter, keep));
            } catch (Throwable t) {
                scan.result.completeExceptionally(t);
            }
        });
        return scan;
    }

    private Found run(PacketCursor cursor, PacketFilter filter, long keep) {
        long[] offsets = new long[keep == 0 ? 0 : 1024];
        int kept = 0;
        long matches = 0;
        long packets = 0;
        while (cursor.next()) {
            packets++;
            if (filter.run(cursor.file(), cursor.dataOffset(), cursor.capturedLength(), (int) cursor.wireLength(),
                    AncillarySource.NONE) != 0) {
                matches++;
                if (kept < keep) {
                    if (kept == offsets.length) {
                        offsets = Arrays.copyOf(offsets, Math.toIntExact(Math.min(keep, 2L * kept)));
                    }
                    offsets[kept++] = cursor.recordOffset();
                } else if (keep != 0) {
                    break;  // the command stops before it needs more
                }
            }
            if ((packets & 0xffff) == 0 && cancelled.get()) {
                break;
            }
        }
        return new Found(Arrays.copyOf(offsets, kept), matches, cursor.nextRecordOffset(), cursor.error(), packets);
    }

    /** The part this scans. */
    FilePart part() {
        return part;
    }

    /** Waits for the scan to finish; rethrows what stopped it abnormally. */
    Found join() {
        return result.join();
    }

    /** Asks the scan to stop soon: its result is not needed. */
    void cancel() {
        cancelled.set(true);
    }
}
