package dev.jfilter.runtime.capture;

/**
 * One item of a capture file's iteration: a packet, or the error that ends the iteration. Every packet read before
 * an error is delivered before it; an error is always the last item.
 *
 * @see CaptureFile#records()
 */
public sealed interface CaptureRecord permits Packet, CaptureError {}
