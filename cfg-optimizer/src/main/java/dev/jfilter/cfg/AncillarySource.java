package dev.jfilter.cfg;

import java.util.OptionalInt;

/**
 * Where an interpreter takes the values of {@link Ancillary} loads from: the kernel's packet metadata for a live
 * capture, or nothing offline, where such a load ends the program with 0 as in libpcap's {@code bpf_filter}.
 */
@FunctionalInterface
public interface AncillarySource {

    /** No metadata: every ancillary load fails. */
    AncillarySource NONE = field -> OptionalInt.empty();

    /** The field's value, or empty if this packet has none. */
    OptionalInt value(Ancillary field);
}
