package dev.jfilter.runtime.kernel;

/** Why {@link LiveCapture#loop} returned, with the number of packets it handed to the handler. */
public sealed interface LoopEnd {
    /** Packets handed over in this loop. */
    long packets();

    /** The requested number of packets was reached. */
    record Counted(long packets) implements LoopEnd {}

    /** {@link LiveCapture#stop()} was called (from another thread, or a signal handler). */
    record Stopped(long packets) implements LoopEnd {}

    /** The kernel reported a problem: the interface disappeared, or a call failed. */
    record Failed(long packets, KernelError error) implements LoopEnd {}
}
