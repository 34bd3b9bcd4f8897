package dev.jfilter.runtime.capture;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** The cursor of a file that could not be opened or is not a capture: no packets, then the error. */
final class FailedCursor extends PacketCursor {
    private final long offset;
    private final String problem;

    FailedCursor(Path path, MemorySegment file, long offset, String problem) {
        super(path, file);
        this.offset = offset;
        this.problem = problem;
    }

    @Override
    public long nextRecordOffset() {
        return offset;
    }

    @Override
    boolean advance() {
        return fail(offset, problem);
    }
}
