package dev.jfilter.runtime.kernel;

import java.io.IOException;

/** What a {@link LiveCapture} does with each packet it receives, on the thread that runs its loop. */
@FunctionalInterface
public interface LivePacketHandler {
    /** Takes one packet; its data is valid only during this call. An exception ends the loop. */
    void handle(LivePacket packet) throws IOException;
}
