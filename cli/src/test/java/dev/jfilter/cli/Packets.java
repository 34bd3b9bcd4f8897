package dev.jfilter.cli;

import dev.jfilter.runtime.capture.CaptureFile;
import dev.jfilter.runtime.capture.Packet;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/** The packets of capture files, copied out of the file's mapping (which closes with the file), for assertions. */
final class Packets {
    private Packets() {}

    /** Every packet of {@code capture}, which must be a valid capture. */
    static List<Packet> of(Path capture) {
        try (CaptureFile f = CaptureFile.open(capture)) {
            CaptureFile.Contents contents = f.readAll();
            if (contents.error().isPresent()) {
                throw new IllegalArgumentException(capture + " is not a valid capture: "
                        + contents.error().get().message());
            }
            return copies(contents.packets());
        }
    }

    /** The packets of {@code capture} before its first problem, if it has one. */
    static List<Packet> before(Path capture) {
        try (CaptureFile f = CaptureFile.open(capture)) {
            return copies(f.readAll().packets());
        }
    }

    private static List<Packet> copies(List<Packet> packets) {
        return packets.stream().map(p -> new Packet(p.captureInterface(), p.offset(), p.timestampNanos(),
                p.capturedLength(), p.wireLength(), MemorySegment.ofArray(p.bytes()))).toList();
    }
}
